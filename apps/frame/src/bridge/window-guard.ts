/**
 * penpal accepts every message kind through `window.postMessage` from the parent window, and a SYN
 * at any time restarts the handshake (dropping the live MessagePort). Any script on the host page
 * could then call frame methods, or cut the host SDK's connection, with hand-made messages. So the
 * frame lets through the window only the handshake (SYN, ACK1, ACK2) and only until it completes;
 * everything after goes over the MessagePort the handshake set up, which no other script holds.
 * Messages shaped like penpal v6 (`{penpal: …}`) are never ours. Runs before penpal's listener
 * (capture phase, registered first) and stops the rest.
 */
const HANDSHAKE = new Set(['SYN', 'ACK1', 'ACK2'])

export function guardWindowMessages(win: Window, connected: () => boolean): () => void {
  const onMessage = (e: MessageEvent) => {
    const d = e.data as { namespace?: unknown; type?: unknown; penpal?: unknown } | null
    if (!d || typeof d !== 'object') return
    const v6 = 'penpal' in d
    if (v6 || (d.namespace === 'penpal' && (!HANDSHAKE.has(d.type as string) || connected()))) e.stopImmediatePropagation()
  }
  win.addEventListener('message', onMessage, true)
  return () => win.removeEventListener('message', onMessage, true)
}
