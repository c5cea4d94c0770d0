/** Time source. Injected so tests can move time (expiring secrets) without sleeping. */
export type Clock = { now(): number }

export const systemClock: Clock = { now: () => Date.now() }

/** ISO-8601 timestamp for wire and store fields. */
export function iso(clock: Clock): string {
  return new Date(clock.now()).toISOString()
}
