/**
 * A host page that embeds ChatKit with the vanilla SDK (served at /sdk/chatkit.js) and records the
 * element's events in `window.__events`.
 */
export function embedPage(opts: { frameUrl: string; apiUrl: string; connectTimeout?: number }): string {
  const options = JSON.stringify(opts)
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>embed</title></head>
<body>
<xpertai-chatkit id="ck" style="display:block;width:420px;height:600px"></xpertai-chatkit>
<script type="module">
import { createChatKit } from '/sdk/chatkit.js'
const o = ${options}
window.__events = []
const el = document.getElementById('ck')
for (const name of ['chatkit.ready', 'chatkit.error']) {
  el.addEventListener(name, (e) => window.__events.push({ type: name, message: e.detail && e.detail.error ? String(e.detail.error.message) : '' }))
}
createChatKit({
  element: el,
  frameUrl: o.frameUrl,
  connectTimeout: o.connectTimeout,
  api: { apiUrl: o.apiUrl, xpertId: 'demo', getClientSecret: async () => 'cs-x-not-a-real-secret' },
})
</script>
</body></html>`
}
