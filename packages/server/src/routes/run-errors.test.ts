import { MemoryRunEventLog } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, testClock, type TestServer } from '../testing/harness.js'

let s: TestServer
// One clock for the handler and its event log: retention expires when the test moves it.
const clock = testClock()
beforeAll(async () => void (s = await startTestServer({ delayMs: 0, clock, eventLog: new MemoryRunEventLog({ retainMs: 800, clock }) })))
afterAll(() => s.close())

const error = async (res: Response) => ({ status: res.status, ...(await res.json()).error })

describe('run error paths', () => {
  it('400 for malformed run requests, naming the field', async () => {
    const a = await s.session('err')
    const id = await s.thread(a)
    const cases: [unknown, string, string][] = [
      [{ input: { input: { input: 'x' } }, followUpMode: 'later' }, 'invalid_request', 'followUpMode:'],
      [{ input: { input: { input: 'x' } }, on_disconnect: 'maybe' }, 'invalid_request', 'on_disconnect:'],
      [{ input: { input: { input: '   ' } } }, 'invalid_request', 'input.input.input:'],
      [{ input: { action: { payload: {} } } }, 'invalid_request', 'input.action.type:'],
      [{ input: { command: { resume: { nothing: true } } } }, 'invalid_request', 'input.command.resume:'],
      [{ retry: 'yes', input: {} }, 'invalid_request', 'retry:'],
      [{ retry: true }, 'nothing_to_retry', 'retry:'],
      [{ input: { input: { input: 'x', files: [{ id: 'nope' }] } } }, 'file_not_found', 'input.input.files[0].id:'],
    ]
    for (const [body, code, field] of cases) {
      const e = await error(await s.call(a, 'POST', `/threads/${id}/runs/stream`, body))
      expect(e, JSON.stringify(body)).toMatchObject({ status: 400, code })
      expect(e.message.startsWith(field), e.message).toBe(true)
    }
  })

  it('400 for a Last-Event-ID the run never issued, 410 once its events expired', async () => {
    const a = await s.session('err-join')
    const id = await s.thread(a)
    const res = await s.call(a, 'POST', `/threads/${id}/runs/stream`, s.runBody('hi'))
    const runId = res.headers.get('x-run-id')!
    await res.text()
    const join = (last: string) => s.call(a, 'GET', `/threads/${id}/runs/${runId}/stream`, undefined, { 'last-event-id': last })
    expect(await error(await join('abc'))).toMatchObject({ status: 400, code: 'invalid_event_id' })
    expect(await error(await join('999999-0'))).toMatchObject({ status: 400, code: 'invalid_event_id' })
    const replay = await join('1-0')
    expect([replay.status, (await replay.text()).includes('"on_conversation_end"')]).toEqual([200, true])
    clock.advance(800)
    expect(await error(await join('1-0'))).toMatchObject({ status: 410, code: 'run_events_expired' })
  })

  it('503 for new runs once the server is shutting down', async () => {
    const t = await startTestServer({ delayMs: 0 })
    const a = await t.session('err-stop')
    const id = await t.thread(a)
    await t.handler.shutdown(100)
    expect(await error(await t.call(a, 'POST', `/threads/${id}/runs/stream`, t.runBody('hi')))).toMatchObject({ status: 503, code: 'shutting_down' })
    await t.close()
  })
})
