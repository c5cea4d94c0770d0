// The servers `pnpm bench:server` measures, each started in processes of its own: the floor (a
// bare node:http SSE server), ChatKit on SQLite (bench/server-child.mjs, the handler in one
// process), and ChatKit on PostgreSQL + Redis (2 CLI replicas behind HAProxy, throwaway services
// from scripts/services.mjs). Each returns the API URL, the server pids whose CPU is counted,
// the service pids reported beside them, and stop().
import { fork, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startHaproxy, startPostgres, startRedis } from '../scripts/services.mjs'

const here = (f) => fileURLToPath(new URL(f, import.meta.url))
const API_KEY = 'bench-api-key-0123456789abcdef'

/** Forks a bench child; `next(...types)` waits for its next message of one of these types. */
export function forkChild(file, execArgv = [], env = process.env) {
  const child = fork(here(file), [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const messages = []
  let wake = () => {}
  child.on('message', (m) => {
    messages.push(m)
    wake()
  })
  const next = async (...types) => {
    for (;;) {
      const i = messages.findIndex((m) => types.includes(m.type))
      if (i >= 0) return messages.splice(i, 1)[0]
      if (child.exitCode !== null) throw new Error(`${file} exited (${child.exitCode})`)
      await new Promise((r) => (wake = r))
    }
  }
  child.on('exit', () => wake())
  return { child, next }
}

/** One folder per server process: a replica's loader-hooks thread writes a profile too. */
const profArgs = (prof, name) => (prof ? ['--cpu-prof', `--cpu-prof-dir=${join(prof, name)}`] : [])

export async function startFloor({ prof }) {
  const { child, next } = forkChild('./floor-child.mjs', profArgs(prof, 'floor'))
  const ready = await next('ready')
  return { ...ready, pids: [child.pid], services: {}, stop: () => stopChild(child) }
}

/** ChatKit's handler on SQLite in one process; `mem(phase)` samples its heap for the leak check. */
export async function startSqlite({ prof, name = 'sqlite', env = process.env }) {
  const { child, next } = forkChild('./server-child.mjs', ['--expose-gc', ...profArgs(prof, name)], env)
  const ready = await next('ready')
  const mem = async (phase) => {
    child.send(phase)
    return next(phase)
  }
  return { ...ready, pids: [child.pid], services: {}, mem, stop: () => stopChild(child) }
}

/**
 * A second SQLite server for an A/B in one invocation (`--backends sqlite,sqlite-b`, rounds
 * interleaved): its environment adds the `KEY=value` pairs of BENCH_B_ENV (space-separated), e.g.
 * `BENCH_SERVER_DIST=… BENCH_COMMIT_MS=8`.
 */
export function startSqliteB({ prof }) {
  const extra = Object.fromEntries(
    (process.env.BENCH_B_ENV ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  )
  return startSqlite({ prof, name: 'sqlite-b', env: { ...process.env, ...extra } })
}

/** Two CLI replicas on throwaway PostgreSQL + Redis, behind a throwaway HAProxy. */
export async function startScale({ prof, replicas = 2 }) {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()])
  const procs = []
  const dirs = []
  let lb
  const stop = async () => {
    await Promise.all(procs.map((p) => stopChild(p)))
    await lb?.stop()
    await Promise.all([pg.stop(), redis.stop()])
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
  try {
    const urls = []
    for (let i = 0; i < replicas; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'chatkit-bench-replica-'))
      dirs.push(dir)
      const args = [
        ...profArgs(prof, `replica${i}`),
        here('../apps/server/dist/cli.js'),
        '--no-demo',
        '--allowed-origins',
        'http://127.0.0.1:9',
        '--port',
        '0',
        '--demo-port',
        '0',
        '--data-dir',
        dir,
        '--api-key',
        API_KEY,
        '--agent',
        here('./bench-agent.mjs'),
        '--database-url',
        pg.url,
        '--redis-url',
        redis.url,
      ]
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
      procs.push(child)
      urls.push(await printedApi(child))
    }
    lb = await startHaproxy(urls.map((u) => new URL(u).host))
    return {
      api: `${lb.url}/api/ai`,
      apiKey: API_KEY,
      agent: 'bench',
      pids: procs.map((p) => p.pid),
      services: { postgres: () => postgresPids(pg.port), redis: () => [redis.pid], haproxy: () => [lb.pid] },
      stop,
    }
  } catch (e) {
    await stop()
    throw e
  }
}

/** The API URL a CLI prints once it listens. */
function printedApi(child) {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      const api = /API\s+(http:\/\/\S+)/.exec(out)?.[1]
      if (api) resolve(api)
    })
    child.on('exit', (code) => reject(new Error(`a replica exited (${code}) before it listened:\n${out}`)))
  })
}

/** The postmaster listening on `port` and its backends. */
function postgresPids(port) {
  const procs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        return { pid: Number(pid), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') }
      } catch {
        return null
      }
    })
    .filter(Boolean)
  const master = procs.find((p) => (p.cmd.startsWith('/usr/lib/postgresql/') && p.cmd.includes(`\0-p\0${port}\0`)) || p.cmd.includes(`-p ${port} `))
  return master ? [master.pid, ...procs.filter((p) => p.ppid === master.pid).map((p) => p.pid)] : []
}

/** Asks a bench child to stop (`stop` message; SIGTERM without IPC) and waits for its exit. */
export function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', resolve)
    if (child.connected) child.send('stop')
    else child.kill('SIGTERM')
  })
}
