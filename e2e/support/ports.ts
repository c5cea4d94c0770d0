/** Origins of the e2e world. All 127.0.0.1: `localhost` would be a different origin. */
const host = '127.0.0.1'
export const E2E = {
  apiPort: 18787,
  demoPort: 18788,
  /** A page on an origin that is not allowed to embed the frame. */
  evilPort: 18789,
  /** The frame served WITHOUT CSP by a plain static server, to prove the frame's own origin check. */
  bareFramePort: 18790,
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
