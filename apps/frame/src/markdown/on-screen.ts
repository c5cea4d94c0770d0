/**
 * `useOnScreen(ref)`: true once the element has been on screen. Work that only matters to the
 * eye (highlighting a code block) waits for it: a long answer's code blocks that scroll past
 * while it streams, or sit far up in history, cost nothing until someone looks at them.
 * One shared IntersectionObserver; without one (old engines, tests), everything counts as seen.
 */
import { useEffect, useState } from 'preact/hooks'

const seen = new WeakMap<Element, () => void>()
let observer: IntersectionObserver | null = null

function observe(el: Element, onSeen: () => void): () => void {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue
      observer!.unobserve(e.target)
      seen.get(e.target)?.()
      seen.delete(e.target)
    }
  })
  seen.set(el, onSeen)
  observer.observe(el)
  return () => {
    observer?.unobserve(el)
    seen.delete(el)
  }
}

export function useOnScreen(ref: { readonly current: Element | null }, enabled = true): boolean {
  const noObserver = typeof IntersectionObserver !== 'function'
  const [onScreen, setOnScreen] = useState(noObserver)
  useEffect(() => {
    const el = ref.current
    if (!enabled || onScreen || !el) return
    return observe(el, () => setOnScreen(true))
  }, [enabled, onScreen])
  return onScreen
}
