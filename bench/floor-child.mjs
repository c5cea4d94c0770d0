// The floor of `pnpm bench:server`: a bare node:http SSE server that streams the same envelopes as
// ChatKit at the same rate, from memory — no auth, no storage, no engine. What it costs per token
// is what any Node SSE server pays on this machine; ChatKit's backends are reported against it.
// It answers the session and thread calls of the load client trivially so the client is the same.
import http from 'node:http'
import agent, { stampToken } from './bench-agent.mjs'

const TOKENS = Number(process.env.BENCH_TOKENS ?? 100)
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 50)
const SSE = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' }
let threads = 0

function stream(res, threadId) {
  res.writeHead(200, SSE)
  res.socket.setNoDelay(true)
  const messageId = `msg-${threadId}`
  let seq = 0
  const send = (env) => res.write(`id: ${++seq}-0\ndata: ${JSON.stringify(env)}\n\n`)
  send({ type: 'event', event: 'on_message_start', data: { id: messageId, role: 'ai' } })
  let sent = 0
  const tick = () => {
    if (res.destroyed) return
    if (sent++ < TOKENS) {
      send({ type: 'message', data: { type: 'text', text: stampToken(), id: messageId } })
      setTimeout(tick, INTERVAL_MS)
      return
    }
    send({ type: 'event', event: 'on_message_end', data: { id: messageId, status: 'success' } })
    send({ type: 'event', event: 'on_conversation_end', data: { id: threadId, status: 'idle' } })
    res.end()
  }
  setTimeout(tick, INTERVAL_MS)
}

const server = http.createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    const run = /\/threads\/([^/]+)\/runs\/stream$/.exec(req.url)
    if (run) return stream(res, run[1])
    const body = req.url.endsWith('/sessions') ? { client_secret: 'cs-floor' } : { thread_id: `t${++threads}` }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
})
server.maxConnections = 10_000
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'ready', api: `http://127.0.0.1:${server.address().port}/api/ai`, apiKey: 'floor', agent: agent.id })
})
process.on('message', (m) => m === 'stop' && server.close(() => process.exit(0)))
