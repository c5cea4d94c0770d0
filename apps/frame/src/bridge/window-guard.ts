/**
 * penpal accepts every message kind through `window.postMessage` from the parent window, and a SYN
 * at any time restarts the handshake (dropping the live MessagePort). Any script on the host page
 * could then call frame methods, or cut the host SDK's connection, with hand-made messages. So the
 * frame lets through the window only the parent's handshake (SYN, ACK1, ACK2), and only until it
 * completes; everything after goes over the MessagePort the handshake set up. Messages from any
 * other window, and every message once connected, are stopped without reading their data (a
 * forged 10 MB message is never even deserialized). Runs before penpal's listener (capture phase,
 * registered first) and stops the rest.
 */
import { isForeignPenpalMessage } from '@xpert-ai/chatkit-protocol'

export function guardWindowMessages(win: Window, connected: () => boolean): () => void {
  const onMessage = (e: MessageEvent) => {
    if (e.source !== win.parent || connected() || isForeignPenpalMessage(e.data, true)) e.stopImmediatePropagation()
  }
  win.addEventListener('message', onMessage, true)
  return () => win.removeEventListener('message', onMessage, true)
}
