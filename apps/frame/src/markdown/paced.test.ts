// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { h, render } from 'preact'
import { Markdown } from './MarkdownView.js'
import { recordReveal, resetRevealRate, REVEAL_BUDGET_MS, REVEAL_CHARS, revealBudget, revealEnd } from './paced.js'
import { whenShown, warmUp } from './warm-up.js'

describe('revealEnd', () => {
  beforeEach(resetRevealRate)

  it('shows a backlog up to the budget at once', () => {
    expect(revealEnd('abc', 0)).toBe(3)
    const text = 'x'.repeat(REVEAL_CHARS)
    expect(revealEnd(text, 0)).toBe(REVEAL_CHARS)
  })

  it('holds back what is over the budget', () => {
    const text = 'x'.repeat(REVEAL_CHARS * 3)
    expect(revealEnd(text, 0)).toBe(REVEAL_CHARS)
    expect(revealEnd(text, REVEAL_CHARS)).toBe(REVEAL_CHARS * 2)
  })

  it('never splits a surrogate pair', () => {
    const text = 'x'.repeat(REVEAL_CHARS - 1) + '😀' + 'y'.repeat(REVEAL_CHARS)
    expect(revealEnd(text, 0)).toBe(REVEAL_CHARS + 1)
  })

  it('starts over from the text when it shrank (a replaced answer)', () => {
    expect(revealEnd('short', 10_000)).toBe(5)
  })
})

describe('reveal budget by time', () => {
  beforeEach(resetRevealRate)

  it('a fast machine gets a bigger budget, growing at most 2× per frame, toward what fits in the time', () => {
    // 4,000 characters formatted in 1 ms: 4,000 chars/ms, so ~24,000 fit in the budget.
    const budgets = [revealBudget()]
    for (let i = 0; i < 8; i++) {
      recordReveal(4000, 1)
      budgets.push(revealBudget())
    }
    for (let i = 1; i < budgets.length; i++) expect(budgets[i]).toBeLessThanOrEqual(budgets[i - 1] * 2 + 1)
    expect(budgets.at(-1)).toBeGreaterThan(4000 * REVEAL_BUDGET_MS * 0.9)
    expect(budgets.at(-1)).toBeLessThanOrEqual(4000 * REVEAL_BUDGET_MS)
  })

  it('a slow machine stays at the floor; tiny samples and zero times are ignored', () => {
    recordReveal(512, 40)
    expect(revealBudget()).toBe(REVEAL_CHARS)
    resetRevealRate()
    recordReveal(100, 0.01)
    recordReveal(5000, 0)
    expect(revealBudget()).toBe(REVEAL_CHARS)
  })
})

describe('Markdown paced reveal', () => {
  let root: HTMLElement
  beforeAll(() => {
    root = document.createElement('div')
    document.body.append(root)
  })
  afterEach(() => render(null, root))
  // The rate is learned across renders: each test starts from the first guess.
  beforeEach(resetRevealRate)

  const frame = () => new Promise((r) => setTimeout(r, 120))

  it('reveals a burst over several frames and marks the text while it does', async () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ')
    render(h(Markdown, { text: 'Hello', streaming: true }), root)
    render(h(Markdown, { text: words, streaming: true }), root)
    const first = root.textContent!.length
    expect(first).toBeLessThan(words.length)
    expect(first).toBeGreaterThan(REVEAL_CHARS / 2)
    expect(root.querySelector('.ck-md[data-revealing]')).not.toBeNull()
    for (let i = 0; i < 10 && root.querySelector('.ck-md[data-revealing]'); i++) await frame()
    expect(root.querySelector('.ck-md[data-revealing]')).toBeNull()
    expect(root.textContent).toBe(words)
  })

  it('finishes the reveal after the stream ended', async () => {
    const words = Array.from({ length: 600 }, (_, i) => `w${i}`).join(' ')
    render(h(Markdown, { text: '', streaming: true }), root)
    render(h(Markdown, { text: words, streaming: false }), root)
    expect(root.textContent!.length).toBeLessThan(words.length)
    for (let i = 0; i < 10 && root.querySelector('.ck-md[data-revealing]'); i++) await frame()
    expect(root.textContent).toBe(words)
  })

  it('shows a text that was never streaming (history) whole at once', () => {
    const words = Array.from({ length: 600 }, (_, i) => `h${i}`).join(' ')
    render(h(Markdown, { text: words }), root)
    expect(root.textContent).toBe(words)
    expect(root.querySelector('.ck-md[data-revealing]')).toBeNull()
  })
})

describe('warm-up', () => {
  it('streams its sample off-screen in slices, then marks the document', () => {
    document.documentElement.removeAttribute('data-ck-warm')
    const before = document.body.innerHTML
    const queue: ((d: IdleDeadline) => void)[] = []
    warmUp((work) => queue.push(work))
    let slices = 0
    while (queue.length && slices < 10_000) {
      slices++
      queue.shift()!({ didTimeout: false, timeRemaining: () => 0 })
    }
    expect(slices).toBeGreaterThan(10)
    expect(queue).toEqual([])
    expect(document.documentElement.hasAttribute('data-ck-warm')).toBe(true)
    expect(document.body.innerHTML).toBe(before)
  })

  it('waits until the frame is shown (a launcher keeps it hidden until opened)', () => {
    const listeners = new Set<() => void>()
    const win = {
      innerWidth: 0,
      innerHeight: 0,
      addEventListener: (_: string, f: () => void) => listeners.add(f),
      removeEventListener: (_: string, f: () => void) => listeners.delete(f),
    }
    let ran = 0
    whenShown(win as unknown as Window, () => ran++)
    expect(ran).toBe(0)
    listeners.forEach((f) => {
      f()
    })
    expect(ran).toBe(0)
    Object.assign(win, { innerWidth: 400, innerHeight: 600 })
    listeners.forEach((f) => {
      f()
    })
    listeners.forEach((f) => {
      f()
    })
    expect(ran).toBe(1)
    expect(listeners.size).toBe(0)
  })
})
