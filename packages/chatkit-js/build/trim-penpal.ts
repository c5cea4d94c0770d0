/**
 * A build-time trim of penpal 7.0.6 for the host SDK's size budget (≤ 6 KB gzip for every page of
 * every customer). It uses penpal's own code, minus two paths we can never take:
 *
 * - penpal v6 compatibility: both ends of our bridge ship penpal 7 (the frame is ours), so the
 *   translation of v6 `{penpal: 'syn'}` messages is dead weight. Dropping it also means a v6-shaped
 *   message is simply not recognised (ignored), which is what we want anyway.
 * - v6 participants: with v6 messages no longer upgraded, no participant is "deprecated-penpal".
 * - `Reply` results (transferables): the host's methods (invoke, emit) return plain values.
 * - the handshake timeout's text: the bridge replaces any CONNECTION_TIMEOUT by its own
 *   `handshake_timeout` message (src/bridge.ts), so penpal's is never seen.
 * - the "remote origin is not established" text: the host answers (ACK) only after the frame's
 *   SYN set that origin, so penpal cannot get there (its code, TRANSMISSION_FAILED, stays).
 * - argument checks for what we always pass: one new messenger per connection, never missing, and
 *   always a remote window (the iframe's, read at its load event).
 * - the `'*'` allowed-origin case: we always pass the one frame origin, never `'*'`.
 *   Their error strings cost bytes on every page.
 * - SYN and ACK1 are sent the same way (to the remote window); with the v6 path gone, one branch.
 * - guards around the three handshake sends (SYN, ACK1, ACK2): they post plain data to the frame's
  window with target origin `*` (SYN) or the frame's verified http(s) origin (the only one the
  messenger accepts), so postMessage cannot throw there.
- error stacks in penpal's error serialization: the bridge keeps only an error's code and message
  (src/bridge.ts), so a stack crossing the boundary is never read (and the frame's stays in the frame).
- debug logging: we never pass `log` to `connect()`, so every `log?.(…)` is a no-op whose message
 *   strings still cost bytes. They become `void 0 && log(…)`, which the minifier removes.
 *
 * Each edit must match, or the build fails: a penpal upgrade has to revisit this file.
 */
import type { Plugin } from 'rolldown'

const EDITS: [RegExp, string, string][] = [
  [/if \(isDeprecatedMessage\(data\)\) \{/, 'if (false) {', 'v6 message upgrade'],
  [/this\.#isChildUsingDeprecatedProtocol(?!\s*=[^=])/g, 'false', 'v6 protocol flag'],
  [/(this\.#log|\blog)\?\.\(/g, 'void 0&&$1(', 'debug log calls'],
  [/remoteParticipantId !== DEPRECATED_PENPAL_PARTICIPANT_ID/, 'true', 'v6 participant (SYN repeat)'],
  [/remoteParticipantId === DEPRECATED_PENPAL_PARTICIPANT_ID/, 'false', 'v6 participant (leader)'],
  [/if \(value instanceof Reply_default\) \{/, 'if (false) {', 'Reply results'],
  [/`Connection timed out after \$\{timeout\}ms`/, "''", 'handshake timeout text'],
  [/"Cannot send message because the remote origin is not established"/, "''", 'unknown remote origin text'],
  [/if \(!messenger\) \{/, 'if (false) {', 'messenger check'],
  [/if \(usedMessengers\.has\(messenger\)\) \{/, 'if (false) {', 'messenger reuse check'],
  [/usedMessengers\.add\(messenger\);/, '', 'messenger reuse bookkeeping'],
  [/if \(!remoteWindow\) \{/, 'if (false) {', 'remoteWindow check'],
  [/this\.#concreteRemoteOrigin === "null" && this\.#allowedOrigins\.includes\("\*"\) \? "\*" : /, '', "'*' origin"],
  [
    /if \(isSynMessage\(message\)\) \{\s*const originForSending = this\.#getOriginForSendingMessage\(message\);\s*this\.#remoteWindow\.postMessage\(message, \{\s*targetOrigin: originForSending,\s*transfer: transferables\s*\}\);\s*return;\s*\}\s*if \(isAck1Message\(message\) \|\|/,
    'if (isSynMessage(message) || isAck1Message(message) ||',
    'SYN/ACK1 send',
  ],
  [
    /try \{\s*messenger\.sendMessage\((syn|ack1|ack2)Message\);\s*\} catch \(error\) \{\s*reject\(new PenpalError_default\("TRANSMISSION_FAILED", error\.message\)\);\s*(return;\s*)?\}/g,
    'messenger.sendMessage($1Message);',
    'handshake send guards',
  ],
  [/\n\s*stack: error\.stack,/, '', 'error stack (sent)'],
  [/\n\s*deserializedError\.stack = stack;/, '', 'error stack (received)'],
  [
    /const handleAck2Message = \(message\) => \{\s*void 0&&log\(`Received handshake ACK2`, message\);\s*connectCallHandlerAndMethodProxies\(\);\s*\};/,
    'const handleAck2Message = connectCallHandlerAndMethodProxies;',
    'ACK2 handler wrapper',
  ],
  [/message,\s*stack,\s*penpalCode\s*\}\) =>/, 'message, penpalCode }) =>', 'error stack (parameter)'],
]

/**
 * The edits that hold on either side of the bridge: the frame (penpal's child) takes these only,
 * the rest reason about the host's side of the handshake.
 */
export const EITHER_SIDE = [
  'v6 message upgrade',
  'v6 protocol flag',
  'debug log calls',
  'v6 participant (SYN repeat)',
  'v6 participant (leader)',
  'error stack (sent)',
  'error stack (received)',
  'error stack (parameter)',
] as const

export function trimPenpal(only?: readonly string[]): Plugin {
  const edits = only ? EDITS.filter(([, , what]) => only.includes(what)) : EDITS
  return {
    name: 'trim-penpal',
    transform(code, id) {
      if (!/[\\/]penpal[\\/]dist[\\/]penpal\.mjs$/.test(id)) return
      let out = code
      for (const [re, to, what] of edits) {
        if (!re.test(out)) throw new Error(`trim-penpal: "${what}" not found in ${id}: penpal changed, revisit build/trim-penpal.ts`)
        re.lastIndex = 0
        out = out.replace(re, to)
      }
      return out
    },
  }
}
