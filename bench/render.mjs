// `pnpm bench:render`: how fast the real frame renders streamed answers, in Chromium. Starts the
// built server with the bench agent (no delays), embeds the frame in a host page on another
// origin, streams answers of 2k and 20k tokens (markdown with code and lists) and reads the
// frame process's main-thread time over CDP (Performance.getMetrics: TaskDuration, ScriptDuration),
// the longest task (PerformanceObserver 'longtask' + the largest gap between animation frames),
// tokens/s and the server's CPU time. Then opens a 1,000-message thread and times it.
// Each answer gets a fresh page, and starts once the frame has warmed its markdown path in idle
// time (markdown/warm-up.tsx, ~130 ms of work in slices), as for a user who reads, then types.
// Build first: `pnpm build`. Diagnostics: BENCH_TRACE=1 (long tasks in a trace; BENCH_TRACE_OUT=
// file keeps it), BENCH_PROF=1 (self time; BENCH_PROF_OUT=file), BENCH_THREADS=1 (CPU by thread),
// BENCH_HL=1 (code blocks highlighted by the end: only those that were on screen are).
import { writeFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs'
import { apiHeaders as headers, freePort, postJson, startBuiltServer } from '../scripts/local-server.mjs'
import { codeBlockCounts, frameOf, instrument, metrics, ms, serveHost } from './frame-page.mjs'
import { printThreadCpu, processCpuMs, threadCpu } from './proc-cpu.mjs'

const KEY = 'bench-render-api-key-0123456789abcdef'
const SIZES = (process.env.BENCH_TOKENS ?? '2000,20000').split(',').map(Number)
const THREAD = Number(process.env.BENCH_THREAD ?? 1000)

const hostPort = await freePort()
const hostOrigin = `http://127.0.0.1:${hostPort}`
const server = await startBuiltServer({ apiKey: KEY, tmpPrefix: 'ck-bench-', args: ['--agent', 'bench/render-agent.mjs', '--allowed-origins', hostOrigin] })
const api = server.origin
let hostServer, browser
try {
  const secret = (await post('/api/ai/v1/chatkit/sessions', { assistant: { id: 'bench' }, user: 'bench' }, KEY)).client_secret
  hostServer = await serveHost({ port: hostPort, api, apiKey: KEY })
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() })

  const results = []
  for (const tokens of SIZES) {
    const cpu = processCpuMs(server.child.pid)
    results.push({ ...(await streamAnswer(tokens)), server: processCpuMs(server.child.pid) - cpu })
  }
  for (const r of results)
    console.log(
      `answer ${String(r.tokens).padStart(6)} tokens: main thread ${ms(r.task)} (script ${ms(r.script)}), ${Math.round(r.tokens / (r.wall / 1000))} tokens/s, wall ${ms(r.wall)}, longest task ${r.longest ? ms(r.longest) : '< 50 ms (no long task)'}, largest frame gap ${ms(r.gap)}; server CPU ${ms(r.server)}`,
    )
  if (results.length >= 2) {
    const [a, b] = [results[0], results.at(-1)]
    console.log(`ratio ${b.tokens / a.tokens}x tokens → ${(b.task / a.task).toFixed(1)}x main-thread time (target ≤ 12)`)
  }
  if (THREAD > 0) {
    const open = await openLongThread(secret)
    console.log(
      `open a ${THREAD}-message thread: ${ms(open.ms)} to the newest messages on screen (target < 1 s); ${open.rendered} rendered, ${open.older} older on demand; largest frame gap ${ms(open.gap)}`,
    )
  }
} finally {
  await browser?.close()
  hostServer?.close()
  server.stop()
}

async function newPage() {
  const page = await browser.newPage()
  // BENCH_COLLAPSE=1: the same, with messagePresentation.collapseProcess (the process disclosure per answer).
  await page.goto(hostOrigin + '/?xpert=bench' + (process.env.BENCH_COLLAPSE ? '&collapse' : ''))
  await page.waitForFunction(() => window.__ready === true, null, { timeout: 30_000 })
  const frame = frameOf(page, api)
  // A user reads the start screen before typing; the frame warms its markdown path meanwhile.
  await frame.waitForSelector('html[data-ck-warm]', { state: 'attached', timeout: 30_000 })
  return { page, frame, cdp: await instrument(page, frame) }
}

