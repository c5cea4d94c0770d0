import { signal, type ReadonlySignal } from '@preact/signals'

export type SessionProblem = { code: string; message: string }

/**
 * Why the frame cannot get a working client secret from the host right now (`api.getClientSecret`
 * threw, hung, returned garbage, or gave a secret the API refused), or null. Requests wait while it
 * is set; `retry` asks the host again and lets them continue (a no-op when all is fine).
 */
export type SessionStatus = {
  readonly problem: ReadonlySignal<SessionProblem | null>
  /** The user pressed Retry, or sends again. */
  retry(): void
}

/** `retry` is the secrets holder's; `report` receives its problems (see `ClientSecrets`' `onProblem`). */
export function createSessionStatus(retry: () => void): SessionStatus & { report(p: SessionProblem | null): void } {
  const problem = signal<SessionProblem | null>(null)
  return { problem, retry, report: (p) => void (problem.value = p && { code: p.code, message: p.message }) }
}
