import { signal } from '@preact/signals'

/** The composer's text, settable by the host (`setComposerValue`) and by typing. */
export const composerValue = signal('')

/** Bumped to ask the composer for focus (`focusComposer`); works even before it mounts. */
export const focusRequest = signal(0)

export function requestFocus(): void {
  focusRequest.value++
}
