/**
 * Paced reveal of a streamed text. Text can arrive in bursts far larger than a frame should
 * format: a fast agent whose deltas the server merged, a rejoin that replays everything missed, a
 * proxy that buffers the stream. Formatting a burst in one go is one long task (lex, build, lay
 * out and paint all of it), so a streaming text is revealed REVEAL_CHARS characters per animation
 * frame past what is already on screen, or a REVEAL_FRAMES-th of the backlog when that is more (a
 * huge replay does not crawl); the rest follows in the next frames. Text that is not streaming
 * when first shown (history) is shown whole at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { perAnimationFrame } from '../thread/schedule.js'

/** Characters revealed per frame at least (~128 tokens: ~7,500 tokens a second at 60 Hz). */
export const REVEAL_CHARS = 512
/** A frame reveals at least this fraction (1/n) of the backlog. */
export const REVEAL_FRAMES = 30

/** Where the next frame's reveal ends, given what is shown and what has arrived. */
export function revealEnd(text: string, shown: number, budget = REVEAL_CHARS): number {
  const from = Math.min(shown, text.length)
  const backlog = text.length - from
  if (backlog <= budget) return text.length
  let end = from + Math.max(budget, Math.ceil(backlog / REVEAL_FRAMES))
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
  const [, setFrame] = useState(0)
  // History (not streaming when first shown) is shown whole; so is anything already caught up.
  const end = shown.current === null && !streaming ? text.length : revealEnd(text, shown.current ?? 0)
  shown.current = end
  const revealing = end < text.length
  useEffect(() => {
    if (!revealing) return
    let live = true
    perAnimationFrame(() => live && setFrame((n) => n + 1))
    return () => void (live = false)
  }, [end, revealing])
  return { shown: revealing ? text.slice(0, end) : text, revealing }
}
