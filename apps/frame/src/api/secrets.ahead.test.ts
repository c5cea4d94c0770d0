/** Secrets fetched ahead of need and renewed before a known expiry (issue 18). */
import { describe, expect, it, vi } from 'vitest'
import { ClientSecrets, normalizeSecret } from './secrets.js'

function expiringHost(ttlS: number, clock: { now: number }) {
  const calls: (string | null)[] = []
  let n = 0
  const source = async (current: string | null) => {
    calls.push(current)
    return { secret: `cs-x-${++n}`, expiresAt: (clock.now + ttlS * 1000) / 1000 }
  }
  return { calls, source }
}

describe('ClientSecrets ahead of need', () => {
  it('warm() fetches the first secret once; get() then answers without asking the host', async () => {
    const calls: (string | null)[] = []
    const secrets = new ClientSecrets(async (c) => (calls.push(c), 'cs-x-warm'))
    secrets.warm()
    secrets.warm()
    await vi.waitFor(() => expect(calls).toEqual([null]))
    expect((await secrets.get()).secret).toBe('cs-x-warm')
    expect(calls).toEqual([null])
  })

  it('a secret with a known expiry is renewed before it, by get() and by warm(), never used stale', async () => {
    const clock = { now: Date.parse('2026-12-01T00:00:00Z') }
    const h = expiringHost(600, clock)
    const secrets = new ClientSecrets(h.source, { now: () => clock.now })
    expect((await secrets.get()).secret).toBe('cs-x-1')
    clock.now += 500_000
    expect((await secrets.get()).secret).toBe('cs-x-1')
    // Within 30 s of the expiry: renewed before use, with the old one passed to the host.
    clock.now += 75_000
    expect((await secrets.get()).secret).toBe('cs-x-2')
    expect(h.calls).toEqual([null, 'cs-x-1'])
    // Idle past the expiry (the user typing again): warm() renews it before Enter.
    clock.now += 3_600_000
    secrets.warm()
    await vi.waitFor(() => expect(h.calls).toEqual([null, 'cs-x-1', 'cs-x-2']))
    expect((await secrets.get()).secret).toBe('cs-x-3')
  })

  it('a short-lived secret is renewed in the last quarter of its life', async () => {
    const clock = { now: 1_000_000_000_000 }
    const h = expiringHost(4, clock)
    const secrets = new ClientSecrets(h.source, { now: () => clock.now })
    await secrets.get()
    clock.now += 2_900
    expect((await secrets.get()).secret).toBe('cs-x-1')
    clock.now += 200
    expect((await secrets.get()).secret).toBe('cs-x-2')
  })

  it('expiresAt must be Unix seconds: a clear error otherwise', () => {
    expect(normalizeSecret({ secret: 'cs-x-1', expiresAt: 1_800_000_000 }, 5)).toEqual({ secret: 'cs-x-1', expiresAt: 1_800_000_000_000, receivedAt: 5 })
    expect(() => normalizeSecret({ secret: 'cs-x-1', expiresAt: 1_800_000_000_000 })).toThrow(
      'api.getClientSecret: expiresAt must be in seconds, got 1800000000000 (milliseconds?)',
    )
    expect(() => normalizeSecret({ secret: 'cs-x-1', expiresAt: '2026' })).toThrow(
      "expiresAt must be a Unix time in seconds (the sessions endpoint's expires_at), got string",
    )
  })
})
