/**
 * `ctx.files.save` and `tool_end` `attachments` (option `toolOutputAttachments` shows them): a real
 * server, real SQLite, real files on disk. The files are the user's, readable through the file
 * route with their client secret only, stored with the answer, kept with the conversation and its
 * copies, and refused with a clear error when they are not the user's or not files at all.
 */
import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { runAnswer } from '../testing/answer-run.js'

let stranger = ''
const maker = defineAgent({
  id: 'maker',
  name: 'Maker',
  async *run(ctx) {
    const id = 'step-1'
    yield { type: 'tool_start', id, name: 'export' }
    switch (ctx.input.text) {
      case 'stranger':
        yield { type: 'tool_end', id, attachments: [stranger] }
        return
      case 'not a list':
        yield { type: 'tool_end', id, attachments: 'x' } as unknown as AgentEvent
        return
      case 'bad type': {
        const f = await ctx.files.save({ name: 'tool.exe', bytes: new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2, 3]) }).catch((e: Error) => e.message)
        yield { type: 'tool_end', id, output: f }
        return
      }
      default: {
        const csv = await ctx.files.save({ name: 'sales.csv', bytes: 'q,sales\nQ1,3\n' })
        yield { type: 'tool_end', id, output: { rows: 1 }, attachments: [csv] }
        yield { type: 'text', text: 'Here is the export.' }
      }
    }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [maker] })))
afterAll(() => s.close())

describe('files a tool step shows', () => {
  it('ctx.files.save stores a file of the user; tool_end attachments put it on the step, streamed and stored', async () => {
    const { events, stored } = await runAnswer(s, 'maker', 'export')
    const file = { id: expect.any(String), name: 'sales.csv', mimeType: 'text/csv', size: 'q,sales\nQ1,3\n'.length }
    const step = { type: 'component', id: 'step-1', data: expect.objectContaining({ status: 'success', output: { rows: 1 }, attachments: [file] }) }
    expect(events).toContainEqual({ type: 'message', data: step })
    expect(stored[0]).toEqual(step)
    const id = stored[0].data.attachments[0].id
    // The owner reads it through the file route; another user of the assistant cannot.
    const own = await s.call(await s.session('u', 'maker'), 'GET', `/contexts/file/${id}`)
    expect(own.status).toBe(200)
    expect(await own.text()).toBe('q,sales\nQ1,3\n')
    expect((await s.call(await s.session('other', 'maker'), 'GET', `/contexts/file/${id}`)).status).toBe(404)
    // Linked to the conversation: it lives as long as that.
    const links = () => s.store.db.prepare('SELECT thread_id FROM file_links WHERE file_id = ?').all(id)
    expect(links().length).toBe(1)
    // "Branch in new chat": the copy links it too, so deleting either conversation keeps it for the other.
    const secret = await s.session('u', 'maker')
    const thread = (links()[0] as { thread_id: string }).thread_id
    expect((await s.call(secret, 'POST', `/threads/${thread}/copy`, {})).status).toBe(200)
    expect(links().length).toBe(2)
  })

  it('a file of another user, or attachments that are not a list, end the run with a clear error', async () => {
    const secret = await s.session('someone-else', 'maker')
    const up = new FormData()
    up.append('file', new Blob(['theirs']), 'theirs.txt')
    stranger = (
      (await (await fetch(`${s.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: up })).json()) as { id: string }
    ).id
    const a = await runAnswer(s, 'maker', 'stranger')
    expect(a.events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(/attachments: no file .* of this user/) })
    const b = await runAnswer(s, 'maker', 'not a list')
    expect(b.events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(/attachments must be an array/) })
  })

  it('ctx.files.save refuses a type uploads refuse, saying why', async () => {
    const { stored } = await runAnswer(s, 'maker', 'bad type')
    expect(stored[0].data.output).toMatch(/^files\.save: .*unsupported type/)
  })

  it('the demo agent\'s "report" step saves a CSV and a chart image and shows both', async () => {
    const { stored } = await runAnswer(s, 'demo', 'a report please')
    const step = stored.find((p: { id?: string }) => p.id?.endsWith('-make_report'))
    expect(step.data.attachments.map((f: { name: string; mimeType: string }) => [f.name, f.mimeType])).toEqual([
      ['word-count.csv', 'text/csv'],
      ['chart.png', 'image/png'],
    ])
  })
})
