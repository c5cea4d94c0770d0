// Starts the BUILT server (apps/server/dist/cli.js) on a free loopback port with a throwaway data
// dir, for scripts that drive it over real HTTP (benchmarks, fixture recording). Build first.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './lib.mjs'

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address()
        s.close(() => resolve(port))
      })
  })
}

/**
 * Spawns the server with `--no-demo` and `apiKey`, plus `args`; resolves once `/healthz` answers.
 * `stop()` sends SIGTERM.
 */
export async function startBuiltServer({ apiKey, args = [], port, tmpPrefix = 'ck-local-' }) {
  const p = port ?? (await freePort())
  const dataDir = mkdtempSync(path.join(os.tmpdir(), tmpPrefix))
  const child = spawn(process.execPath, ['apps/server/dist/cli.js', '--port', String(p), '--no-demo', '--data-dir', dataDir, '--api-key', apiKey, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const origin = `http://127.0.0.1:${p}`
  const stop = () => child.kill('SIGTERM')
  try {
    await waitForOk(`${origin}/healthz`, () => child.exitCode !== null)
  } catch (e) {
    stop()
    throw e
  }
  return { origin, api: `${origin}/api/ai`, child, stop }
}

async function waitForOk(url, exited) {
  for (let i = 0; i < 100 && !exited(); i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the server did not start (${url})`)
}

/** The headers the frame sends: the secret (or API key) as Bearer and x-api-key, JSON body. */
export function apiHeaders(secret) {
  return { authorization: `Bearer ${secret}`, 'x-api-key': secret, 'content-type': 'application/json' }
}

/** POSTs JSON and returns the JSON answer; a non-2xx status throws with the body. */
export async function postJson(url, body, secret) {
  const res = await fetch(url, { method: 'POST', headers: apiHeaders(secret), body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return res.json()
}
