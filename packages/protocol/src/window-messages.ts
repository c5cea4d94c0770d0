/**
 * Which window messages may reach penpal, on both sides of the bridge. penpal (v7) sends only its
 * handshake (SYN, ACK1, ACK2) through `window`; every later message goes over the MessagePort the
 * handshake set up, which no other script holds. penpal would still act on any penpal-shaped
 * message from the other window: a SYN drops the live port, a v6-shaped one (`{penpal: …}`, which
 * we never speak) switches it to the old window protocol for good, a CALL with an odd shape throws
 * inside its listener. So such messages are stopped before penpal's listener sees them.
 */
const HANDSHAKE = ['SYN', 'ACK1', 'ACK2']

/** True for a penpal-shaped message that is not ours to accept (`handshake`: whether a handshake may still pass). */
export function isForeignPenpalMessage(data: unknown, handshake: boolean): boolean {
  if (!data || typeof data !== 'object') return false
  const d = data as { namespace?: unknown; type?: unknown }
  return 'penpal' in d || (d.namespace === 'penpal' && !(handshake && HANDSHAKE.includes(d.type as string)))
}

/**
 * The frame's one message before the handshake, posted to its parent as soon as its script runs:
 * it loaded, and whether it accepts the parent's origin. A frame that the server's
 * `frame-ancestors` refused never runs, so the host SDK, seeing the iframe's `load` without this
 * message, reports `origin_not_allowed` at once instead of waiting for the handshake timeout.
 */
export const FRAME_LOADED = 'xpertai-chatkit:loaded'
export type FrameLoadedMessage = { type: typeof FRAME_LOADED; accepted: boolean }

/** `chatkit.error` for a page the frame will not serve: names the page's origin and the server setting. */
export function originNotAllowedMessage(pageOrigin: string, frameOrigin: string): string {
  return `this page's origin ${pageOrigin} is not allowed to embed the ChatKit frame at ${frameOrigin}: add it to the server's --allowed-origins (CHATKIT_ALLOWED_ORIGINS). If it is listed, check frameUrl and that the server is up.`
}
