/**
 * Measures how tall the frame's content wants to be and reports it (`resize {height}`), so a host
 * in `layout: 'auto-height'` can size the iframe to it. The conversation scrolls inside
 * `.ck-scroll`, which stretches to whatever room it gets; its content's own height is what counts:
 * natural height = page height − scroller box + scroller content.
 */
function naturalHeight(doc: Document): number {
  const page = doc.documentElement.getBoundingClientRect().height
  const scroller = doc.querySelector<HTMLElement>('.ck-scroll')
  const content = scroller?.firstElementChild as HTMLElement | null | undefined
  if (!scroller || !content) return Math.ceil(Math.max(page, doc.body.scrollHeight))
  const s = getComputedStyle(scroller)
  const padding = parseFloat(s.paddingTop) + parseFloat(s.paddingBottom) || 0
  return Math.ceil(page - scroller.clientHeight + content.getBoundingClientRect().height + padding)
}

/** Reports the natural height whenever it changes by a pixel or more. Returns the stop function. */
export function watchHeight(doc: Document, report: (height: number) => void): () => void {
  let last = -1
  let frame = 0
  const measure = () => {
    frame = 0
    const h = naturalHeight(doc)
    if (Math.abs(h - last) >= 1) report((last = h))
  }
  const schedule = () => void (frame ||= requestAnimationFrame(measure))
  const sizes = new ResizeObserver(schedule)
  sizes.observe(doc.documentElement)
  let watched: Element | null | undefined = null
  const observeAll = () => {
    const content = doc.querySelector('.ck-scroll')?.firstElementChild
    if (content === watched) return
    if (watched) sizes.unobserve(watched)
    if ((watched = content)) sizes.observe(content)
    schedule()
  }
  // The scroller comes and goes with the UI state (loading, fatal, ready): follow it.
  const tree = new MutationObserver(observeAll)
  tree.observe(doc.body, { childList: true, subtree: true })
  observeAll()
  return () => {
    sizes.disconnect()
    tree.disconnect()
    cancelAnimationFrame(frame)
  }
}
