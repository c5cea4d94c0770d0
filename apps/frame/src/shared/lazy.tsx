/**
 * A component whose code loads the first time it renders (then renders normally). Keeps rarely
 * used UI (attachment tray, mention chips, history panel) out of the first-load bundle.
 */
import { signal } from '@preact/signals'
import type { FunctionComponent } from 'preact'

export function lazyComponent<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  const loaded = signal<FunctionComponent<P> | null>(null)
  let started = false
  return function Lazy(props: P) {
    if (!started) {
      started = true
      load().then(
        (c) => (loaded.value = c),
        () => (started = false),
      )
    }
    const C = loaded.value
    return C ? <C {...props} /> : null
  }
}
