import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built CLI, for tests that run it as a real process. */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

export type CliProcess = { child: ChildProcess; api: string; key: string; exited: Promise<number | null>; output(): string }

/**
 * Starts `chatkit-server` on a free port and waits until it prints its API URL and key. `args`
 * replace the default flags, `extraArgs` are added to them (the port and data dir are appended, so
 * they win); `cwd`/`env` as spawn's.
 */
export async function startCli(dataDir: string, o: { args?: string[]; extraArgs?: string[]; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliProcess> {
  const args = [
    ...(o.args ?? ['--no-demo', '--allowed-origins', 'http://127.0.0.1:9']),
    ...(o.extraArgs ?? []),
    '--port',
    '0',
    '--demo-port',
    '0',
    '--data-dir',
    dataDir,
  ]
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: o.cwd, env: o.env ?? process.env })
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  let out = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (out += c))
  const started = Date.now()
  while (!/API key/.test(out) && child.exitCode === null && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50))
  // Behind --public-url the printed API URL is the public one; `listening` is where to connect.
  const listening = /listening\s+(http:\/\/\S+)/.exec(out)?.[1]
  const api = listening ? `${listening}/api/ai` : /API\s+(http:\/\/\S+)/.exec(out)?.[1]
  // A first start prints the generated key; a restart reuses the one kept in the data dir.
  const keyFile = join(dataDir, 'dev-api-key')
  const i = args.lastIndexOf('--api-key')
  const given = (i >= 0 ? args[i + 1] : (o.env ?? process.env).CHATKIT_API_KEY)?.split(',')[0]
  const key = given || (/: (ck-dev-[0-9a-f]+)/.exec(out)?.[1] ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined))
  if (!api || !key) {
    child.kill('SIGKILL')
    throw new Error(`the CLI did not start:\n${out}`)
  }
  return { child, api, key, exited, output: () => out }
}

/** A client secret (minted with the CLI's API key) and a new thread, for tests that talk to a running CLI. */
export async function openThread(
  p: Pick<CliProcess, 'api' | 'key'>,
  assistant = 'demo',
  user = 'u',
): Promise<{ auth: Record<string, string>; threadId: string }> {
  const session = (await (
    await fetch(`${p.api}/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant: { id: assistant }, user }),
    })
  ).json()) as { client_secret: string }
  const auth = { authorization: `Bearer ${session.client_secret}`, 'content-type': 'application/json' }
  const thread = (await (await fetch(`${p.api}/threads`, { method: 'POST', headers: auth, body: '{}' })).json()) as { thread_id: string }
  return { auth, threadId: thread.thread_id }
}
