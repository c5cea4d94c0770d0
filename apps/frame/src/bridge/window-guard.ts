/**
 * penpal accepts every message kind through `window.postMessage` from the parent window, and a SYN
 * at any time restarts the handshake (dropping the live MessagePort). Any script on the host page
 * could then call frame methods, or cut the host SDK's connection, with hand-made messages. So the
 * frame lets through the window only the parent's handshake (SYN, ACK1, ACK2), and only until it
 * completes; everything after goes over the MessagePort the handshake set up. Messages from any
 * other window, and every message once connected, are stopped without reading their data (a
 * forged 10 MB message is never even deserialized). Runs before penpal's listener (capture phase,
 * registered first) and stops the rest.
 *
 * The one exception: a sandboxed sub-frame the frame made to speak with (an MCP App, see
 * `listenToSubFrame`). Its window's messages go to its own handler only, never to penpal.
 */
import { isForeignPenpalMessage } from '@xpert-ai/chatkit-protocol'

const subFrames = new Map<MessageEventSource, (data: unknown) => void>()

/**
 * Hands the window messages of one sub-frame window (`iframe.contentWindow`) to `handler`, which
 * must validate them: they are the sub-frame's, as hostile as its content. Returns the undo.
 */
export function listenToSubFrame(source: MessageEventSource, handler: (data: unknown) => void): () => void {
  subFrames.set(source, handler)
  return () => void (subFrames.get(source) === handler && subFrames.delete(source))
}

export function guardWindowMessages(win: Window, connected: () => boolean): () => void {
  const onMessage = (e: MessageEvent) => {
    const sub = e.source ? subFrames.get(e.source) : undefined
    if (sub || e.source !== win.parent || connected() || isForeignPenpalMessage(e.data, true)) e.stopImmediatePropagation()
    sub?.(e.data)
  }
  win.addEventListener('message', onMessage, true)
  return () => win.removeEventListener('message', onMessage, true)
}
