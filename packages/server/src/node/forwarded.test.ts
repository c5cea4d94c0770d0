import { serveNode } from '@xpert-ai/chatkit-server'
import { describe, expect, it } from 'vitest'

const echo = async (req: Request) => new Response(req.url)
const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com' }

describe('X-Forwarded-Proto / -Host', () => {
  it('are honoured from a trusted proxy only', async () => {
    const trusted = await serveNode(echo, { port: 0, trustedProxies: ['127.0.0.1'] })
    const untrusted = await serveNode(echo, { port: 0, trustedProxies: ['10.9.9.9'] })
    const none = await serveNode(echo, { port: 0 })
    try {
      expect(await (await fetch(`${trusted.url}/a?b=1`, { headers })).text()).toBe('https://chat.example.com/a?b=1')
      expect(await (await fetch(`${trusted.url}/a`, { headers: { 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'bad host' } })).text()).toBe(
        `${trusted.url}/a`,
      )
      expect(await (await fetch(`${untrusted.url}/a`, { headers })).text()).toBe(`${untrusted.url}/a`)
      expect(await (await fetch(`${none.url}/a`, { headers })).text()).toBe(`${none.url}/a`)
    } finally {
      await Promise.all([trusted.close(), untrusted.close(), none.close()])
    }
  })
})
