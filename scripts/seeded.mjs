// mulberry32: a small seeded PRNG for the hardening suite (fuzzer, fault proxy), so a failing run
// can be replayed with its seed. Returns a function giving numbers in [0, 1).
export function seeded(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
