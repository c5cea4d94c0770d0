import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatKitError } from '@xpert-ai/chatkit-protocol'
import { ClientSecrets } from './secrets.js'

afterEach(() => vi.useRealTimers())

/** A host whose `getClientSecret` does what `mode` says; every call is recorded. */
function host() {
  const h = {
    mode: 'ok' as 'ok' | 'throw' | 'garbage' | 'hang',
    calls: [] as (string | null)[],
    n: 0,
    source: async (current: string | null): Promise<never> => {
      h.calls.push(current)
      if (h.mode === 'throw') throw new ChatKitError('callback_failed', 'api.getClientSecret failed in the host: backend down')
      if (h.mode === 'garbage') return { nope: true } as never
      if (h.mode === 'hang') return new Promise<never>(() => {})
      return `cs-x-${++h.n}` as never
    },
  }
  return h
}

function holder(h: ReturnType<typeof host>, timeoutMs?: number) {
  const problems: ({ code: string; message: string } | null)[] = []
  const secrets = new ClientSecrets(h.source, { timeoutMs, onProblem: (p) => problems.push(p && { code: p.code, message: p.message }) })
  return { secrets, problems }
}

describe('ClientSecrets', () => {
  it('a host that throws: concurrent callers wait, one report, one host call; Retry serves them all', async () => {
    const h = host()
    h.mode = 'throw'
    const { secrets, problems } = holder(h)
    const waiting = Promise.all([secrets.get(), secrets.get(), secrets.refresh(null)])
    await vi.waitFor(() => expect(problems).toHaveLength(1))
    expect(problems[0]).toEqual({ code: 'callback_failed', message: expect.stringContaining('backend down') })
    expect(secrets.problem?.code).toBe('callback_failed')
    // No loop: with the problem reported and held, nothing asks the host again on its own.
    expect(h.calls).toEqual([null])
    h.mode = 'ok'
    secrets.retry()
    expect((await waiting).map((s) => s.secret)).toEqual(['cs-x-1', 'cs-x-1', 'cs-x-1'])
    expect(h.calls).toEqual([null, null])
    expect(problems).toEqual([problems[0], null])
    expect(secrets.problem).toBeNull()
  })

  it('Retry while the host still fails reports again and keeps waiting', async () => {
    const h = host()
    h.mode = 'garbage'
    const { secrets, problems } = holder(h)
    const waiting = secrets.get()
    await vi.waitFor(() => expect(problems).toHaveLength(1))
    expect(problems[0]?.code).toBe('client_secret')
    secrets.retry()
    await vi.waitFor(() => expect(problems).toHaveLength(3))
    expect(problems[1]).toBeNull()
    expect(problems[2]?.code).toBe('client_secret')
    h.mode = 'ok'
    secrets.retry()
    expect((await waiting).secret).toBe('cs-x-1')
    expect(h.calls).toEqual([null, null, null])
  })

  it('a host that hangs times out into a reported problem', async () => {
    vi.useFakeTimers()
    const h = host()
    h.mode = 'hang'
    const { secrets, problems } = holder(h, 1000)
    void secrets.get()
    await vi.advanceTimersByTimeAsync(999)
    expect(problems).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(problems).toEqual([{ code: 'callback_timeout', message: 'api.getClientSecret did not answer within 1 s' }])
  })

  it('a refresh after expiry passes the stale secret; a second caller with the same stale one shares it', async () => {
    const h = host()
    const { secrets, problems } = holder(h)
    const first = await secrets.get()
    const [a, b] = await Promise.all([secrets.refresh(first.secret), secrets.refresh(first.secret)])
    expect([a.secret, b.secret]).toEqual(['cs-x-2', 'cs-x-2'])
    // Someone already replaced cs-x-1: no host call.
    expect((await secrets.refresh(first.secret)).secret).toBe('cs-x-2')
    expect(h.calls).toEqual([null, 'cs-x-1'])
    expect(problems).toEqual([])
  })

  it('refused: only the current secret, reported once; Retry asks with it as the stale one', async () => {
    const h = host()
    const { secrets, problems } = holder(h)
    const s = await secrets.get()
    secrets.refused('cs-x-other', new ChatKitError('client_secret', 'x'))
    expect(problems).toEqual([])
    secrets.refused(s.secret, new ChatKitError('client_secret', 'refused 1'))
    secrets.refused(s.secret, new ChatKitError('client_secret', 'refused 2'))
    expect(problems).toEqual([{ code: 'client_secret', message: 'refused 1' }])
    const next = secrets.refresh(s.secret)
    secrets.retry()
    expect((await next).secret).toBe('cs-x-2')
    expect(h.calls).toEqual([null, 'cs-x-1'])
  })

  it('retry without a problem does nothing; clear forgets the secret and asks afresh', async () => {
    const h = host()
    const { secrets } = holder(h)
    await secrets.get()
    secrets.retry()
    expect(h.calls).toEqual([null])
    secrets.clear()
    expect((await secrets.get()).secret).toBe('cs-x-2')
    expect(h.calls).toEqual([null, null])
  })
})
