// `pnpm bench:server`: concurrent streaming runs against, in the same invocation, the floor (a bare
// node:http SSE server writing the same envelopes from memory), ChatKit on SQLite, and 2 ChatKit
// replicas on PostgreSQL + Redis behind HAProxy. Each server runs in processes of its own, and so
// do the load clients (their CPU is not counted). Per backend it prints delivered tokens/s (and % of
// asked), server CPU µs per delivered token (from /proc), p50/p99 yield → receipt, errors, and the
// ratios to the floor; with --repeat, the median of the runs. Build first: `pnpm build`.
// `node bench/server.mjs --help` lists the options. Exits non-zero when a stream failed or the
// SQLite server's heap (after GC) did not come back near where it started. With HARDENING_REPORT
// set (`pnpm test:hardening`), it records the SQLite run in the hardening ledger as "load".
import { parseArgs } from 'node:util'
import { startFloor, startScale, startSqlite, startSqliteB } from './backends.mjs'
import { startClients } from './clients.mjs'
import { processCpuMs } from './proc-cpu.mjs'
import { printRun, printSummary, summarize } from './report.mjs'

const USAGE = `Usage: node bench/server.mjs [options]
  --streams <n[,n…]>   concurrent streams, one level after another (BENCH_LEVELS, default 1000)
  --rate <n>           tokens/s each stream asks for (default 20)
  --duration <s>       seconds each stream runs (default 5: rate × duration tokens per stream)
  --backends <list>    any of floor,sqlite,pg (default all three; pg starts throwaway PostgreSQL,
                       Redis and HAProxy from Debian packages), and sqlite-b: SQLite again with
                       BENCH_B_ENV's KEY=value pairs added to its environment (an A/B)
  --repeat <n>         runs per backend and level, interleaved; medians reported (default 1)
  --clients <n>        load client processes (default 2)
  --prof <dir>         write CPU profiles of the server processes there (BENCH_PROF=1: /tmp/bench-prof)`
/** After the runs and a GC, the SQLite server's heap may stay this far above its start (caches, statements). */
const HEAP_SLACK_MB = 20
const BACKENDS = { floor: startFloor, sqlite: startSqlite, 'sqlite-b': startSqliteB, pg: startScale }

function options() {
  const { values } = parseArgs({
    options: {
      streams: { type: 'string', default: process.env.BENCH_LEVELS ?? '1000' },
      rate: { type: 'string', default: '20' },
      duration: { type: 'string', default: '5' },
      backends: { type: 'string', default: 'floor,sqlite,pg' },
      repeat: { type: 'string', default: '1' },
      clients: { type: 'string', default: '2' },
      prof: { type: 'string', default: process.env.BENCH_PROF ? '/tmp/bench-prof' : undefined },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const count = (name, v, min = 1) => {
    const n = Number(v)
    if (!Number.isFinite(n) || n < min || (min === 1 && !Number.isInteger(n)))
      throw new Error(`--${name}: expected a ${min === 1 ? 'whole number ≥ 1' : 'number > 0'}, got "${v}"`)
    return n
  }
  const backends = values.backends.split(',').map((b) => b.trim())
  for (const b of backends) if (!BACKENDS[b]) throw new Error(`--backends: unknown backend "${b}" (expected any of ${Object.keys(BACKENDS).join(', ')})`)
  const rate = count('rate', values.rate, 0.001)
  const tokens = Math.round(count('duration', values.duration, 0.001) * rate)
  if (tokens < 2) throw new Error('--rate × --duration must be at least 2 tokens per stream')
  return {
    levels: values.streams.split(',').map((s) => count('streams', s)),
    rate,
    tokens,
    backends,
    repeat: count('repeat', values.repeat),
    clients: count('clients', values.clients),
    prof: values.prof,
  }
}

let o
try {
  o = options()
} catch (e) {
  console.error(`bench:server: ${e.message}\n${USAGE}`)
  process.exit(2)
}
// The agent (bench-agent.mjs) and the floor read the rate from the environment they inherit.
process.env.BENCH_TOKENS = String(o.tokens)
process.env.BENCH_INTERVAL_MS = String(1000 / o.rate)
console.log(
  `bench: ${o.backends.join(', ')}; ${o.tokens} tokens per stream at ${o.rate} tokens/s; ${o.clients} load client process(es); servers in processes of their own`,
)

const servers = {}
const clients = await startClients(o.clients)
const results = []
let heap = null
try {
  for (const b of o.backends) servers[b] = await BACKENDS[b]({ prof: o.prof })
  for (const n of o.levels) {
    for (let round = 0; round < o.repeat; round++) {
      for (const b of o.backends) {
        const r = await measure(b, servers[b], n)
        printRun(r, o.repeat > 1 ? round + 1 : null)
        results.push(r)
      }
    }
  }
} finally {
  await clients.stop()
  for (const s of Object.values(servers)) await s.stop()
}
const summary = summarize(results, o)
printSummary(summary, heap, HEAP_SLACK_MB)
const heapBack = !heap || heap.after <= heap.baseline + HEAP_SLACK_MB * 1024 * 1024
const errors = results.reduce((a, r) => a + r.errors.length, 0)
if (process.env.HARDENING_REPORT && servers.sqlite) {
  const { record } = await import('../scripts/hardening-report.mjs')
  const sqlite = results.filter((r) => r.backend === 'sqlite')
  record(
    'load',
    { messages: sqlite.reduce((a, r) => a + r.streams - r.errors.length, 0), lost: sqlite.reduce((a, r) => a + r.errors.length, 0) },
    `${summary.lines.join('; ')}; SQLite heap after GC ${(heap.after / 1048576).toFixed(1)} MB vs ${(heap.baseline / 1048576).toFixed(1)} MB at start (limit +${HEAP_SLACK_MB} MB)`,
  )
}
if (errors > 0 || !heapBack) process.exitCode = 1

/** One level on one backend: sets up the sessions, then streams them all and counts. */
async function measure(backend, server, n) {
  await clients.setup(server, n, `${backend}-${n}-${results.length}`)
  const before = server.mem ? (await server.mem('mem-start')).before : null
  const cpu = () => server.pids.reduce((a, pid) => a + processCpuMs(pid), 0)
  const serviceCpu = () => Object.fromEntries(Object.entries(server.services).map(([k, pids]) => [k, pids().reduce((a, pid) => a + safeCpu(pid), 0)]))
  const cpu0 = cpu()
  const services0 = serviceCpu()
  const run = await clients.go(server.api, o.tokens)
  const cpuMs = cpu() - cpu0
  const services1 = serviceCpu()
  const r = {
    backend,
    streams: n,
    asked: n * o.rate,
    ...run,
    cpuMs,
    serviceCpuMs: Object.fromEntries(Object.entries(services1).map(([k, v]) => [k, v - services0[k]])),
  }
  if (before) {
    const { peak, after } = await server.mem('mem-end')
    r.mem = { before, peak, after }
    if (backend === 'sqlite') heap = { baseline: heap?.baseline ?? before.heapUsed, after: after.heapUsed }
  }
  return r
}

function safeCpu(pid) {
  try {
    return processCpuMs(pid)
  } catch {
    return 0 // a PostgreSQL backend that ended meanwhile
  }
}
