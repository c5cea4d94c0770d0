import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseAppConfig, ConfigError } from './config.js'
import { createSdkHandler, DEFAULT_SDK_DIR, sdkVersion } from './sdk-static.js'

const version = sdkVersion()
const sdk = createSdkHandler()
const get = (path: string, method = 'GET') => sdk(new Request(`http://127.0.0.1:8787${path}`, { method }))

describe('host SDK at /chatkit/sdk/<version>/', () => {
  it('serves the ES module and the classic script, immutable, CORS-readable, nosniff', async () => {
    expect(version).toBe(JSON.parse(readFileSync(new URL('../../../packages/chatkit-js/package.json', import.meta.url), 'utf8')).version)
    for (const [name, file] of [
      ['chatkit.js', 'index.js'],
      ['chatkit.iife.js', 'chatkit.iife.js'],
      ['launcher.js', 'launcher.js'],
      ['index.js', 'index.js'],
      ['pet.js', 'pet.js'],
      ['floating.js', 'floating.js'],
      ['host-fetch.js', 'host-fetch.js'],
    ]) {
      const res = await get(`/chatkit/sdk/${version}/${name}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(readFileSync(DEFAULT_SDK_DIR + file)))
    }
    expect(await (await get(`/chatkit/sdk/${version}/chatkit.iife.js`)).text()).toMatch(/^var ChatKit=/)
  })

  it('another version, another file or a POST is refused with the URL this server has', async () => {
    for (const path of [
      '/chatkit/sdk/0.0.0-old/chatkit.js',
      `/chatkit/sdk/${version}/secret.txt`,
      `/chatkit/sdk/${version}/../package.json`,
      `/chatkit/sdk/${version}/a/chatkit.js`,
    ]) {
      const res = await get(path)
      expect(res.status).toBe(404)
      expect((await res.json()).error.message).toContain(
        `this server serves /chatkit/sdk/${version}/{chatkit.js,index.js,chatkit.iife.js,launcher.js,pet.js,floating.js,host-fetch.js}`,
      )
    }
    expect((await get(`/chatkit/sdk/${version}/chatkit.js`, 'POST')).status).toBe(405)
  })
})

describe('proxy and demo-agent flags', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/tmp')
  it('reads --public-url, --trusted-proxies, --demo-agent and their env', () => {
    const c = parse(['--public-url', 'https://chat.example.com/', '--trusted-proxies', '127.0.0.1, ::1', '--demo-agent', 'mine'])
    expect(c).toMatchObject({ publicUrl: 'https://chat.example.com', trustedProxies: ['127.0.0.1', '::1'], demoAgent: 'mine' })
    expect(parse([], { CHATKIT_PUBLIC_URL: 'http://10.0.0.1:8080', CHATKIT_TRUSTED_PROXIES: '10.0.0.2', CHATKIT_DEMO_AGENT: 'x' })).toMatchObject({
      publicUrl: 'http://10.0.0.1:8080',
      trustedProxies: ['10.0.0.2'],
      demoAgent: 'x',
    })
  })
  it('refuses a public URL with a path or another scheme, and a proxy that is not an IP', () => {
    expect(() => parse(['--public-url', 'https://chat.example.com/chat'])).toThrow(
      new ConfigError('--public-url / CHATKIT_PUBLIC_URL: expected an origin such as https://chat.example.com (no path), got "https://chat.example.com/chat"'),
    )
    expect(() => parse(['--public-url', 'ftp://x'])).toThrow(/expected an origin/)
    expect(() => parse(['--public-url', 'chat.example.com'])).toThrow(/is not a URL/)
    expect(() => parse(['--trusted-proxies', 'proxy.local'])).toThrow(
      new ConfigError('--trusted-proxies / CHATKIT_TRUSTED_PROXIES: "proxy.local" is not an IP address'),
    )
  })
})
