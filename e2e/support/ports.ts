/**
 * Origins of the e2e world. All 127.0.0.1: `localhost` would be a different origin.
 * `E2E_PORT_BASE` (default 18787) moves every port, so several runs can share a machine.
 */
const host = '127.0.0.1'
const base = Number(process.env.E2E_PORT_BASE ?? 18787)

export const E2E = {
  apiPort: base,
  demoPort: base + 1,
  /** A page on an origin that is not allowed to embed the frame. */
  evilPort: base + 2,
  /** The frame served WITHOUT CSP by a plain static server, to prove the frame's own origin check. */
  bareFramePort: base + 3,
  /** Free for a spec's own pages (base + 4 … base + 9). */
  extraPort: (n: number) => base + 4 + n,
  apiKey: 'e2e-api-key-0123456789abcdef',
  get api() {
    return `http://${host}:${this.apiPort}`
  },
  get demo() {
    return `http://${host}:${this.demoPort}`
  },
  get evil() {
    return `http://${host}:${this.evilPort}`
  },
  get bareFrame() {
    return `http://${host}:${this.bareFramePort}`
  },
}
