import { useCallback, useEffect, useRef } from 'preact/hooks'

/** Within this many pixels of the bottom, the list follows new content. */
const NEAR_BOTTOM_PX = 80

/**
 * Follows a growing list only while the user is already near its bottom: someone who scrolled up
 * to read keeps their place. Growth is observed with a ResizeObserver on the content, so it also
 * catches markdown that re-lays out, not just new messages.
 */
export function useAutoScroll<S extends HTMLElement, C extends HTMLElement>() {
  const scroller = useRef<S>(null)
  const content = useRef<C>(null)
  const follow = useRef(true)

  const onScroll = useCallback(() => {
    const el = scroller.current
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX
  }, [])

  /** Jump to the bottom and follow again (e.g. after the user sends a message). */
  const stickToBottom = useCallback(() => {
    follow.current = true
    const el = scroller.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])

  useEffect(() => {
    const el = scroller.current
    const inner = content.current
    if (!el || !inner || typeof ResizeObserver === 'undefined') return
    const ro = new ResizeObserver(() => {
      if (follow.current) el.scrollTop = el.scrollHeight
    })
    ro.observe(inner)
    return () => ro.disconnect()
  }, [])

  return { scroller, content, onScroll, stickToBottom }
}
