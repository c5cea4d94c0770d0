/**
 * An HTML document rendered in the frame's sandbox document (`/chatkit/sandbox`, served with its
 * own no-network CSP and the CSP `sandbox` directive) inside `<iframe sandbox="allow-scripts">`:
 * an opaque origin, so its scripts reach neither the frame (the window guard drops messages
 * from any window but the parent) nor the host, cookies, storage or the network. The HTML goes
 * in over postMessage with a MessagePort; if the document does not report `rendered` within
 * `RENDER_MS`, the sub-frame is removed and the preview says so.
 *
 * `bind` (MCP Apps) runs when the sandbox document has loaded, just before the HTML goes in: it
 * may listen to the sub-frame's window (the app's messages) and returns its undo.
 *
 * The sub-frame's `src` is set by the effect, after its `load` listener: a src in the markup could
 * load (cached, on a busy page) before the effect ran, and the preview would wait forever. The
 * `RENDER_MS` clock starts there too, so a sandbox document that never loads also ends in the notice.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'

const RENDER_MS = 8000
/** The frame's sandbox document, beside the frame's index (`/chatkit/sandbox`). */
const sandboxUrl = () => new URL('sandbox', location.href).pathname

type Props = { html: string; title: string; class?: string; height?: number; bind?: (win: Window) => () => void }

export function SandboxFrame({ html, title, class: cls = 'ck-artifact-sandbox', height, bind }: Props) {
  const ref = useRef<HTMLIFrameElement>(null)
  const [state, setState] = useState<'loading' | 'rendered' | 'timeout'>('loading')
  useEffect(() => {
    const iframe = ref.current
    if (!iframe) return
    setState('loading')
    let unbind = () => {}
    const onLoad = () => {
      iframe.removeEventListener('load', onLoad)
      if (bind && iframe.contentWindow) unbind = bind(iframe.contentWindow)
      const channel = new MessageChannel()
      channel.port1.onmessage = (e) => {
        if (e.data?.type !== 'rendered') return
        clearTimeout(timer)
        setState('rendered')
        channel.port1.close()
      }
      // An opaque origin cannot be named: '*' is the only target; the content is the agent's own.
      iframe.contentWindow?.postMessage({ type: 'chatkit.sandbox.render', html }, '*', [channel.port2])
    }
    iframe.addEventListener('load', onLoad)
    const timer = window.setTimeout(() => setState('timeout'), RENDER_MS)
    iframe.src = sandboxUrl()
    return () => {
      clearTimeout(timer)
      unbind()
      iframe.removeEventListener('load', onLoad)
    }
  }, [html, bind])
  if (state === 'timeout')
    return (
      <p class="ck-error" role="alert">
        {t('artifact.tooSlow')}
      </p>
    )
  return (
    <iframe
      ref={ref}
      class={cls}
      title={title}
      sandbox="allow-scripts"
      referrerpolicy="no-referrer"
      data-state={state}
      style={height === undefined ? undefined : { height: `${height}px` }}
    />
  )
}

/** The document an HTML or SVG artifact previews as. */
export function previewDocument(kind: 'html' | 'svg', content: string): string {
  if (kind === 'html') return content
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;display:grid;place-items:center;min-height:100%}svg{max-width:100%;height:auto}</style></head><body>${content}</body></html>`
}
