/** Counts answers by endpoint and status (and by strategy) for the summary the test prints. */
export class Tally {
  readonly byEndpoint = new Map<string, Map<string, number>>()
  readonly byStrategy = new Map<string, Map<string, number>>()
  readonly problems: string[] = []
  problemCount = 0
  requests = 0
  fiveXX = 0
  dropped = 0

  /** Allowed drops (connection closed without an answer) by kind. */
  readonly dropKinds = new Map<string, number>()

  add(endpoint: string, strategy: string, status: string, kind = strategy): void {
    this.requests++
    if (status === 'dropped') this.dropKinds.set(kind, (this.dropKinds.get(kind) ?? 0) + 1)
    if (/^5/.test(status)) this.fiveXX++
    if (status === 'dropped') this.dropped++
    for (const [map, key] of [
      [this.byEndpoint, endpoint],
      [this.byStrategy, strategy],
    ] as const) {
      const m = map.get(key) ?? new Map<string, number>()
      m.set(status, (m.get(status) ?? 0) + 1)
      map.set(key, m)
    }
  }

  /** Problems by kind (`strategy: variant`), for the summary. */
  readonly problemKinds = new Map<string, number>()

  problem(text: string, kind = 'other'): void {
    this.problemCount++
    this.problemKinds.set(kind, (this.problemKinds.get(kind) ?? 0) + 1)
    if (this.problems.length < 30) this.problems.push(text)
  }

  /** One line per endpoint: `threads.get   412  200×40 401×120 404×230 …`. */
  format(map: Map<string, Map<string, number>>): string {
    return [...map]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, m]) => {
        const n = [...m.values()].reduce((s, x) => s + x, 0)
        const parts = [...m].sort(([a], [b]) => a.localeCompare(b)).map(([s, x]) => `${s}×${x}`)
        return `  ${k.padEnd(22)} ${String(n).padStart(5)}  ${parts.join(' ')}`
      })
      .join('\n')
  }

  /** `threads.get 412, runs.stream 301, …` for the ledger's notes. */
  perEndpoint(): string {
    return [...this.byEndpoint].map(([k, m]) => `${k} ${[...m.values()].reduce((s, x) => s + x, 0)}`).join(', ')
  }
}
