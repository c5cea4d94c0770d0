import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startApp } from './app.js'
import { parseAppConfig, type AppConfig } from './config.js'
import { promSum } from './prom-text.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-metrics-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const agent = join(tmp, 'tool-agent.mjs')
writeFileSync(
  agent,
  `export default { id: 'tools', name: 'Tools', async *run() {
  yield { type: 'tool_start', id: 't', name: 'lookup' }
  yield { type: 'tool_end', id: 't', error: 'upstream 502' }
  for (let i = 0; i < 20; i++) yield { type: 'text', text: 'w' + i + ' ' }
} }\n`,
)

function config(argv: string[], env: NodeJS.ProcessEnv = {}): AppConfig {
  const c = parseAppConfig(['--port', '0', '--no-demo', '--data-dir', join(tmp, 'data'), '--agent', agent, ...argv], env, tmp)
  if (c === 'help') throw new Error('help')
  return c
}

describe('observability options', () => {
  it('are off by default; refused when they would expose metrics or do nothing', () => {
    expect(config([]).observe).toEqual({ metrics: null, logFormat: 'text', tracing: false })
    expect(config(['--metrics-port', '0', '--log-format', 'json']).observe).toEqual({
      metrics: { port: 0, host: '127.0.0.1', token: null },
      logFormat: 'json',
      tracing: false,
    })
    expect(
      config([], { CHATKIT_METRICS_PORT: '9464', CHATKIT_METRICS_HOST: '0.0.0.0', CHATKIT_METRICS_TOKEN: 'a-long-scrape-token', CHATKIT_TRACING: '1' }).observe,
    ).toEqual({ metrics: { port: 9464, host: '0.0.0.0', token: 'a-long-scrape-token' }, logFormat: 'text', tracing: true })
    expect(() => config(['--metrics-port', '9464', '--metrics-host', '0.0.0.0'])).toThrow(/--metrics-host 0\.0\.0\.0 is not loopback.*--metrics-token/)
    expect(() => config(['--metrics-host', '127.0.0.1'])).toThrow(/need --metrics-port/)
    expect(() => config(['--metrics-token', 'a-long-scrape-token'])).toThrow(/need --metrics-port/)
    expect(() => config(['--metrics-port', '9464', '--metrics-token', 'short'])).toThrow(/at least 16 characters/)
    expect(() => config(['--metrics-port', 'x'])).toThrow(/expected a port number/)
    expect(() => config(['--log-format', 'yaml'])).toThrow(/expected json or text, got "yaml"/)
  })

  it('--tracing without an OpenTelemetry SDK registered refuses to start', async () => {
    await expect(startApp(config(['--tracing']))).rejects.toThrow(/--tracing: no OpenTelemetry SDK is registered/)
  })
})

describe('--metrics-port', () => {
  it('serves the run figures on its own loopback listener, not on the API port', async () => {
    const app = await startApp(config(['--metrics-port', '0']))
    try {
      const metricsUrl = app.urls.metrics!
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
      expect(new URL(metricsUrl).port).not.toBe(new URL(app.urls.listen).port)
      // Never on the main port.
      expect((await fetch(`${app.urls.listen}/metrics`)).status).toBe(404)
      expect((await fetch(new URL('/other', metricsUrl))).status).toBe(404)

      const post = (path: string, auth: string, body: unknown) =>
        fetch(app.urls.api + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const secret = (await (await post('/v1/chatkit/sessions', app.apiKey.value, { assistant: { id: 'tools' }, user: 'u' })).json()).client_secret
      const thread = (await (await post('/threads', secret, {})).json()).thread_id
      const res = await post(`/threads/${thread}/runs/stream`, secret, { input: { input: { input: 'hi' } } })
      expect(await res.text()).toContain('on_conversation_end')

      // The run is over once its duration is recorded (the engine finishes just after the stream).
      let text = ''
      await expect.poll(async () => promSum((text = await (await fetch(metricsUrl)).text()), 'chatkit_run_duration_seconds_count'), { timeout: 5000 }).toBe(1)
      const res2 = await fetch(metricsUrl)
      expect(res2.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      expect(promSum(text, 'chatkit_run_duration_seconds_count', { status: 'success' })).toBe(1)
      expect(promSum(text, 'chatkit_tokens_total')).toBe(20)
      expect(promSum(text, 'chatkit_sse_streams_total')).toBe(1)
      expect(promSum(text, 'chatkit_sse_streams_active')).toBe(0)
      expect(promSum(text, 'chatkit_runs_active')).toBe(0)
      expect(promSum(text, 'chatkit_tool_errors_total')).toBe(1)
      expect(promSum(text, 'chatkit_agent_errors_total')).toBe(0)
      expect(promSum(text, 'chatkit_follow_up_queue_depth')).toBe(0)
      expect(promSum(text, 'chatkit_time_to_first_token_seconds_count')).toBe(1)
      expect(promSum(text, 'chatkit_sse_events_total')).toBeGreaterThanOrEqual(5)
      expect(promSum(text, 'chatkit_event_log_lag_seconds_count')).toBeGreaterThanOrEqual(1)
      expect(promSum(text, 'chatkit_store_operation_seconds_count', { operation: 'messages.update' })).toBeGreaterThanOrEqual(1)
      // A client secret's session is read once and then remembered (services/auth.ts): one lookup for all the requests.
      expect(promSum(text, 'chatkit_store_operation_seconds_count', { operation: 'sessions.findByHash' })).toBe(1)
      expect(promSum(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    } finally {
      await app.stop()
    }
  })

  it('with a token: a scrape without it gets 401', async () => {
    const app = await startApp(config(['--metrics-port', '0', '--metrics-token', 'a-long-scrape-token']))
    try {
      const url = app.urls.metrics!
      expect((await fetch(url)).status).toBe(401)
      expect((await fetch(url, { headers: { authorization: 'Bearer a-long-scrape-tokeX' } })).status).toBe(401)
      const ok = await fetch(url, { headers: { authorization: 'Bearer a-long-scrape-token' } })
      expect(ok.status).toBe(200)
      expect(await ok.text()).toContain('# TYPE chatkit_tokens_total counter')
    } finally {
      await app.stop()
    }
  })
})
