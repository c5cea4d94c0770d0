// What the Chromium benchmarks (bench:render, bench:first-answer) and the size check share: a host
// page on an origin of its own that embeds the built frame with `createChatKit({ element })`, its
// session endpoint (a host backend minting client secrets with the API key, as a real host does),
// and the instruments read inside the frame (long tasks, long animation frames, frame gaps, CDP
// main-thread time).
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { ROOT } from '../scripts/lib.mjs'
import { postJson } from '../scripts/local-server.mjs'

export const ms = (v) => `${Math.round(v)} ms`

/**
 * Serves the host page at `http://127.0.0.1:<port>/?xpert=<id>[&defer][&collapse]` (`collapse`: with
 * `messagePresentation.collapseProcess`; with `defer` the chat is
 * created only when `window.__insert()` is called, which records `window.__readyMs`, insert →
 * `chatkit.ready`), the SDK at `/sdk/chatkit.js`, and `POST /session?xpert=<id>`.
 */
export function serveHost({ port, api, apiKey }) {
  const sdk = readFileSync(path.join(ROOT, 'packages/chatkit-js/dist/index.js'))
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body style="margin:0">
<div id="box" style="width:720px;height:900px"></div>
<script type="module">
import { createChatKit } from '/sdk/chatkit.js'
const q = new URLSearchParams(location.search)
const xpertId = q.get('xpert') || 'bench'
async function getClientSecret() {
  const s = await (await fetch('/session?xpert=' + xpertId, { method: 'POST' })).json()
  return { secret: s.client_secret, expiresAt: s.expires_at }
}
window.__insert = () => {
  const t0 = performance.now()
  window.__chatkit = createChatKit({ element: document.getElementById('box'), frameUrl: ${JSON.stringify(api + '/chatkit/')}, api: { apiUrl: ${JSON.stringify(api + '/api/ai')}, xpertId, getClientSecret }, ...(q.has('collapse') ? { messagePresentation: { collapseProcess: true } } : {}) })
  window.__chatkit.element.addEventListener('chatkit.ready', () => ((window.__readyMs = performance.now() - t0), (window.__ready = true)), { once: true })
}
if (!q.has('defer')) window.__insert()
</script></body></html>`
  const s = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://host')
    if (url.pathname === '/sdk/chatkit.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk)
    if (url.pathname === '/session') {
      try {
        const body = await postJson(api + '/api/ai/v1/chatkit/sessions', { assistant: { id: url.searchParams.get('xpert') }, user: 'bench' }, apiKey)
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      } catch (e) {
        return res.writeHead(500).end(String(e))
      }
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  })
  return new Promise((r) => s.listen(port, '127.0.0.1', () => r(s)))
}

/** The frame of `page` (served from `api`). */
export function frameOf(page, api) {
  const frame = page.frames().find((f) => f.url().startsWith(api + '/chatkit/'))
  if (!frame) throw new Error('no ChatKit frame on the page')
  return frame
}

/** A CDP session on the frame's renderer (with site isolation its own target; else the page's). */
export const cdpOf = (page, frame) =>
  page
    .context()
    .newCDPSession(frame)
    .catch(() => page.context().newCDPSession(page))

/**
 * Starts the frame-side instruments: the longest task (`window.__long`), the longest animation
 * frame with its scripts (`window.__loaf`), the largest gap between animation frames
 * (`window.__gap`); and a CDP session on the frame's renderer for main-thread time.
 */
export async function instrument(page, frame) {
  // With site isolation the frame is its own renderer (its own CDP target); without it, it shares
  // the page's main thread, where the idle host page adds next to nothing.
  const cdp = await cdpOf(page, frame)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'))
  await frame.evaluate(() => {
    window.__long = 0
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        window.__long = Math.max(window.__long, e.duration)
      }),
    ).observe({ type: 'longtask', buffered: false })
    // Long animation frames say which script made them long (printed with BENCH_DEBUG=1).
    window.__loaf = null
    try {
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => {
          if (!window.__loaf || e.duration > window.__loaf.duration)
            window.__loaf = {
              duration: e.duration,
              blocking: e.blockingDuration,
              render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
              scripts: e.scripts.map(
                (s) => `${s.invoker} ${s.sourceFunctionName} ${s.sourceURL.split('/').pop()}:${s.sourceCharPosition} ${Math.round(s.duration)}ms`,
              ),
            }
        }),
      ).observe({ type: 'long-animation-frame', buffered: false })
    } catch {}
    window.__gap = 0
    let last = performance.now()
    const tick = (t) => {
      window.__gap = Math.max(window.__gap, t - last)
      last = t
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  return cdp
}

/** Starts a CDP trace of `categories`; `stop()` ends it and resolves to its events. */
export async function startTrace(cdp, categories) {
  const events = []
  const onData = (d) => events.push(...d.value)
  cdp.on('Tracing.dataCollected', onData)
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' })
  return async () => {
    const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
    await cdp.send('Tracing.end')
    await ended
    cdp.off('Tracing.dataCollected', onData)
    return events
  }
}

/**
 * Records the frame renderer's tasks (CDP tracing; the timeline category adds each task's thread
 * time). `stop()` resolves to the longest task's wall time and its thread (CPU) time, and the most CPU any task used. On a
 * machine busier than its cores, a task of a few CPU milliseconds can last 100 ms of wall time
 * while its thread waits for a core: the CPU time says which it was.
 */
export async function traceTasks(cdp) {
  const stop = await startTrace(cdp, 'toplevel,disabled-by-default-devtools.timeline')
  return async () => {
    const events = await stop()
    // A renderer's main thread has its process's id (Linux).
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur && e.pid === e.tid)
    // The renderer that worked most is the frame's (the host page idles meanwhile).
    const work = new Map()
    for (const t of tasks) work.set(t.pid, (work.get(t.pid) ?? 0) + (t.tdur ?? t.dur))
    const pid = [...work].sort((a, b) => b[1] - a[1])[0]?.[0]
    const mine = tasks.filter((t) => t.pid === pid)
    const longest = mine.reduce((a, t) => (t.dur > (a?.dur ?? 0) ? t : a), null)
    if (process.env.BENCH_DEBUG) printHeaviest(events, mine)
    return { wall: (longest?.dur ?? 0) / 1000, cpu: (longest?.tdur ?? 0) / 1000, maxCpu: Math.max(0, ...mine.map((t) => t.tdur ?? 0)) / 1000 }
  }
}

/** (BENCH_DEBUG) The 3 tasks with the most CPU time, each with the longest events inside it: what made them long. */
function printHeaviest(events, tasks) {
  for (const t of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3)) {
    const inside = events
      .filter((e) => e.ph === 'X' && e.tid === t.tid && e.pid === t.pid && e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur)
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 6)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.type ? ` ${e.args.data.type}` : ''} ${(e.dur / 1000).toFixed(1)}`,
      )
    console.log(`  task ${(t.dur / 1000).toFixed(1)} ms (${((t.tdur ?? 0) / 1000).toFixed(1)} CPU): ${inside.join(' | ')}`)
  }
}

/** Main-thread task and script time so far (ms), from CDP. */
export async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (n) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000
  return { task: get('TaskDuration'), script: get('ScriptDuration') }
}

/** Code blocks in the answer, highlighted, on screen (runs in the frame). */
export function codeBlockCounts() {
  const view = document.querySelector('.ck-scroll').getBoundingClientRect()
  const all = [...document.querySelectorAll('pre.ck-md-code')]
  const onScreen = all.filter((p) => {
    const b = p.getBoundingClientRect()
    return b.bottom > view.top && b.top < view.bottom
  })
  const lit = (list) => list.filter((p) => p.dataset.highlighted).length
  return { blocks: all.length, highlighted: lit(all), onScreen: onScreen.length, onScreenHighlighted: lit(onScreen) }
}

/** The median of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
