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
