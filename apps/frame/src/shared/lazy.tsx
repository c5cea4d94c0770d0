import type { ComponentType, JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'

/**
 * The one lazy-component helper: a component whose code loads on first use (widgets, review
 * panels, the attachment tray, mention chips, dictation): most sessions never need it,
 * so it stays out of the frame's first-load JS. Shows `fallback` meanwhile, an error if it fails.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => JSX.Element | null = () => null,
  /** The component if its code already arrived some other way (a preload), to render it at once. */
  ready: () => ComponentType<P> | null = () => null,
) {
  let cached: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => (cached ??= ready()))
    const [failed, setFailed] = useState<string | null>(null)
    useEffect(() => {
      if (C) return
      let live = true
      pending ??= load().then((c) => (cached = c))
      pending.then(
        (c) => live && setC(() => c),
        (e: unknown) => {
          pending = null
          if (live) setFailed(e instanceof Error ? e.message : String(e))
        },
      )
      return () => {
        live = false
      }
    }, [C])
    if (failed)
      return (
        <p class="ck-error" role="alert">
          {failed}
        </p>
      )
    return C ? <C {...props} /> : fallback(props)
  }
}
