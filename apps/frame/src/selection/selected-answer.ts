/** A quote longer than this many characters is cut (with an ellipsis). */
const MAX_QUOTE = 2000

/** The text selected inside one answer (an assistant message), trimmed and capped; null otherwise. */

export function selectedAnswerText(sel: Selection | null): { text: string; rect: DOMRect } | null {
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null
  const range = sel.getRangeAt(0)
  const answer = (n: Node | null) => (n instanceof Element ? n : n?.parentElement)?.closest('.ck-message-assistant') ?? null
  const a = answer(range.startContainer)
  if (!a || a !== answer(range.endContainer)) return null
  const text = sel.toString().replace(/\s+\n/g, '\n').trim()
  if (!text) return null
  return { text: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text, rect: range.getBoundingClientRect() }
}
