// The server side of `pnpm bench:server`: the real handler (SQLite store, SQLite run-event log,
// node:http) in its own process, so the clients' work does not share its event loop.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import benchAgent from './bench-agent.mjs'

// BENCH_SERVER_DIST: another build of @xpert-ai/chatkit-server to measure (A/B against a saved copy of dist).
const { createChatKitHandler, defineAgent, serveNode, SqliteRunEventLog, SqliteStore } = await import(
  process.env.BENCH_SERVER_DIST ? pathToFileURL(resolve(process.env.BENCH_SERVER_DIST)).href : '../packages/server/dist/index.js'
)
const API_KEY = 'bench-api-key-0123456789abcdef'
const bench = defineAgent(benchAgent)

const dir = mkdtempSync(join(tmpdir(), 'chatkit-bench-'))
const store = new SqliteStore({ dataDir: dir })
// BENCH_PRAGMA: SQLite pragmas to try (`;`-separated, e.g. `wal_autocheckpoint=1000`), for an A/B with sqlite-b.
for (const p of (process.env.BENCH_PRAGMA ?? '').split(';').filter(Boolean)) store.db.pragma(p)
// BENCH_COMMIT_MS: the log's group-commit window (commitEveryMs), to compare settings.
const eventLog = new SqliteRunEventLog(store.db, process.env.BENCH_COMMIT_MS ? { commitEveryMs: Number(process.env.BENCH_COMMIT_MS) } : {})
// BENCH_METRICS=1: the self-hosted server's Prometheus metrics on (their cost per token).
const observe = process.env.BENCH_METRICS === '1' ? { metrics: (await import('../apps/server/dist/metrics.js')).createPrometheusMetrics().sink } : {}
const handler = createChatKitHandler({
  store,
  eventLog,
  agents: [bench],
  apiKeys: [API_KEY],
  onError: (m, e) => console.error(m, e),
  ...(process.env.BENCH_PERSIST_MS ? { persistIntervalMs: Number(process.env.BENCH_PERSIST_MS) } : {}),
  ...observe,
})
const server = await serveNode(handler, { port: 0 })
server.server.maxConnections = 10_000

const mem = () => {
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed }
}
let sampler
// BENCH_WPROF=<file>: a CPU profile of the measured window only (the setup of sessions and
// threads left out, unlike --prof), with native frames (SQLite, socket writes) named.
const windowProfile = process.env.BENCH_WPROF ? await profiler() : null
async function profiler() {
  const { Session } = await import('node:inspector/promises')
  const { writeFileSync } = await import('node:fs')
  const session = new Session()
  session.connect()
  return {
    async start() {
      await session.post('Profiler.enable')
      await session.post('Profiler.setSamplingInterval', { interval: 200 })
      await session.post('Profiler.start')
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      writeFileSync(process.env.BENCH_WPROF, JSON.stringify(profile))
    },
  }
}
let peak
process.on('message', async (msg) => {
  if (msg === 'mem-start') {
    await windowProfile?.start()
    global.gc()
    const before = mem()
    peak = { ...before }
    // Sampled in the measured process, so not too often: at 100 ms, process.memoryUsage() alone
    // was ~1% of this server's CPU in a profile (the floor has no sampler).
    sampler = setInterval(() => {
      const m = mem()
      peak.rss = Math.max(peak.rss, m.rss)
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed)
    }, 500)
    process.send({ type: 'mem-start', before })
  } else if (msg === 'mem-end') {
    await windowProfile?.stop()
    clearInterval(sampler)
    global.gc()
    await new Promise((r) => setTimeout(r, 200))
    global.gc()
    process.send({ type: 'mem-end', peak, after: mem() })
  } else if (msg === 'stop') {
    await handler.shutdown(2000)
    await server.close()
    eventLog.dispose()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
})
process.send({ type: 'ready', api: `${server.url}/api/ai`, apiKey: API_KEY, agent: bench.id })
