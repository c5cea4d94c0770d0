const MAX = 60

/**
 * A conversation title from the user's first message: whitespace collapsed, cut at a word
 * boundary near 60 characters with an ellipsis. An agent can set a better one later
 * (`thread.title` via the store), e.g. from an LLM summary.
 */
export function titleFromText(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim()
  if (!t) return null
  const chars = [...t]
  if (chars.length <= MAX) return t
  // One character more than fits: if it is a space, the whole head is whole words.
  const head = chars.slice(0, MAX + 1).join('')
  const cut = head.lastIndexOf(' ')
  return (cut >= MAX / 2 ? head.slice(0, cut) : chars.slice(0, MAX).join('')).replace(/[\s.,;:!?-]+$/, '') + '…'
}
