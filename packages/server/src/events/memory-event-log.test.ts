import { describe, expect, it } from 'vitest'
import { InvalidEventIdError, MemoryRunEventLog } from '@xpert-ai/chatkit-server'
import { collect, env } from '../../test/event-log-fixture.js'

describe('MemoryRunEventLog', () => {
  it('replays after an id, then follows live, then ends on close', async () => {
    const log = new MemoryRunEventLog()
    const ids = [await log.append('r', env(1)), await log.append('r', env(2)), await log.append('r', env(3))]
    expect(ids).toEqual(['1-0', '2-0', '3-0'])
    const c = collect()
    await log.subscribe('r', '1-0', c.listener)
    await log.append('r', env(4))
    expect(c.events.map((e) => e.envelope)).toEqual([env(2), env(3), env(4)])
    expect(c.ended).toBe(false)
    await log.close('r')
    expect(c.ended).toBe(true)
    await expect(log.append('r', env(5))).rejects.toThrow(/closed/)
  })

  it('replays a closed run and ends at once; unknown runs give null; bad ids throw', async () => {
    const log = new MemoryRunEventLog()
    await log.append('r', env(1))
    await log.close('r')
    const c = collect()
    await log.subscribe('r', undefined, c.listener)
    expect(c.events).toHaveLength(1)
    expect(c.ended).toBe(true)
    expect(await log.subscribe('other', undefined, collect().listener)).toBeNull()
    await expect(log.subscribe('r', 'x', collect().listener)).rejects.toBeInstanceOf(InvalidEventIdError)
    await expect(log.subscribe('r', '9-0', collect().listener)).rejects.toBeInstanceOf(InvalidEventIdError)
  })

  it('stops delivering after unsubscribe', async () => {
    const log = new MemoryRunEventLog()
    await log.append('r', env(1))
    const c = collect()
    const off = await log.subscribe('r', undefined, c.listener)
    off!()
    await log.append('r', env(2))
    expect(c.events).toHaveLength(1)
  })
})
