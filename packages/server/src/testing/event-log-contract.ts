import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidEventIdError, type RunEvent, type RunEventLog } from '../events/run-event-log.js'

/**
 * The `RunEventLog` contract: one suite every backend passes (memory, SQLite, Redis, yours).
 * `open` returns an empty log whose closed runs expire after `retainMs`; `close` releases it.
 */
export type EventLogFactory = { open(options: { retainMs: number }): Promise<{ log: RunEventLog; close(): Promise<void> }> }

const env = (n: number): StreamEnvelope => ({ type: 'message', data: { type: 'text', text: `t${n}`, id: 'm' } })
let runs = 0
const newRun = () => `run-${++runs}-${Math.random().toString(36).slice(2, 8)}`

export function collect() {
  const events: RunEvent[] = []
  let ended = false
  let onChange = () => {}
  const changed = () => onChange()
  return {
    events,
    get ended() {
      return ended
    },
    texts: () => events.map((e) => (e.envelope as { data?: { text?: string } }).data?.text ?? e.envelope.type),
    listener: { event: (e: RunEvent) => (events.push(e), changed()), end: () => ((ended = true), changed()) },
    /** Resolves once `pred` holds (checked on every delivery), or fails after `ms`. */
    until(pred: () => boolean, ms = 5000): Promise<void> {
      if (pred()) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out; got ${events.length} events, ended=${ended}`)), ms)
        onChange = () => {
          if (!pred()) return
          clearTimeout(t)
          resolve()
        }
      })
    },
  }
}

const seq = (id: string) => Number(id.split('-')[0])

export function describeEventLogContract(name: string, factory: EventLogFactory): void {
  describe(`RunEventLog contract: ${name}`, () => {
    let log: RunEventLog
    let close: () => Promise<void>
    beforeAll(async () => void ({ log, close } = await factory.open({ retainMs: 400 })))
    afterAll(async () => close())

    it('appends in order with strictly increasing ids; a subscriber replays them all, then the close', async () => {
      const run = newRun()
      const ids: string[] = []
      for (let i = 1; i <= 5; i++) ids.push(await log.append(run, env(i)))
      for (let i = 1; i < ids.length; i++) expect(seq(ids[i])).toBeGreaterThan(seq(ids[i - 1]))
      await log.close(run)
      const c = collect()
      await log.subscribe(run, undefined, c.listener)
      await c.until(() => c.ended)
      expect(c.events.map((e) => e.id)).toEqual(ids)
      expect(c.texts()).toEqual(['t1', 't2', 't3', 't4', 't5'])
      // A log that hands over its stored JSON hands over exactly the envelope's JSON.
      for (const e of c.events) if (e.json !== undefined) expect(e.json).toBe(JSON.stringify(e.envelope))
    })

    it('replays after an id, then follows live until the close; unsubscribing stops delivery', async () => {
      const run = newRun()
      const ids = [await log.append(run, env(1)), await log.append(run, env(2)), await log.append(run, env(3))]
      const c = collect()
      const gone = collect()
      await log.subscribe(run, ids[0], c.listener)
      const stop = await log.subscribe(run, ids[2], gone.listener)
      await c.until(() => c.events.length === 2)
      expect(c.texts()).toEqual(['t2', 't3'])
      const live = await log.append(run, env(4))
      await c.until(() => c.events.length === 3)
      expect(c.events[2].id).toBe(live)
      await gone.until(() => gone.events.length === 1)
      stop!()
      await log.append(run, env(5))
      await log.close(run)
      await c.until(() => c.ended)
      expect(c.texts()).toEqual(['t2', 't3', 't4', 't5'])
      expect(gone.texts()).toEqual(['t4'])
      expect(gone.ended).toBe(false)
      // Resuming from the last id of an ended run: nothing more, and the end.
      const tail = collect()
      await log.subscribe(run, c.events[3].id, tail.listener)
      await tail.until(() => tail.ended)
      expect(tail.events).toEqual([])
    })

    it('refuses appends after the close; a second close is harmless', async () => {
      const run = newRun()
      await log.append(run, env(1))
      await log.close(run)
      await log.close(run)
      await expect(log.append(run, env(2))).rejects.toThrow(/closed/)
    })

    it('an id the log could not have issued is an InvalidEventIdError; an unknown run is null', async () => {
      const run = newRun()
      const id = await log.append(run, env(1))
      for (const bad of ['x', '', '1-1', '-1-0', `${seq(id) + 1000}-0`, '9'.repeat(30) + '-0']) {
        await expect(log.subscribe(run, bad, collect().listener), bad).rejects.toBeInstanceOf(InvalidEventIdError)
      }
      expect(await log.subscribe(newRun(), undefined, collect().listener)).toBeNull()
      await log.close(run)
    })

    it('concurrent appenders on many runs: each run keeps its call order and its ids increase', async () => {
      const ids = new Map<string, Promise<string>[]>()
      const names = Array.from({ length: 20 }, newRun)
      for (let i = 0; i < 50; i++) for (const r of names) (ids.get(r) ?? ids.set(r, []).get(r)!).push(log.append(r, env(i)))
      for (const r of names) {
        const got = await Promise.all(ids.get(r)!)
        for (let i = 1; i < got.length; i++) expect(seq(got[i])).toBeGreaterThan(seq(got[i - 1]))
      }
      await Promise.all(names.map((r) => log.close(r)))
      const c = collect()
      await log.subscribe(names[7], undefined, c.listener)
      await c.until(() => c.ended)
      expect(c.texts()).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`))
    })

    it('1,000 subscribers on one run, joining before and during it, each get every event once, in order, and the end', async () => {
      const run = newRun()
      await log.append(run, env(0))
      const cs = Array.from({ length: 1000 }, collect)
      await Promise.all(cs.slice(0, 500).map((c) => log.subscribe(run, undefined, c.listener)))
      const appends: Promise<string>[] = []
      for (let i = 1; i <= 10; i++) appends.push(log.append(run, env(i)))
      await Promise.all(cs.slice(500).map((c) => log.subscribe(run, undefined, c.listener)))
      for (let i = 11; i <= 20; i++) appends.push(log.append(run, env(i)))
      await Promise.all(appends)
      await log.close(run)
      await Promise.all(cs.map((c) => c.until(() => c.ended)))
      const want = Array.from({ length: 21 }, (_, i) => `t${i}`)
      for (const c of cs) expect(c.texts()).toEqual(want)
    })

    it('a closed run expires retainMs after its close: subscribe then resolves to null', async () => {
      // An open run, written to before the closed one: it must outlive the closed one's expiry.
      const open = newRun()
      await log.append(open, env(1))
      const run = newRun()
      await log.append(run, env(1))
      await log.close(run)
      expect(await log.subscribe(run, undefined, collect().listener)).not.toBeNull()
      const deadline = Date.now() + 5000
      while ((await log.subscribe(run, undefined, collect().listener)) !== null) {
        if (Date.now() > deadline) throw new Error('still there 5 s after a 400 ms retention')
        await new Promise((r) => setTimeout(r, 50))
      }
      // The closed run's expiry shows a whole retention has passed since the open run's last
      // write: an open run does not expire.
      expect(await log.subscribe(open, undefined, collect().listener)).not.toBeNull()
      await log.close(open)
    })
  })
}
