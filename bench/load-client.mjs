// A load client of `pnpm bench:server`, in a process of its own so its CPU is not the server's:
// opens its share of the sessions and threads, then on `go` streams one run on each and reports
// every token's yield → receipt delay, tokens received and errors.
import http from 'node:http'
import { performance } from 'node:perf_hooks'

// One connection per request: an idle keep-alive socket the server already closed would fail the next stream.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
const now = () => performance.timeOrigin + performance.now()

function request(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, resolve)
    req.on('error', reject)
    req.end(body)
  })
}
async function json(method, url, headers, body) {
  const res = await request(method, url, { 'content-type': 'application/json', ...headers }, JSON.stringify(body))
  let text = ''
  for await (const c of res) text += c
  if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${text}`)
  return JSON.parse(text)
}

/**
 * One run: counts its tokens and records each token's delay; any deviation is an error. Returns
 * the rate the stream delivered at once it flowed (tokens/s between its first and last token).
 */
async function stream(api, secret, threadId, expected, delays) {
  const res = await request(
    'POST',
    `${api}/threads/${threadId}/runs/stream`,
    { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    JSON.stringify({ input: { input: { input: 'bench' } } }),
  )
  if (res.statusCode !== 200) throw new Error(`runs/stream: ${res.statusCode}`)
  res.setEncoding('utf8')
  let buffer = ''
  let tokens = 0
  let complete = false
  let first = 0
  let last = 0
  for await (const chunk of res) {
    const at = now()
    buffer += chunk
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = block.split('\n').find((l) => l.startsWith('data: '))
      if (!data) continue
      const env = JSON.parse(data.slice(6))
      if (env.type === 'message' && env.data.type === 'text') {
        // Merged deltas carry several stamped tokens: each is one token with its own delay.
        const stamps = env.data.text.split(';').slice(0, -1)
        for (const t of stamps) delays.push(at - Number(t))
        tokens += stamps.length
        first ||= at
        last = at
      } else if (env.type === 'event' && env.event === 'on_conversation_end') complete = env.data.status === 'idle'
    }
  }
  if (!complete || tokens !== expected) throw new Error(`stream ended with ${tokens}/${expected} tokens, complete=${complete}`)
  return tokens > 1 ? ((tokens - 1) * 1000) / (last - first) : 0
}

const SETUP_AT_ONCE = 50
async function inBatches(count, size, make) {
  const out = []
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))))
  return out
}

let setup
process.on('message', async (m) => {
  if (m.type === 'setup') {
    // A few at a time: a thousand connections at once overflow the server's accept backlog (resets).
    setup = await inBatches(m.count, SETUP_AT_ONCE, async (i) => {
      const s = await json(
        'POST',
        `${m.api}/v1/chatkit/sessions`,
        { authorization: `Bearer ${m.apiKey}` },
        { assistant: { id: m.agent }, user: `bench-${m.tag}-${i}` },
      )
      const t = await json('POST', `${m.api}/threads`, { authorization: `Bearer ${s.client_secret}` }, {})
      return { secret: s.client_secret, threadId: t.thread_id }
    }).catch((e) => process.send({ type: 'failed', error: e.message }))
    if (setup) process.send({ type: 'setup' })
  } else if (m.type === 'go') {
    const delays = []
    const errors = []
    const started = now()
    const rates = await Promise.all(
      setup.map(({ secret, threadId }) => stream(m.api, secret, threadId, m.tokens, delays).catch((e) => (errors.push(e.message), 0))),
    )
    process.send({ type: 'done', delays, errors, rate: rates.reduce((a, b) => a + b, 0), started, ended: now() })
  } else if (m === 'stop') {
    agent.destroy()
    process.exit(0)
  }
})
process.send({ type: 'ready' })
