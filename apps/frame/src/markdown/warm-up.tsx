/**
 * Warms the markdown path in idle time after boot, off-screen. A fresh page runs the lexer, the
 * renderer and preact's diff cold: the first lex compiles marked's regular expressions, and the
 * first few hundred updates of an answer run unoptimized code while the engine compiles the hot
 * functions in the background. On a small machine that made the first second of the first answer
 * the slowest part of it (frames of 50-90 ms). So a short sample is streamed through the real
 * component here, a few steps per idle period, before anyone asks anything.
 *
 * Code and math are only lexed, never rendered: rendering them would start the highlighter worker
 * or fetch KaTeX, both lazy because most conversations never need them.
 */
import { render } from 'preact'
import { createIncrementalMarkdown } from './incremental.js'
import { Markdown } from './MarkdownView.js'

/** Markdown touching the prose rules (block, inline, GFM). */
const PROSE =
  '# H\n\nA *b* **c** `d` [e](https://e.x) [f][r] https://f.x ~~g~~\n\n- [ ] h\n1. i\n\n> j\n\n| k | l |\n|---|---|\n| 1 | 2 |\n\nn\n---\n' +
  'A paragraph that goes on for a while, the way an answer does.\n\n[r]: https://r.x\n'
/** PROSE plus code and math, for the lexer only. */
const SAMPLE = PROSE + '\n$x$ \\(z\\)\n\n```ts\nconst m = 1\n```\n\n$$y$$\n'
/** The streamed sample: 2,000 characters in ~330 updates (enough for the engine to optimize the hot path). */
const STREAM = PROSE.repeat(10)
const STEP = 6

/** Work per idle period at most (ms): someone who starts typing meanwhile must not notice. */
const SLICE_MS = 8

type Idle = (work: (deadline: IdleDeadline) => void) => void

const browserIdle: Idle = (work) => void requestIdleCallback(work, { timeout: 5000 })

/**
 * Streams the sample in idle periods (~130 ms of work in all on a small machine, in slices of at
 * most SLICE_MS); `idle` is swappable for tests. Returns once the first slice is queued.
 */
export function warmUp(idle: Idle = browserIdle): void {
  const box = document.createElement('div')
  let at = 0
  const work = (deadline: IdleDeadline) => {
    const end = performance.now() + Math.min(SLICE_MS, deadline.timeRemaining())
    if (at === 0) createIncrementalMarkdown().update(SAMPLE)
    while (at < STREAM.length) {
      at = Math.min(at + STEP, STREAM.length)
      render(<Markdown text={STREAM.slice(0, at)} streaming={at < STREAM.length} />, box)
      if (performance.now() >= end) return idle(work)
    }
    render(null, box)
    // Observable, so a benchmark can wait for a warmed frame like a user who reads, then types.
    document.documentElement.toggleAttribute('data-ck-warm', true)
  }
  idle(work)
}

/**
 * Runs `fn` once the frame is on screen: a launcher keeps its frame loaded but hidden (a
 * `display:none` panel gives the frame an empty viewport) until someone opens it, and a page view
 * where nobody opens the chat should not pay for warming it.
 */
export function whenShown(win: Window, fn: () => void): void {
  const shown = () => win.innerWidth > 0 && win.innerHeight > 0
  if (shown()) {
    fn()
    return
  }
  const check = () => {
    if (!shown()) return
    win.removeEventListener('resize', check)
    fn()
  }
  win.addEventListener('resize', check)
}
