// Puts one example where a user would have it: copied out of the repo (so nothing resolves from the
// monorepo's node_modules), its @xpert-ai/* dependencies pointed at the packed tarballs, installed
// with plain npm from the registry.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, childEnv } from '../lib.mjs'

const SKIP = new Set(['node_modules', 'dist', '.next', 'package-lock.json', 'data', 'public/chatkit.js', 'public/chatkit.d.ts', '__pycache__', '.venv'])

/** Copies examples/<name> into `dir`, rewrites @xpert-ai/* specs to `file:` tarballs, `npm install`s. */
export function setupExample(name, dir, manifest) {
  const src = path.join(ROOT, 'examples', name)
  cpSync(src, dir, { recursive: true, filter: (f) => !SKIP.has(path.relative(src, f)) })
  const file = path.join(dir, 'package.json')
  const pkg = JSON.parse(readFileSync(file, 'utf8'))
  const packed = (spec, dep) => (manifest[dep] ? `file:${manifest[dep]}` : spec)
  for (const field of ['dependencies', 'devDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {})) pkg[field][dep] = packed(pkg[field][dep], dep)
  }
  // Packed packages depend on each other by version ("0.1.0"), which the registry must not answer.
  pkg.overrides = { ...pkg.overrides, ...Object.fromEntries(Object.entries(manifest).map(([dep, tgz]) => [dep, `file:${tgz}`])) }
  writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n')
  // Install scripts are skipped: the only one the examples need is better-sqlite3's, which
  // downloads a prebuilt binary where GitHub is reachable and otherwise compiles for minutes.
  sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'])
  provideSqliteBinary(dir)
}

/**
 * Gives an installed better-sqlite3 its native addon: the workspace's build when the versions match
 * (what prebuild-install would download: same version, same Node ABI), else a compile.
 */
function provideSqliteBinary(dir) {
  const installed = path.join(dir, 'node_modules', 'better-sqlite3')
  if (!existsSync(installed)) return
  const workspace = realpathSync(path.join(ROOT, 'packages', 'server', 'node_modules', 'better-sqlite3'))
  const version = (d) => JSON.parse(readFileSync(path.join(d, 'package.json'), 'utf8')).version
  const addon = path.join('build', 'Release', 'better_sqlite3.node')
  if (version(installed) === version(workspace) && existsSync(path.join(workspace, addon))) {
    mkdirSync(path.join(installed, 'build', 'Release'), { recursive: true })
    copyFileSync(path.join(workspace, addon), path.join(installed, addon))
  } else {
    sh(dir, 'npm', ['rebuild', 'better-sqlite3'])
  }
  sh(dir, 'node', ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"])
}

/** Runs a command in `dir` to completion; throws with its output on failure. */
export function sh(dir, cmd, args, env = {}) {
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: childEnv(env), maxBuffer: 64 * 1024 * 1024 })
  const took = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${dir} (${took} s):\n${r.stdout}\n${r.stderr}`)
  console.log(`  ✓ ${cmd} ${args.join(' ')} (${took} s)`)
  return r.stdout
}

/** Starts a long-running command; resolves when `readyUrl` answers (any status), `stop()` ends it. */
export async function startProcess(dir, cmd, args, { env = {}, readyUrl }) {
  const child = spawn(cmd, args, { cwd: dir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const stop = () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
    }
  }
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break
    try {
      await fetch(readyUrl)
      return { child, stop, output: () => output }
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  stop()
  throw new Error(`${cmd} ${args.join(' ')} did not come up at ${readyUrl}:\n${output}`)
}
