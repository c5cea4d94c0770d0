import { signal } from '@preact/signals'

/**
 * Why the frame cannot get a working client secret from the host right now (`api.getClientSecret`
 * threw, hung, returned garbage, or gave a secret the API refused), or null. Requests wait while it
 * is set; `retrySession` asks the host again and lets them continue.
 */
export const sessionProblem = signal<{ code: string; message: string } | null>(null)

let retry = (): void => {}

/** Called by the wiring with the secrets holder's `retry`. */
export function onSessionRetry(fn: () => void): void {
  retry = fn
}

/** The user pressed Retry, or sends again: ask the host for a secret once more (no-op when fine). */
export function retrySession(): void {
  retry()
}
