import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startApp } from './app.js'
import { parseAppConfig, type AppConfig } from './config.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-trust-proxy-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function config(argv: string[]): AppConfig {
  const c = parseAppConfig(['--port', '0', '--no-demo', '--data-dir', join(tmp, 'data'), ...argv], {}, tmp)
  if (c === 'help') throw new Error('help')
  return c
}

/** Eleven wrong API keys (the default allows 10) from "client" as the proxy reports it, then one from "other". */
async function guess(api: string, client: string, other: string): Promise<number[]> {
  const post = (xff: string) =>
    fetch(`${api}/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer a-wrong-key-but-long-enough', 'x-forwarded-for': xff, 'content-type': 'application/json' },
      body: '{}',
    })
  const statuses: number[] = []
  for (let i = 0; i < 11; i++) statuses.push((await post(client)).status)
  statuses.push((await post(other)).status)
  return statuses
}

describe('--trusted-proxies and the client address', () => {
  it('parses the list of proxy addresses', () => {
    expect(config([]).trustedProxies).toEqual([])
    expect(config(['--trusted-proxies', '127.0.0.1, ::1']).trustedProxies).toEqual(['127.0.0.1', '::1'])
    expect(parseAppConfig([], { CHATKIT_TRUSTED_PROXIES: '10.0.0.2' }, tmp)).toMatchObject({ trustedProxies: ['10.0.0.2'] })
  })

  it('throttles failed API keys per forwarded address (last hop) from a trusted proxy; from any other peer the header cannot dodge the throttle', async () => {
    const warnings: string[] = []
    const warn = console.warn
    console.warn = (m: string) => void warnings.push(m)
    try {
      const proxied = await startApp(config(['--trusted-proxies', '127.0.0.1']))
      try {
        expect(await guess(proxied.urls.api, 'spoofed, 203.0.113.1', '203.0.113.2')).toEqual([...Array(10).fill(401), 429, 401])
        expect(warnings).toContain('[chatkit] POST /v1/chatkit/sessions: an invalid API key from 203.0.113.1')
      } finally {
        await proxied.stop()
      }
      const direct = await startApp(config([]))
      try {
        // The header is the client's own here: a new value per request does not reset the count.
        expect((await guess(direct.urls.api, '203.0.113.1', '203.0.113.2')).slice(-2)).toEqual([429, 429])
        expect(warnings.at(-1)).toMatch(/127\.0\.0\.1 is throttled/)
      } finally {
        await direct.stop()
      }
    } finally {
      console.warn = warn
    }
  })
})
