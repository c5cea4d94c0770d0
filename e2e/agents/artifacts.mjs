// The artifact agent of e2e/specs/rich-artifacts.spec.ts (id `demo`). Its HTML artifact draws on
// a canvas and then tries everything a hostile preview would: network (fetch, XHR, image, beacon,
// WebSocket, a form post), the frame's bridge (penpal-shaped messages to parent and top), top
// navigation, a popup, cookies and storage. Each attempt writes its outcome into #log; any
// request that escapes lands on ARTIFACT_PROBE_ORIGIN, which the spec asserts got nothing.
import { probeScript } from './sandbox-probe.mjs'

const PROBE = process.env.ARTIFACT_PROBE_ORIGIN
if (!PROBE) throw new Error('artifacts.mjs needs ARTIFACT_PROBE_ORIGIN')

const SCRIPT = probeScript(PROBE)

const HTML = `<!doctype html><html><head><title>probe</title></head><body><h1>Artifact</h1><canvas id="c" width="120" height="60"></canvas><p id="drawn"></p><ul id="log"></ul><script>${SCRIPT}</script></body></html>`

export default {
  id: 'demo',
  name: 'Artifact test agent',
  async *run() {
    yield { type: 'text', text: 'Here is your page.\n\n' }
    yield { type: 'artifact', id: 'a-html', artifact: { kind: 'html', title: 'Probe page', content: HTML } }
    yield {
      type: 'artifact',
      id: 'a-svg',
      artifact: {
        kind: 'svg',
        title: 'A circle',
        content: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle id="dot" cx="50" cy="50" r="40" fill="teal"/></svg>',
      },
    }
    yield {
      type: 'artifact',
      id: 'a-md',
      artifact: { kind: 'markdown', title: 'Notes', content: '# Notes\n\n- one\n- **two**\n\n<img src=x onerror="window.__pwned=1">' },
    }
    yield { type: 'artifact', id: 'a-code', artifact: { kind: 'code', title: 'hello.py', language: 'python', content: 'print("hello")\n' } }
    yield { type: 'artifact', id: 'a-loop', artifact: { kind: 'html', title: 'Endless loop', content: '<p>spinning</p><script>for (;;) {}</script>' } }
    yield { type: 'text', text: 'Done.' }
  },
}
