/**
 * A seeded PRNG (mulberry32) with the few helpers the fuzzer needs. The same seed gives the same
 * request sequence, so a failure can be replayed with `FUZZ_SEED=<seed>`.
 */
import { seeded } from '../../../../scripts/seeded.mjs'

export type Rng = {
  readonly seed: number
  /** [0, 1) */
  next(): number
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(items: readonly (readonly [number, T])[]): T
  hex(n: number): string
}

export function createRng(seed: number): Rng {
  const next = seeded(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  return {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)],
    weighted(items) {
      const total = items.reduce((s, [w]) => s + w, 0)
      let r = next() * total
      for (const [w, v] of items) if ((r -= w) < 0) return v
      return items[items.length - 1][1]
    },
    hex: (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join(''),
  }
}
