/**
 * Which suggestion menu the text calls for: `/` at the very start opens slash commands (until the
 * first space), `@` after a space or at the start opens mentions for the word up to the caret.
 */
export type Trigger = { kind: 'slash' | 'mention'; query: string; start: number; end: number }

export function findTrigger(value: string, caret: number): Trigger | null {
  const slash = /^\/([\w-]{0,40})$/.exec(value.slice(0, caret))
  if (slash && !/\s/.test(value.slice(0, caret))) return { kind: 'slash', query: slash[1], start: 0, end: caret }
  const mention = /(^|\s)@([^\s@]{0,40})$/.exec(value.slice(0, caret))
  if (mention) {
    const start = caret - mention[2].length - 1
    return { kind: 'mention', query: mention[2], start, end: caret }
  }
  return null
}

/** `value` with the trigger's text replaced by `insert`, and where the caret goes. */
export function replaceTrigger(value: string, t: Trigger, insert: string): { value: string; caret: number } {
  return { value: value.slice(0, t.start) + insert + value.slice(t.end), caret: t.start + insert.length }
}
