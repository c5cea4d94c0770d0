/**
 * Whether the history panel is open. One signal the panel reads and everything else writes: the
 * host (`showHistory`/`hideHistory`), the header button, Escape. Every change is reported to the host
 * as `history.open`/`history.close`, so a host UI can stay in sync (OpenAI chatkit-js #203).
 */
import { signal, type ReadonlySignal } from '@preact/signals'

export type HistoryVisibility = {
  readonly open: ReadonlySignal<boolean>
  /** Opens or closes the panel; a no-op (and no event) when it already is in that state. */
  setOpen(open: boolean): void
}

/** `report` is the host link's emit, passed in by the composition root. */
export function createHistoryVisibility(report: (name: 'history.open' | 'history.close') => void): HistoryVisibility {
  const open = signal(false)
  return {
    open,
    setOpen(next) {
      if (open.value === next) return
      open.value = next
      report(next ? 'history.open' : 'history.close')
    },
  }
}
