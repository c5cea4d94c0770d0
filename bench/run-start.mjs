// `pnpm bench:run-start`: the server's part of Enter → first character (issue 18). Against the
// built server (SQLite store and run-event log, as `npm start` runs it), over real HTTP: a first
// message that creates its thread (`if_not_exists: 'create'`, the frame's first send) and a second
// message in that thread, each timed from the request to its response headers and to the first
// SSE event and to the answer's first text. Median of BENCH_ROUNDS (default 30) per kind, after 5
// unmeasured rounds.
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { freePort, apiHeaders, postJson, startBuiltServer } from '../scripts/local-server.mjs'
import { median } from './frame-page.mjs'

const KEY = 'bench-run-start-key-0123456789abcdef'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30)
const server = await startBuiltServer({ apiKey: KEY, tmpPrefix: 'ck-run-start-', port: await freePort() })
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
console.log(`load average before: ${load()} (${os.cpus().length} cores)`)
const times = { first: { headers: [], event: [], text: [] }, next: { headers: [], event: [], text: [] } }
try {
  const { client_secret: secret } = await postJson(`${server.api}/v1/chatkit/sessions`, { assistant: { id: 'demo' }, user: 'bench' }, KEY)
  for (let i = 0; i < ROUNDS + 5; i++) {
    const thread = randomUUID()
    const first = await timeRun(secret, thread, `first ${i}`, { if_not_exists: 'create' })
    const next = await timeRun(secret, thread, `next ${i}`)
    if (i < 5) continue
    for (const [k, t] of [
      ['first', first],
      ['next', next],
    ])
      times[k].headers.push(t.headers), times[k].event.push(t.event), times[k].text.push(t.text)
  }
} finally {
  server.stop()
}
const f = (v) => `${v.toFixed(2)} ms`
console.log(`medians of ${ROUNDS} rounds (load average after: ${load()}):`)
for (const [k, label] of [
  ['first', 'first message (creates its thread)'],
  ['next', 'next message in the thread      '],
])
  console.log(
    `  ${label}  request → headers ${f(median(times[k].headers))}, → first event ${f(median(times[k].event))}, → first text ${f(median(times[k].text))}`,
  )

/** Starts a run; ms to its headers and to its first SSE event; reads the stream to its end. */
async function timeRun(secret, thread, text, extra = {}) {
  const body = { assistant_id: 'demo', input: { input: { input: text } }, ...extra }
  const t0 = performance.now()
  const res = await fetch(`${server.api}/threads/${thread}/runs/stream`, { method: 'POST', headers: apiHeaders(secret), body: JSON.stringify(body) })
  const headers = performance.now() - t0
  if (res.status !== 200) throw new Error(`runs/stream: ${res.status} ${await res.text()}`)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let event = 0
  let firstText = 0
  let seen = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (!event) event = performance.now() - t0
    if (!firstText && value) (seen += decoder.decode(value, { stream: true })), seen.includes('data: {"type":"message"') && (firstText = performance.now() - t0)
    if (done) break
  }
  return { headers, event, text: firstText }
}
