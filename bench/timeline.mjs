// (BENCH_DEBUG) Where Enter → first character goes, from a CDP trace of the frame's renderer: each
// main-thread task from the keydown to the first paint with the answer (start after Enter, wall and
// CPU ms, what ran in it), and the run request's network events (sent, response headers, data).
// Chromium's network service is another process: a request's "sent" is when the renderer handed it
// over, "response" when the renderer's main thread took the headers (a busy thread takes them late).

import { startTrace } from './frame-page.mjs'

const CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing'].join(',')

/** Starts tracing the frame's renderer; `stop()` resolves to the timeline's lines. */
export async function traceTimeline(cdp, anchor = 'keydown') {
  const stop = await startTrace(cdp, CATEGORIES)
  return async () => lines(await stop(), anchor)
}

/** `anchor`: the DOM event the timeline counts from (the Enter's `keydown`; the host's call comes as a `message`). */
function lines(events, anchor) {
  const sent = events.find((e) => e.name === 'ResourceSendRequest' && /\/runs\/stream$/.test(e.args?.data?.url ?? ''))
  // Without the DOM event (the host's call may come in a message the trace does not name), from the request.
  const key = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === anchor && (!sent || e.ts < sent.ts)).at(-1) ?? sent
  if (!key) return [`  (no ${anchor} in the trace)`]
  const { pid, tid } = key
  const t0 = key.ts
  const at = (ts) => ((ts - t0) / 1000).toFixed(1).padStart(6)
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid && e.ts >= t0 - 2000)
  const run = events.filter((e) => e.pid === pid && /^Resource(SendRequest|ReceiveResponse|ReceivedData|Finish)$/.test(e.name))
  const runId = sent?.args.data.requestId
  const names = new Map(run.filter((e) => e.name === 'ResourceSendRequest').map((e) => [e.args.data.requestId, e.args.data.url.split('/').pop()]))
  const paints = onThread.filter((e) => e.name === 'Paint' || e.name === 'PaintImage' || e.name === 'Commit')
  const out = []
  for (const e of run.filter((e) => e.args?.data?.requestId === runId).slice(0, 4))
    out.push(`  ${at(e.ts)} ms  ${e.name}${e.args.data.encodedDataLength ? ` ${e.args.data.encodedDataLength} B` : ''}`)
  // Chunks fetched meanwhile (a send nothing preloaded for).
  for (const e of run.filter((e) => e.args?.data?.requestId !== runId && e.ts > t0 && /^Resource(SendRequest|Finish)$/.test(e.name)))
    out.push(`  ${at(e.ts)} ms  ${e.name} ${names.get(e.args.data.requestId) ?? '?'}`)
  const tasks = onThread.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur >= 1000 && e.ts < t0 + 300_000)
  for (const t of tasks) {
    const inside = onThread
      .filter((e) => e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.dur >= 500 && e.name !== 'RunTask')
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 4)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.type ? ` ${e.args.data.type}` : ''}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''} ${(e.dur / 1000).toFixed(1)}`,
      )
    out.push(`  ${at(t.ts)} ms  task ${(t.dur / 1000).toFixed(1)} ms (${((t.tdur ?? 0) / 1000).toFixed(1)} CPU): ${inside.join(' | ')}`)
  }
  const firstPaints = paints.filter((e) => e.ts > t0).slice(0, 6)
  out.push(`  paints/commits at: ${firstPaints.map((e) => `${e.name} ${at(e.ts).trim()}`).join(', ')}`)
  return out.sort((a, b) => parseFloat(a) - parseFloat(b))
}
