import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

type Msg = { role: string; content?: unknown; tool_calls?: { id: string; function: { name: string } }[]; tool_call_id?: string }
export type Reply = { text?: string[]; toolCall?: { id: string; name: string; args: unknown }; failAfter?: string; slow?: boolean }

/**
 * A local stand-in for an OpenAI chat-completions endpoint, speaking its real streaming wire
 * format (`data: {chat.completion.chunk}` … `data: [DONE]`); `reply(messages)` scripts each answer.
 */
export async function startFakeChatCompletions(reply: (messages: Msg[]) => Reply) {
  const requests: { messages: Msg[]; tools?: { function: { name: string } }[] }[] = []
  let closedEarly = 0
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', async () => {
      const body = JSON.parse(raw)
      requests.push(body)
      const r = reply(body.messages)
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      let open = true
      res.on('close', () => void (open && !res.writableFinished && closedEarly++, (open = false)))
      res.write(chunk({ role: 'assistant', content: '' }))
      if (r.toolCall) {
        res.write(
          chunk({
            tool_calls: [{ index: 0, id: r.toolCall.id, type: 'function', function: { name: r.toolCall.name, arguments: JSON.stringify(r.toolCall.args) } }],
          }),
        )
        res.write(chunk({}, 'tool_calls'))
      } else {
        for (let i = 0; open && i < (r.slow ? 400 : (r.text ?? []).length); i++) {
          res.write(chunk({ content: r.slow ? `w${i} ` : r.text![i] }))
          if (r.slow) await new Promise((ok) => setTimeout(ok, 20))
        }
        if (r.failAfter) return void res.end(`data: ${JSON.stringify({ error: { message: r.failAfter, type: 'server_error' } })}\n\n`)
        if (open) res.write(chunk({}, 'stop'))
      }
      if (open)
        res.end(
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } })}\n\ndata: [DONE]\n\n`,
        )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    closedEarly: () => closedEarly,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
