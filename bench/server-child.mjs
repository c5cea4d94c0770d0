// The server side of `pnpm bench:server`: the real handler (SQLite store, SQLite run-event log,
// node:http) in its own process, so the clients' work does not share its event loop.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createChatKitHandler, defineAgent, serveNode, SqliteRunEventLog, SqliteStore } from '../packages/server/dist/index.js'

const TOKENS = Number(process.env.BENCH_TOKENS ?? 100)
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 50)
const API_KEY = 'bench-api-key-0123456789abcdef'

/** A demo-style agent at a fixed token rate whose every token is the wall-clock time (ms) it was yielded. */
const bench = defineAgent({
  id: 'bench',
  name: 'Bench',
  async *run(ctx) {
    for (let i = 0; i < TOKENS; i++) {
      await ctx.sleep(INTERVAL_MS)
      yield { type: 'text', text: `${(performance.timeOrigin + performance.now()).toFixed(3)};` }
    }
  },
})

const dir = mkdtempSync(join(tmpdir(), 'chatkit-bench-'))
const store = new SqliteStore({ dataDir: dir })
const eventLog = new SqliteRunEventLog(store.db)
// BENCH_METRICS=1: the self-hosted server's Prometheus metrics on (their cost per token).
const observe = process.env.BENCH_METRICS === '1' ? { metrics: (await import('../apps/server/dist/metrics.js')).createPrometheusMetrics().sink } : {}
const handler = createChatKitHandler({ store, eventLog, agents: [bench], apiKeys: [API_KEY], onError: (m, e) => console.error(m, e), ...(process.env.BENCH_PERSIST_MS ? { persistIntervalMs: Number(process.env.BENCH_PERSIST_MS) } : {}), ...observe })
const server = await serveNode(handler, { port: 0 })
server.server.maxConnections = 10_000

const mem = () => {
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed }
}
let sampler
let peak
let cpu
process.on('message', async (msg) => {
  if (msg === 'mem-start') {
    global.gc()
    const before = mem()
    peak = { ...before }
    sampler = setInterval(() => {
      const m = mem()
      peak.rss = Math.max(peak.rss, m.rss)
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed)
    }, 100)
    cpu = process.cpuUsage()
    process.send({ type: 'mem-start', before })
  } else if (msg === 'mem-end') {
    clearInterval(sampler)
    const used = process.cpuUsage(cpu)
    global.gc()
    await new Promise((r) => setTimeout(r, 200))
    global.gc()
    process.send({ type: 'mem-end', peak, after: mem(), cpuMs: (used.user + used.system) / 1000 })
  } else if (msg === 'stop') {
    await handler.shutdown(2000)
    await server.close()
    eventLog.dispose()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
})
process.send({ type: 'ready', api: `${server.url}/api/ai`, apiKey: API_KEY, tokens: TOKENS, intervalMs: INTERVAL_MS })