async function streamAnswer(tokens) {
  const { page, frame, cdp } = await newPage()
  const threads = process.env.BENCH_THREADS ? threadCpu() : null
  await frame.evaluate(() => ((window.__long = 0), (window.__gap = 0)))
  const before = await metrics(cdp)
  const t0 = Date.now()
  const input = frame.locator('textarea[aria-label="Message"]')
  if (process.env.BENCH_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] })
  if (process.env.BENCH_PROF)
    await cdp
      .send('Profiler.enable')
      .then(() => cdp.send('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => cdp.send('Profiler.start'))
  await input.fill(`tokens ${tokens}`)
  // Wait for the end through the host's event, not a selector: Playwright's selector polling walks
  // the frame's whole DOM on the frame's main thread, which would be measured as the frame's work.
  await page.evaluate(() => {
    window.__done = false
    window.__chatkit.element.addEventListener('chatkit.response.end', () => (window.__done = true), { once: true })
  })
  await input.press('Enter')
  await page.waitForFunction(() => window.__done === true, null, { timeout: 300_000, polling: 250 })
  // A burst is revealed over a few frames (markdown/paced.ts): wait until all of it is on screen,
  // and the code blocks on screen are highlighted (the last one settles as the answer ends).
  await frame.waitForFunction(() => !document.querySelector('.ck-md[data-revealing]'), null, { timeout: 60_000, polling: 50 })
  for (const deadline = Date.now() + 60_000; ; ) {
    const c = await frame.evaluate(codeBlockCounts)
    if (c.onScreen === c.onScreenHighlighted) break
    if (Date.now() > deadline) throw new Error(`code blocks on screen not highlighted: ${JSON.stringify(c)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const status = await frame.evaluate(() => document.querySelector('article[data-message-role="assistant"]')?.getAttribute('data-status'))
  if (status !== 'done') throw new Error(`the ${tokens}-token answer ended as "${status}"`)
  const wall = Date.now() - t0
  if (threads) printThreadCpu(threads, threadCpu())
  if (process.env.BENCH_HL) console.log('code blocks', await frame.evaluate(codeBlockCounts))
  if (process.env.BENCH_TRACE) printLongTasks(JSON.parse((await browser.stopTracing()).toString()))
  if (process.env.BENCH_PROF) printProfile((await cdp.send('Profiler.stop')).profile)
  const after = await metrics(cdp)
  const { longest, gap, loaf } = await frame.evaluate(() => ({ longest: window.__long, gap: window.__gap, loaf: window.__loaf }))
  if (process.env.BENCH_DEBUG) console.log(tokens, JSON.stringify(loaf, null, 1))
  await page.close()
  return { tokens, wall, task: after.task - before.task, script: after.script - before.script, longest, gap }
}

async function openLongThread(secret) {
  const thread = await post('/api/ai/threads', { assistant_id: 'bench' }, secret)
  for (let i = 0; i < THREAD / 2; i++) {
    const res = await fetch(`${api}/api/ai/threads/${thread.thread_id}/runs/stream`, {
      method: 'POST',
      headers: headers(secret),
      body: JSON.stringify({ assistant_id: 'bench', input: { input: { input: `question ${i}` } } }),
    })
    if (res.status === 429) {
      // The server's per-secret rate limit (20/s): wait as told, then ask again.
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000))
      i--
      continue
    }
    if (!res.ok) throw new Error(`seeding run ${i}: ${res.status} ${await res.text()}`)
    await res.text()
  }
  const { page, frame } = await newPage()
  await frame.evaluate(() => (window.__gap = 0))
  const t = await page.evaluate(async (id) => {
    const t0 = performance.now()
    const loaded = new Promise((r) => window.__chatkit.element.addEventListener('chatkit.thread.load.end', r, { once: true }))
    await window.__chatkit.setThreadId(id)
    await loaded
    return { t0: performance.timeOrigin + t0 }
  }, thread.thread_id)
  await frame.waitForFunction(() => document.querySelectorAll('article[data-message-role]').length > 0, null, { polling: 'raf' })
  // Wait for the paint after the messages are in the DOM.
  const end = await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.timeOrigin + performance.now()), 0))))
  const info = await frame.evaluate(() => ({
    rendered: document.querySelectorAll('article[data-message-role]').length,
    older: Number((document.querySelector('.ck-older')?.textContent ?? '0').match(/\d+/)?.[0] ?? 0),
    gap: window.__gap,
  }))
  await page.close()
  return { ms: end - t.t0, ...info }
}

function post(p, body, secret) {
  return postJson(api + p, body, secret)
}

/** BENCH_TRACE=1: the long tasks of the trace and what filled them (for finding jank, not a metric). */
function printLongTasks(trace) {
  const ev = trace.traceEvents ?? trace
  const renderers = new Set(ev.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.tid))
  const main = ev.filter((e) => e.ph === 'X' && e.dur && renderers.has(e.tid))
  const totals = {}
  for (const e of main)
    if (
      ['Paint', 'Layerize', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Commit', 'FireAnimationFrame', 'FunctionCall', 'MinorGC', 'MajorGC', 'RunTask'].includes(
        e.name,
      )
    )
      totals[e.name] = (totals[e.name] ?? 0) + e.dur / 1000
  console.log('trace totals (ms):', JSON.stringify(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)]))))
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify(ev))
  const tasks = ev.filter((e) => e.name === 'RunTask' && e.dur > 50_000)
  for (const t of tasks.slice(0, 8)) {
    const inner = ev.filter((e) => e.tid === t.tid && e.pid === t.pid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t && e.dur > 5_000)
    const by = {}
    for (const e of inner) by[e.name] = Math.max(by[e.name] ?? 0, Math.round(e.dur / 1000))
    const fn = inner
      .filter((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'TimerFire')
      .map((e) => `${e.name}:${e.args?.data?.functionName ?? ''}@${(e.args?.data?.url ?? '').split('/').pop()}:${Math.round(e.dur / 1000)}ms`)
      .slice(0, 4)
    console.log(`long task ${Math.round(t.dur / 1000)} ms`, JSON.stringify(by), fn.join(' '))
  }
}

/** BENCH_PROF=1: the frame's functions by self time (build the frame unminified to read the names). */
function printProfile(profile) {
  if (process.env.BENCH_PROF_OUT) writeFileSync(process.env.BENCH_PROF_OUT, JSON.stringify(profile))
  const self = new Map()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const dt = profile.timeDeltas
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0))
  })
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)
  for (const [k, us] of top) console.log(`${String(Math.round(us / 1000)).padStart(6)} ms  ${k}`)
}
