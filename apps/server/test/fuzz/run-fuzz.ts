import { ENDPOINTS, validTarget } from './endpoints.js'
import { checkAnswer } from './checks.js'
import { validFlow } from './flows.js'
import { createRng, type Rng } from './prng.js'
import { sendRaw } from './raw-http.js'
import { buildCase, type Strategy } from './strategies.js'
import { Tally } from './tally.js'
import type { World } from './world.js'

const WEIGHTS: [number, Strategy][] = [
  [8, 'valid'],
  [12, 'auth'],
  [10, 'json-malformed'],
  [14, 'json-types'],
  [2, 'huge'],
  [6, 'content-type'],
  [6, 'multipart'],
  [3, 'audio'],
  [12, 'path'],
  [14, 'header'],
  [7, 'method'],
  [4, 'query'],
]

export type FuzzOptions = {
  seed: number
  /** Hostile requests to send (valid ones mixed in come on top). */
  count: number
  concurrency: number
  /** A valid user session every this many requests. */
  flowEvery: number
  /** Checks the server is alive (healthz); false → counted as a crash. */
  alive(): Promise<boolean>
}

/**
 * Sends `count` requests built from the seed: request i uses its own PRNG (seed, i), so the i-th
 * request is the same whatever the interleaving. Workers run `concurrency` requests at a time.
 */
export async function runFuzz(w: World, o: FuzzOptions): Promise<{ tally: Tally; valid: number; crashes: number }> {
  const tally = new Tally()
  let next = 0
  let valid = 0
  let crashes = 0
  const rngFor = (i: number): Rng => createRng((o.seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0)

  async function one(i: number): Promise<void> {
    const r = rngFor(i)
    const endpoint = r.pick(ENDPOINTS)
    const strategy = r.weighted(WEIGHTS)
    const target = await validTarget(endpoint, w, r)
    const c = await buildCase(strategy, target, w, r)
    const res = await sendRaw(w.port, c.req)
    const status = res.timedOut ? 'hang' : res.noResponse ? 'dropped' : String(res.status)
    tally.add(c.endpoint, strategy, status, `${strategy}: ${c.variant}`)
    if (strategy === 'valid') valid++
    for (const p of checkAnswer(c, res, w))
      tally.problem(`#${i} ${c.endpoint} [${strategy}: ${c.variant}] ${c.req.method} ${c.req.target.slice(0, 100)} → ${p}`, `${strategy}: ${c.variant}`)
  }

  async function worker(): Promise<void> {
    for (;;) {
      const i = next++
      if (i >= o.count) return
      await one(i)
      if (i % o.flowEvery === o.flowEvery - 1) {
        for (const p of await validFlow(w, rngFor(-i))) tally.problem(`#${i} ${p}`, 'valid flow')
        if (!(await o.alive())) crashes++
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker))
  return { tally, valid, crashes }
}
