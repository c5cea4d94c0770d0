/**
 * The document artifact previews (and later MCP Apps) run in: `/chatkit/sandbox`, framed by the
 * frame with `sandbox="allow-scripts"` (no same-origin). A `srcdoc` or `data:` sub-frame would
 * inherit the frame's own CSP (`script-src 'self'`), so the preview's inline scripts could only
 * run if the frame itself allowed inline script; a document of its own gets its own policy:
 * inline script and style, `data:` images, no network at all (`default-src 'none'`, no
 * `connect-src`), the CSP `sandbox` directive (an opaque origin even when opened directly: no
 * cookies, no storage, no top navigation, no popups, no forms), framable only by the frame.
 *
 * Its one script waits for the frame's first message on this window — `{type:'chatkit.sandbox.render',
 * html}` with a MessagePort — writes `html` as the whole document (which also drops its own
 * listener) and reports `rendered` on the port, which the frame's render-time watchdog waits for.
 */
import type { OriginPattern } from '@xpert-ai/chatkit-protocol'

export const SANDBOX_PATH = '/chatkit/sandbox'

const BOOT = `addEventListener('message',function boot(e){var d=e.data;if(e.source!==parent||!d||d.type!=='chatkit.sandbox.render'||typeof d.html!=='string'||!e.ports[0])return;removeEventListener('message',boot);var port=e.ports[0];document.open();document.write(d.html);document.close();port.postMessage({type:'rendered'});port.close()})`

export function sandboxResponse(req: Request, origins: readonly OriginPattern[]): Response {
  const html = `<!doctype html><html><head><meta charset="utf-8"><script>${BOOT}</script></head><body></body></html>`
  return new Response(req.method === 'HEAD' ? null : html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': [
        "default-src 'none'",
        "script-src 'unsafe-inline'",
        "style-src 'unsafe-inline'",
        'img-src data:',
        "base-uri 'none'",
        "form-action 'none'",
        'sandbox allow-scripts',
        `frame-ancestors 'self' ${origins.join(' ')}`.trim(),
      ].join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    },
  })
}
