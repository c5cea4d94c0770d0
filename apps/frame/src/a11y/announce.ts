/**
 * What the polite live region says when an answer finishes: "Assistant: <first 150 characters>".
 * The message list itself is `aria-live="off"`, so screen readers hear each answer once, when it
 * is complete, instead of every streamed token.
 */
import type { ThreadState } from '../thread/index.js'

const LIMIT = 150

/** The announcement for a run that just ended, or null when nothing finished. */
export function finishedAnswer(prev: ThreadState | null, next: ThreadState): string | null {
  if (prev?.phase !== 'running' || next.phase === 'running') return null
  const last = next.messages[next.messages.length - 1]
  if (last?.role !== 'assistant' || last.status !== 'done') return null
  const text = last.parts
    .flatMap((p) => (p.type === 'text' ? [p.text] : []))
    .join(' ')
    // A hostile 5 MB answer is announced by its start: clean only what can be said.
    .slice(0, LIMIT * 8)
    .replace(/[`*_#>[\]()~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (!text) return null
  return text.length > LIMIT ? text.slice(0, LIMIT).trimEnd() + '…' : text
}
