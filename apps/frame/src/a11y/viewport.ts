/**
 * Keeps the chat inside the visual viewport: when an on-screen keyboard shrinks it, `--ck-vvh`
 * follows, the app's height follows that, and the composer stays above the keyboard.
 */
export function watchVisualViewport(win: Window): () => void {
  const vv = win.visualViewport
  if (!vv) return () => {}
  const root = win.document.documentElement
  const update = () => root.style.setProperty('--ck-vvh', `${Math.round(vv.height)}px`)
  update()
  vv.addEventListener('resize', update)
  vv.addEventListener('scroll', update)
  return () => {
    vv.removeEventListener('resize', update)
    vv.removeEventListener('scroll', update)
  }
}
