import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventType, type BaseEvent, type RunAgentInput } from '@ag-ui/core'
import { EventEncoder } from '@ag-ui/encoder'

/**
 * A local AG-UI agent server built with the official packages (`@ag-ui/core` events,
 * `@ag-ui/encoder` SSE): each run's script is picked by the last user message.
 */
export async function startAgUiServer() {
  const inputs: RunAgentInput[] = []
  let disconnected = 0
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', async () => {
      const input = JSON.parse(raw) as RunAgentInput
      inputs.push(input)
      const encoder = new EventEncoder({ accept: String(req.headers.accept ?? '') })
      res.writeHead(200, { 'content-type': encoder.getContentType() })
      let open = true
      res.on('close', () => void (open && (disconnected++, (open = false))))
      const send = (e: Record<string, unknown>) => open && res.write(encoder.encode(e as unknown as BaseEvent))
      const ids = { threadId: input.threadId, runId: input.runId }
      const say = (messageId: string, ...parts: string[]) => {
        send({ type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant' })
        for (const delta of parts) send({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta })
        send({ type: EventType.TEXT_MESSAGE_END, messageId })
      }
      send({ type: EventType.RUN_STARTED, ...ids })
      const last = input.messages.at(-1)!
      const text = last.role === 'user' ? String(last.content) : ''
      if (input.resume?.length) {
        say('r1', `Decision: ${JSON.stringify(input.resume[0].payload)}`)
      } else if (last.role === 'tool') {
        say('t1', `You picked ${last.content}.`)
      } else if (text.includes('weather')) {
        send({ type: EventType.STEP_STARTED, stepName: 'lookup' })
        send({ type: EventType.TOOL_CALL_START, toolCallId: 'w1', toolCallName: 'get_weather' })
        send({ type: EventType.TOOL_CALL_ARGS, toolCallId: 'w1', delta: '{"city":' })
        send({ type: EventType.TOOL_CALL_ARGS, toolCallId: 'w1', delta: '"Rome"}' })
        send({ type: EventType.TOOL_CALL_END, toolCallId: 'w1' })
        send({ type: EventType.TOOL_CALL_RESULT, messageId: 'tr1', toolCallId: 'w1', content: '{"temp":25}' })
        send({ type: EventType.STATE_DELTA, delta: [{ op: 'replace', path: '/progress', value: 2 }] })
        send({ type: EventType.STEP_FINISHED, stepName: 'lookup' })
        say('m2', 'Sunny, 25.')
      } else if (text.includes('fail')) {
        say('m3', 'Partial')
        send({ type: EventType.RUN_ERROR, message: 'upstream timeout' })
        return void res.end()
      } else if (text.includes('slow')) {
        send({ type: EventType.TEXT_MESSAGE_START, messageId: 'm4', role: 'assistant' })
        for (let i = 0; open && i < 500; i++) {
          send({ type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'm4', delta: `w${i} ` })
          await new Promise((r) => setTimeout(r, 20))
        }
        return void res.end()
      } else if (text.includes('approve')) {
        say('m5', 'I need your OK.')
        send({
          type: EventType.RUN_FINISHED,
          ...ids,
          outcome: { type: 'interrupt', interrupts: [{ id: 'int-1', reason: 'confirm_send', message: 'Send the email?' }] },
        })
        return void res.end()
      } else if (text.includes('color')) {
        send({ type: EventType.TOOL_CALL_START, toolCallId: 'p1', toolCallName: 'pick_color' })
        send({ type: EventType.TOOL_CALL_ARGS, toolCallId: 'p1', delta: '{"prompt":"Pick"}' })
        send({ type: EventType.TOOL_CALL_END, toolCallId: 'p1' })
      } else if (text.includes('future')) {
        send({ type: EventType.ACTIVITY_SNAPSHOT, messageId: 'a1', activityType: 'PLAN', content: { steps: ['one'] } })
        send({ type: EventType.ACTIVITY_SNAPSHOT, messageId: 'a1', activityType: 'PLAN', content: { steps: ['one', 'two'] } })
        say('m6', 'ok')
      } else {
        say('m1', 'Hello', ' from AG-UI')
        send({ type: EventType.STATE_SNAPSHOT, snapshot: { progress: 1 } })
        send({ type: EventType.CUSTOM, name: 'progress', value: { pct: 100 } })
      }
      send({ type: EventType.RUN_FINISHED, ...ids, usage: [{ inputTokens: 7, outputTokens: 3 }] })
      res.end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent`,
    inputs,
    disconnected: () => disconnected,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
