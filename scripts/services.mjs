// Real services for tests: PostgreSQL 15, Redis 7 and HAProxy from Debian packages. Each is
// installed with apt-get when missing (as scripts/chromium.mjs does for Chromium), started as a
// throwaway instance on a free loopback port in a temp dir of its own, and stopped (its dir
// removed) by the returned `stop()`. Node built-ins only.
import { execFile, spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const PG_BIN = process.env.CHATKIT_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** What each service needs: a binary to look for and the Debian package that has it. */
const PACKAGES = {
  postgresql: { bin: path.join(PG_BIN, 'postgres'), pkg: 'postgresql-15' },
  redis: { bin: '/usr/bin/redis-server', pkg: 'redis-server' },
  haproxy: { bin: '/usr/sbin/haproxy', pkg: 'haproxy' },
}

/** Installs the Debian packages of `names` that are missing; throws a one-line reason when it cannot. */
export function ensureServices(names) {
  const missing = names.map((n) => PACKAGES[n]).filter((p) => !existsSync(p.bin))
  if (!missing.length) return
  const pkgs = missing.map((p) => p.pkg)
  const isRoot = process.getuid?.() === 0
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0
  if (!isRoot || !hasApt) {
    throw new Error(`the tests need ${pkgs.join(', ')}: install them (Debian/Ubuntu: sudo apt-get install -y ${pkgs.join(' ')})`)
  }
  console.log(`\n$ apt-get install ${pkgs.join(' ')} (for the PostgreSQL/Redis tests)`)
  // Installing must not start the distribution's own services (we start throwaway ones).
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' }
  writeFileSync('/usr/sbin/policy-rc.d', '#!/bin/sh\nexit 101\n')
  chmodSync('/usr/sbin/policy-rc.d', 0o755)
  try {
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
    ]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env })
      if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${r.status})`)
    }
  } finally {
    rmSync('/usr/sbin/policy-rc.d', { force: true })
  }
  for (const p of missing) if (!existsSync(p.bin)) throw new Error(`apt-get installed ${p.pkg} but ${p.bin} is missing`)
}

/** A free loopback TCP port (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

const asRoot = process.getuid?.() === 0
/** initdb/pg_ctl refuse to run as root: as root they run as the `postgres` user. */
const pgArgv = (bin, args) => (asRoot ? ['runuser', '-u', 'postgres', '--', path.join(PG_BIN, bin), ...args] : [path.join(PG_BIN, bin), ...args])
const pgCmd = (bin, args) => {
  const [cmd, ...rest] = pgArgv(bin, args)
  return run(cmd, rest)
}

/**
 * A throwaway PostgreSQL 15: `initdb` in a temp dir, trust auth on 127.0.0.1 only, database
 * `chatkit`. Returns its URL and `stop()` (immediate shutdown, dir removed).
 */
export async function startPostgres() {
  ensureServices(['postgresql'])
  const dir = mkdtempSync(path.join(tmpdir(), 'chatkit-pg-'))
  if (asRoot) {
    const { uid, gid } = pgUser()
    chownSync(dir, uid, gid)
  }
  const data = path.join(dir, 'data')
  await pgCmd('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`
  await pgCmd('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'])
  const stopArgv = pgArgv('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
  const stop = onExit(
    () => {
      spawnSync(stopArgv[0], stopArgv.slice(1), { stdio: 'ignore' })
      rmSync(dir, { recursive: true, force: true })
    },
    `${stopArgv.map(sh).join(' ')}; rm -rf ${sh(dir)}`,
  )
  try {
    await pgCmd('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'chatkit'])
  } catch (e) {
    await stop()
    throw e
  }
  const url = `postgres://postgres@127.0.0.1:${port}/chatkit`
  return {
    url,
    port,
    /** Creates another empty database on this server and returns its URL (one per test suite). */
    async database(name) {
      await pgCmd('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name])
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    /** Stops the server (keeping its data) and starts it again: an outage for recovery tests. */
    async restart() {
      await pgCmd('pg_ctl', ['-D', data, '-m', 'fast', '-o', opts, '-l', path.join(dir, 'log'), '-w', 'restart'])
    },
    /** Stops the server (keeping its data); `start()` brings it back. */
    async pause() {
      await pgCmd('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    async start() {
      await pgCmd('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'])
    },
    stop,
  }
}

function pgUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) throw new Error('no postgres user: is the postgresql package installed?')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

/** A throwaway Redis 7 with persistence off. Returns its URL and `stop()`. */
export async function startRedis() {
  ensureServices(['redis'])
  const dir = mkdtempSync(path.join(tmpdir(), 'chatkit-redis-'))
  const port = await freePort()
  const pidfile = path.join(dir, 'redis.pid')
  const launch = async () => {
    rmSync(pidfile, { force: true })
    await run('/usr/bin/redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--dir',
      dir,
      '--pidfile',
      pidfile,
      '--logfile',
      path.join(dir, 'log'),
    ])
    return waitForPidfile(pidfile)
  }
  let pid = await launch()
  const stop = onExit(
    () => {
      killQuietly(pid)
      rmSync(dir, { recursive: true, force: true })
    },
    `kill -9 $(cat ${sh(pidfile)}); rm -rf ${sh(dir)}`,
  )
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return pid
    },
    /**
     * Kills the server (its data is gone: persistence is off) and, after `downMs`, starts it again
     * on the same port. `onDown` runs once the killed process is gone.
     */
    async restart(downMs = 0, onDown = () => {}) {
      killQuietly(pid)
      while (isAlive(pid)) await new Promise((r) => setTimeout(r, 10))
      onDown()
      if (downMs) await new Promise((r) => setTimeout(r, downMs))
      pid = await launch()
    },
    stop,
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * A throwaway HAProxy in HTTP mode balancing round-robin over `backends` (`host:port`), with
 * idle timeouts far above the SSE keep-alive interval and no response buffering in the way. Each
 * response names the replica that answered (`x-chatkit-replica: r<i>`, `i` the index in
 * `backends`); a request carrying that header goes to that replica (tests pin requests with it).
 */
export async function startHaproxy(backends) {
  ensureServices(['haproxy'])
  const dir = mkdtempSync(path.join(tmpdir(), 'chatkit-haproxy-'))
  const port = await freePort()
  const cfg = path.join(dir, 'haproxy.cfg')
  const pidfile = path.join(dir, 'haproxy.pid')
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 120s',
      '  timeout server 120s',
      '  timeout tunnel 1h',
      '  option http-server-close',
      'frontend chatkit',
      `  bind 127.0.0.1:${port}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  option redispatch',
      '  retries 2',
      // Which replica answered (`r0`, `r1`, …), and, for tests only, a request header that picks it.
      '  http-response set-header x-chatkit-replica %s',
      ...backends.map((_, i) => `  use-server r${i} if { req.hdr(x-chatkit-replica) -m str r${i} }`),
      ...backends.map((b, i) => `  server r${i} ${b} check inter 500ms fall 2 rise 1`),
      '',
    ].join('\n'),
  )
  await run('/usr/sbin/haproxy', ['-f', cfg, '-D', '-p', pidfile])
  const pid = await waitForPidfile(pidfile)
  const stop = onExit(
    () => {
      killQuietly(pid)
      rmSync(dir, { recursive: true, force: true })
    },
    `kill -9 ${pid}; rm -rf ${sh(dir)}`,
  )
  return { url: `http://127.0.0.1:${port}`, port, pid, stop }
}

async function waitForPidfile(file) {
  for (let i = 0; i < 100; i++) {
    if (existsSync(file)) {
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (pid > 0) return pid
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${file} did not appear`)
}

function killQuietly(pid) {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Wraps a synchronous stop: it runs once, from `stop()`, from the process's exit hook, or — when
 * the test process is killed outright (no hook runs) — from a detached watchdog shell that runs
 * `shellStop` once this process is gone. No instance outlives the tests that started it.
 */
const pending = new Set()
let hooked = false
function onExit(stopSync, shellStop) {
  let done = false
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${shellStop}`], { detached: true, stdio: 'ignore' })
  watchdog.unref()
  const once = () => {
    if (done) return
    done = true
    pending.delete(once)
    killQuietly(watchdog.pid)
    stopSync()
  }
  pending.add(once)
  if (!hooked) {
    hooked = true
    process.once('exit', () =>
      [...pending].forEach((s) => {
        s()
      }),
    )
  }
  return async () => once()
}

/** A shell word. */
function sh(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`
}
