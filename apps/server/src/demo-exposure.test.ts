import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI } from './cli-process.js'
import { ConfigError, isLoopback, parseAppConfig } from './config.js'

const dir = mkdtempSync(join(tmpdir(), 'chatkit-demo-exposure-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, dir)

describe('the demo mint is a demo', () => {
  it('tells loopback hosts from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopback(h), h).toBe(true)
    for (const h of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.com', '128.0.0.1']) expect(isLoopback(h), h).toBe(false)
  })

  it('refuses a non-loopback --host with the demo on, unless --no-demo or --demo-public', () => {
    expect(() => parse(['--host', '0.0.0.0'])).toThrow(ConfigError)
    expect(() => parse([], { HOST: '192.168.1.5' })).toThrow(/--host 192\.168\.1\.5 is not loopback.*--no-demo.*--demo-public/)
    expect(parse(['--host', '0.0.0.0', '--no-demo'])).toMatchObject({ demo: false, demoPublic: false })
    expect(parse(['--host', '0.0.0.0', '--demo-public'])).toMatchObject({ demo: true, demoPublic: true })
    expect(parse(['--host', '0.0.0.0'], { CHATKIT_DEMO_PUBLIC: '1' })).toMatchObject({ demo: true, demoPublic: true })
    expect(parse([])).toMatchObject({ host: '127.0.0.1', demo: true, demoPublic: false })
  })
})

/** Runs the built CLI until it prints `until` or exits; returns its output and exit code. */
function runCli(args: string[], until: RegExp): Promise<{ out: string; err: string; code: number | null; stop(): void }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--demo-port', '0', '--data-dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  return new Promise((resolve) => {
    const done = (code: number | null) => resolve({ out, err, code, stop: () => child.kill('SIGKILL') })
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => {
      err += c
      if (until.test(err)) done(null)
    })
    child.on('exit', (code) => done(code))
  })
}

describe('chatkit-server on a non-loopback host (dist/cli.js)', () => {
  it('refuses to start the demo mint without --demo-public: one clear line, exit code 2', async () => {
    const r = await runCli(['--host', '0.0.0.0'], /$^/)
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/^chatkit-server: --host 0\.0\.0\.0 is not loopback .* add --no-demo, or --demo-public/)
    expect(r.out).not.toContain('ChatKit server is running')
  })

  it('with --demo-public starts and prints a loud WARNING line naming the exposed demo; the dev key is printed as its file', async () => {
    const r = await runCli(['--host', '0.0.0.0', '--demo-public'], /WARNING:.*\n/)
    try {
      expect(r.code).toBeNull()
      expect(r.err).toMatch(
        /^WARNING: the demo site http:\/\/0\.0\.0\.0:\d+\/ listens on 0\.0\.0\.0, reachable from the network: it gives a client secret to anyone who opens it/m,
      )
      expect(r.out).toContain('ChatKit server is running')
      // The generated dev API key is named by its file, never printed.
      const key = readFileSync(join(dir, 'dev-api-key'), 'utf8').trim()
      expect(key).toMatch(/^ck-dev-/)
      expect(r.out + r.err).not.toContain(key)
      expect(r.out).toContain(`API key    generated a development API key in ${join(dir, 'dev-api-key')} (mode 600; read it from there)`)
    } finally {
      r.stop()
    }
  })
})
