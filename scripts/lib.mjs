// Helpers shared by `npm start` and `npm test`. Node built-ins only: these run before anything is installed.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const PNPM_VERSION = '12.4.2'

/** Environment for child commands: native addons (better-sqlite3) build against this Node's own headers. */
export function childEnv(extra = {}) {
  const env = { ...process.env, ...extra }
  const prefix = path.resolve(path.dirname(process.execPath), '..')
  if (!env.npm_config_nodedir && existsSync(path.join(prefix, 'include', 'node', 'common.gypi'))) {
    env.npm_config_nodedir = prefix
  }
  return env
}

/** Runs a command in the repo root, inheriting stdio; exits the process on failure unless `allowFail`. */
export function run(cmd, args, { allowFail = false, env } = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: env ?? childEnv() })
  if (r.error) throw r.error
  if (r.status !== 0 && !allowFail) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`)
    process.exit(r.status ?? 1)
  }
  return r.status ?? 1
}

function pnpmVersion(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: childEnv() })
  return r.status === 0 ? r.stdout.trim() : null
}

/**
 * Returns the argv prefix that runs pnpm PNPM_VERSION: a matching global pnpm, or `npm exec` of the
 * pinned version (another pnpm version refuses our lockfile; corepack does not work everywhere).
 */
export function pnpmCommand() {
  if (pnpmVersion('pnpm') === PNPM_VERSION) return ['pnpm']
  console.log(`pnpm ${PNPM_VERSION} not found on PATH; using it through npm exec`)
  return ['npm', 'exec', '--yes', `--package=pnpm@${PNPM_VERSION}`, '--', 'pnpm']
}

export function pnpm(args, opts) {
  const [cmd, ...pre] = pnpmCommand()
  return run(cmd, [...pre, ...args], opts)
}

/** `pnpm install`; frozen lockfile under CI (pnpm's default there), plain otherwise. */
export function install() {
  pnpm(['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])])
}
