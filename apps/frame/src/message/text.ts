import type { Message } from '../thread/index.js'

/** The plain text of a message (what copy and share carry): its text parts, in order. */
export function messageText(m: Message): string {
  return m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
}

/** Whole seconds between two clock times, at least 1 once anything elapsed. */
export function seconds(from: number, to: number): number {
  return Math.max(1, Math.round((to - from) / 1000))
}

/** What a failed action says, for an inline error. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
