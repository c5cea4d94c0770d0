import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, openThread, startCli } from './cli-process.js'

const SETUP = fileURLToPath(new URL('../test/fixtures/otel-file-exporter.mjs', import.meta.url))

describe('chatkit-server --tracing (real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-cli-tracing-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exports each run through the OpenTelemetry SDK the operator registered with node --import', async () => {
    const out = join(dir, 'spans.jsonl')
    const cli = await startCli(join(dir, 'data'), { extraArgs: ['--tracing'], env: { ...process.env, NODE_OPTIONS: `--import ${SETUP}`, OTEL_TEST_FILE: out } })
    try {
      const { auth, threadId } = await openThread(cli)
      const res = await fetch(`${cli.api}/threads/${threadId}/runs/stream`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ input: { input: { input: 'hi' } } }),
      })
      const runId = res.headers.get('x-run-id')!
      const sse = await res.text()
      expect(sse).toContain(`"on_conversation_end","data":{"id":"${threadId}","status":"idle"}`)
      type Span = { name: string; traceId: string; spanId: string; parent: string | null; attributes: Record<string, unknown> }
      const spans = (): Span[] =>
        existsSync(out)
          ? readFileSync(out, 'utf8')
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l))
          : []
      await expect.poll(() => spans().some((s) => s.name === 'chatkit.run'), { timeout: 10_000 }).toBe(true)
      const all = spans()
      const run = all.find((s) => s.name === 'chatkit.run')!
      expect(run.attributes).toMatchObject({ 'chatkit.run_id': runId, 'chatkit.thread_id': threadId, 'chatkit.run.status': 'success' })
      const request = all.find((s) => s.spanId === run.parent)!
      expect(request.name).toBe('chatkit.request POST')
      expect(request.attributes['chatkit.request_id']).toBe(res.headers.get('x-request-id'))
      expect(all.find((s) => s.name === 'chatkit.agent')!.parent).toBe(run.spanId)
      expect(all.filter((s) => s.traceId === run.traceId).map((s) => s.name)).toEqual(
        expect.arrayContaining(['chatkit.store messages.update', 'chatkit.event_log append']),
      )
    } finally {
      cli.child.kill('SIGTERM')
      await cli.exited
    }
  })

  it('refuses to start (exit 1, one line) when no SDK is registered', async () => {
    const child = spawn(process.execPath, [CLI, '--tracing', '--no-demo', '--port', '0', '--data-dir', join(dir, 'data2')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr!.on('data', (c) => (err += c))
    const code = await new Promise((r) => child.on('exit', r))
    expect(code).toBe(1)
    expect(err.trim()).toMatch(/^chatkit-server: --tracing: no OpenTelemetry SDK is registered in this process; start it with `node --import/)
  })
})
