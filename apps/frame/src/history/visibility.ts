/**
 * Whether the history panel is open. One signal the panel reads and everything else writes: the
 * host (`showHistory`/`hideHistory`), the header button, Escape. Every change is reported to the host
 * as `history.open`/`history.close`, so a host UI can stay in sync (OpenAI chatkit-js #203).
 */
import { signal } from '@preact/signals'

export const historyOpen = signal(false)

type Report = (name: 'history.open' | 'history.close') => void
let report: Report = () => {}

/** Wired once by the app to the host link's `emit`. */
export function reportHistoryTo(fn: Report): void {
  report = fn
}

/** Opens or closes the panel; a no-op (and no event) when it already is in that state. */
export function setHistoryOpen(open: boolean): void {
  if (historyOpen.value === open) return
  historyOpen.value = open
  report(open ? 'history.open' : 'history.close')
}
