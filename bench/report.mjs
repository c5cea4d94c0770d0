// What `pnpm bench:server` prints: each run as it ends, then per level the medians of the runs of
// each backend with the ratios to the floor, and the verdict.
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN)
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const NAMES = {
  floor: 'floor (bare node:http)',
  sqlite: 'ChatKit, SQLite',
  'sqlite-b': 'ChatKit, SQLite (B: BENCH_B_ENV)',
  pg: 'ChatKit, 2 replicas, PostgreSQL + Redis + HAProxy',
}

/** The figures of one run. */
function figures(r) {
  const tokens = r.delays.length
  return {
    tokens,
    rate: r.rate,
    ofAsked: (100 * r.rate) / r.asked,
    overall: tokens / r.elapsed,
    cpuPerToken: (r.cpuMs * 1000) / Math.max(1, tokens),
    p50: pct(r.delays, 50),
    p99: pct(r.delays, 99),
    max: r.delays.at(-1) ?? NaN,
    services: Object.fromEntries(Object.entries(r.serviceCpuMs).map(([k, ms]) => [k, (ms * 1000) / Math.max(1, tokens)])),
  }
}

export function printRun(r, round) {
  const f = figures(r)
  console.log(`\n${NAMES[r.backend]}: ${r.streams} streams${round ? ` (run ${round})` : ''}, ${r.elapsed.toFixed(1)} s, ${f.tokens} tokens received`)
  console.log(
    `  delivered              ${f.rate.toFixed(0)} tokens/s of ${r.asked} asked (${f.ofAsked.toFixed(1)}%); ${f.overall.toFixed(0)} tokens/s over the whole run (stream opening included)`,
  )
  console.log(`  errors                 ${r.errors.length}${r.errors.length ? ` (first: ${r.errors[0]})` : ''}`)
  console.log(`  yield → receipt delay  p50 ${f.p50.toFixed(2)} ms   p99 ${f.p99.toFixed(2)} ms   max ${f.max.toFixed(2)} ms`)
  console.log(`  server CPU             ${(r.cpuMs / 1000).toFixed(1)} s   ${f.cpuPerToken.toFixed(1)} µs per token delivered`)
  const services = Object.entries(f.services)
  if (services.length) console.log(`  services CPU (not counted above)  ${services.map(([k, v]) => `${k} ${v.toFixed(1)} µs/token`).join('   ')}`)
  if (r.mem) {
    const { before, peak, after } = r.mem
    console.log(
      `  server heap            before ${mb(before.heapUsed)}   peak ${mb(peak.heapUsed)}   after GC ${mb(after.heapUsed)}   (RSS peak ${mb(peak.rss)})`,
    )
  }
}

/** Medians per backend and level, with the ratios of CPU per token to the floor's. */
export function summarize(results, o) {
  const rows = []
  for (const n of o.levels) {
    for (const b of o.backends) {
      const runs = results.filter((r) => r.backend === b && r.streams === n).map((r) => ({ ...figures(r), errors: r.errors.length, asked: r.asked }))
      if (!runs.length) continue
      const m = (k) => median(runs.map((r) => r[k]))
      rows.push({
        backend: b,
        streams: n,
        runs: runs.length,
        asked: runs[0].asked,
        rate: m('rate'),
        ofAsked: m('ofAsked'),
        cpuPerToken: m('cpuPerToken'),
        p50: m('p50'),
        p99: m('p99'),
        errors: runs.reduce((a, r) => a + r.errors, 0),
      })
    }
  }
  for (const row of rows) {
    const floor = rows.find((r) => r.backend === 'floor' && r.streams === row.streams)
    row.ratio = floor ? row.cpuPerToken / floor.cpuPerToken : null
  }
  const lines = rows.map(
    (r) =>
      `${r.backend} ${r.streams} streams: ${r.rate.toFixed(0)} tokens/s (${r.ofAsked.toFixed(1)}% of ${r.asked}), ${r.cpuPerToken.toFixed(1)} µs/token${r.ratio ? ` (${r.ratio.toFixed(2)}× floor)` : ''}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`,
  )
  return { rows, lines }
}

export function printSummary({ rows }, heap, slackMb) {
  const runs = Math.max(...rows.map((r) => r.runs))
  console.log(`\nsummary${runs > 1 ? ` (medians of ${runs} runs)` : ''}`)
  console.log('  backend  streams  delivered tokens/s   % asked   CPU µs/token   × floor   p50 ms    p99 ms   errors')
  for (const r of rows) {
    console.log(
      `  ${r.backend.padEnd(7)} ${String(r.streams).padStart(8)} ${r.rate.toFixed(0).padStart(19)} ${r.ofAsked.toFixed(1).padStart(9)} ${r.cpuPerToken.toFixed(1).padStart(14)} ${(r.ratio ? r.ratio.toFixed(2) : '–').padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(9)} ${String(r.errors).padStart(8)}`,
    )
  }
  if (heap)
    console.log(
      `  SQLite server heap after the runs and a GC: ${mb(heap.after)} vs ${mb(heap.baseline)} at the start (allowed +${slackMb} MB): ${heap.after <= heap.baseline + slackMb * 1048576 ? 'back to baseline' : 'NOT back to baseline'}`,
    )
}
