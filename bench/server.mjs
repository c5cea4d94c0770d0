// `pnpm bench:server`: N concurrent streaming runs against one server process (not a test).
// Prints errors (must be 0), the p50/p99 delay between the agent's yield and the client's
// receipt, and the server's memory per stream. Build first: `pnpm build`.
// Knobs: BENCH_LEVELS (200,1000), BENCH_TOKENS (100), BENCH_INTERVAL_MS (50), BENCH_PERSIST_MS
// (the server's periodic answer save, default 1000), BENCH_PROF=1 (CPU profile of the server).
// Exits non-zero when a stream failed or the server's heap (after GC) did not come back to within
// HEAP_SLACK_MB of where it started. With HARDENING_REPORT set (`pnpm test:hardening`), it also
// records the run in the hardening ledger as "load".
import { fork } from 'node:child_process'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const LEVELS = (process.env.BENCH_LEVELS ?? '200,1000').split(',').map(Number)
/** After the runs and a GC, the heap may stay this far above its starting point (caches, SQLite statements). */
const HEAP_SLACK_MB = 20
// One connection per request: an idle keep-alive socket the server already closed would fail the next stream.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
const now = () => performance.timeOrigin + performance.now()

const child = fork(fileURLToPath(new URL('./server-child.mjs', import.meta.url)), [], { execArgv: ['--expose-gc', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bench-prof'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
const messages = []
let wake = () => {}
child.on('message', (m) => {
  messages.push(m)
  wake()
})
async function next(type) {
  for (;;) {
    const i = messages.findIndex((m) => m.type === type)
    if (i >= 0) return messages.splice(i, 1)[0]
    await new Promise((r) => (wake = r))
  }
}

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

/** One run: counts its tokens and records each token's delay; any deviation is an error. */
async function stream(api, secret, threadId, expected, delays) {
  const res = await request('POST', `${api}/threads/${threadId}/runs/stream`, { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, JSON.stringify({ input: { input: { input: 'bench' } } }))
  if (res.statusCode !== 200) throw new Error(`runs/stream: ${res.statusCode}`)
  res.setEncoding('utf8')
  let buffer = ''
  let tokens = 0
  let complete = false
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
        delays.push(at - Number(env.data.text.slice(0, -1)))
        tokens++
      } else if (env.type === 'event' && env.event === 'on_conversation_end') complete = env.data.status === 'idle'
    }
  }
  if (!complete || tokens !== expected) throw new Error(`stream ended with ${tokens}/${expected} tokens, complete=${complete}`)
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`

const ready = await next('ready')
const totals = { streams: 0, completed: 0, errors: 0, levels: [] }
let baseline = null
let lastAfter = null
console.log(`bench: ${ready.tokens} tokens per run, one every ${ready.intervalMs} ms (${1000 / ready.intervalMs} tokens/s per stream); server in a separate process`)
for (const n of LEVELS) {
  const errors = []
  const setup = await Promise.all(Array.from({ length: n }, async (_, i) => {
    const s = await json('POST', `${ready.api}/v1/chatkit/sessions`, { authorization: `Bearer ${ready.apiKey}` }, { assistant: { id: 'bench' }, user: `bench-${n}-${i}` })
    const t = await json('POST', `${ready.api}/threads`, { authorization: `Bearer ${s.client_secret}` }, {})
    return { secret: s.client_secret, threadId: t.thread_id }
  }))
  child.send('mem-start')
  const { before } = await next('mem-start')
  const delays = []
  const started = now()
  await Promise.all(setup.map(({ secret, threadId }) => stream(ready.api, secret, threadId, ready.tokens, delays).catch((e) => errors.push(e.message))))
  const elapsed = (now() - started) / 1000
  child.send('mem-end')
  const { peak, after, cpuMs } = await next('mem-end')
  delays.sort((a, b) => a - b)
  console.log(`\n${n} concurrent streams (${elapsed.toFixed(1)} s, ${delays.length} tokens received, ${(delays.length / elapsed).toFixed(0)} tokens/s overall)`)
  console.log(`  errors                 ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`)
  console.log(`  yield → receipt delay  p50 ${pct(delays, 50).toFixed(2)} ms   p99 ${pct(delays, 99).toFixed(2)} ms   max ${delays.at(-1).toFixed(2)} ms`)
  // CPU time, unlike tokens/s, hardly depends on what else the machine is running.
  console.log(`  server CPU             ${(cpuMs / 1000).toFixed(1)} s   ${((cpuMs * 1000) / Math.max(1, delays.length)).toFixed(0)} µs per token delivered`)
  console.log(`  server RSS             before ${mb(before.rss)}   peak ${mb(peak.rss)}   after GC ${mb(after.rss)}`)
  console.log(`  server heap            before ${mb(before.heapUsed)}   peak ${mb(peak.heapUsed)}   after GC ${mb(after.heapUsed)}`)
  console.log(`  per stream (peak − before)  RSS ${((peak.rss - before.rss) / n / 1024).toFixed(1)} KB   heap ${((peak.heapUsed - before.heapUsed) / n / 1024).toFixed(1)} KB`)
  baseline ??= before.heapUsed
  lastAfter = after.heapUsed
  totals.streams += n
  totals.errors += errors.length
  totals.completed += n - errors.length
  totals.levels.push(`${n} streams, ${delays.length} tokens: p50 ${pct(delays, 50).toFixed(1)} ms, p99 ${pct(delays, 99).toFixed(1)} ms, ` +
    `${(delays.length / elapsed).toFixed(0)} tokens/s, server CPU ${((cpuMs * 1000) / Math.max(1, delays.length)).toFixed(0)} µs/token, heap ${mb(before.heapUsed)} → ${mb(peak.heapUsed)} → ${mb(after.heapUsed)}`)
}
child.send('stop')
agent.destroy()

const heapBack = lastAfter <= baseline + HEAP_SLACK_MB * 1024 * 1024
console.log(`\nverdict: ${totals.completed}/${totals.streams} streams complete, ${totals.errors} errors; heap after the runs ${mb(lastAfter)} ` +
  `vs ${mb(baseline)} at the start (allowed +${HEAP_SLACK_MB} MB): ${heapBack ? 'back to baseline' : 'NOT back to baseline'}`)
if (process.env.HARDENING_REPORT) {
  const { record } = await import('../scripts/hardening-report.mjs')
  record('load', { messages: totals.completed, lost: totals.errors },
    `${totals.levels.join('; ')}; heap after GC ${mb(lastAfter)} vs ${mb(baseline)} at start (limit +${HEAP_SLACK_MB} MB)`)
}
if (totals.errors > 0 || !heapBack) process.exitCode = 1
