/**
 * Paced reveal of a streamed text. Text can arrive in bursts far larger than a frame should
 * format: a fast agent whose deltas the server merged, a rejoin that replays everything missed, a
 * proxy that buffers the stream. Formatting a burst in one go is one long task (lex, build, lay
 * out and paint all of it), so a streaming text is revealed by a time budget: each animation frame
 * shows as many more characters as this machine formats in REVEAL_BUDGET_MS, measured on the
 * frames before (the reveal's render to its commit), so a fast machine shows a burst almost at
 * once and a slow one stays responsive. The rest follows in the next frames. Text that is not
 * streaming when first shown (history) is shown whole at once.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { perAnimationFrame } from '../shared/index.js'

/** Milliseconds of formatting work a frame may spend on held-back text (layout and paint come on top). */
export const REVEAL_BUDGET_MS = 6
/** Characters a frame reveals at least, and the first guess before anything was measured. */
export const REVEAL_CHARS = 512
/** The estimate grows at most this much per measurement, so one fast frame cannot cause a long one. */
const MAX_GROWTH = 2
/** Reveals shorter than this say more about fixed costs than about the rate: not measured. */
const MIN_SAMPLE = 256

/** This machine's formatting rate (characters per ms), shared by every paced text of the frame. */
let charsPerMs = REVEAL_CHARS / REVEAL_BUDGET_MS

/** How many characters fit in the budget now. */
export function revealBudget(): number {
  return Math.max(REVEAL_CHARS, Math.floor(charsPerMs * REVEAL_BUDGET_MS))
}

/** A reveal of `chars` took `ms` from render to commit: update the rate (smoothed, growth capped). */
export function recordReveal(chars: number, ms: number): void {
  if (chars < MIN_SAMPLE || !(ms > 0)) return
  const measured = chars / ms
  charsPerMs = Math.min((charsPerMs + measured) / 2, charsPerMs * MAX_GROWTH)
}

/** Starts the estimate over (tests). */
export function resetRevealRate(): void {
  charsPerMs = REVEAL_CHARS / REVEAL_BUDGET_MS
}

/** Where the next frame's reveal ends, given what is shown and what has arrived. */
export function revealEnd(text: string, shown: number, budget = revealBudget()): number {
  const from = Math.min(shown, text.length)
  if (text.length - from <= budget) return text.length
  let end = from + budget
  // Never split a surrogate pair (one emoji would show as two broken halves for a frame).
  const c = text.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end++
  return end
}

/**
 * The part of `text` to show now; schedules the next frame's render while some is held back.
 * `revealing` is true until everything that arrived is on screen.
 */
export function usePacedText(text: string, streaming: boolean): { shown: string; revealing: boolean } {
  const shown = useRef<number | null>(null)
  const sample = useRef<{ chars: number; at: number } | null>(null)
  const [, setFrame] = useState(0)
  const before = shown.current ?? 0
  // History (not streaming when first shown) is shown whole; so is anything already caught up.
  const end = shown.current === null && !streaming ? text.length : revealEnd(text, before)
  shown.current = end
  const revealing = end < text.length
  // A full budget's reveal is timed from here to its commit (the formatting the caller does with it).
  sample.current = revealing ? { chars: end - before, at: performance.now() } : null
  useLayoutEffect(() => {
    const s = sample.current
    if (s) recordReveal(s.chars, performance.now() - s.at)
    sample.current = null
  })
  useEffect(() => {
    if (!revealing) return
    let live = true
    perAnimationFrame(() => live && setFrame((n) => n + 1))
    return () => void (live = false)
  }, [end, revealing])
  return { shown: revealing ? text.slice(0, end) : text, revealing }
}
