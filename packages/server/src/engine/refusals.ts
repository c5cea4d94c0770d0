import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'

/** Why the run engine will not start a run, in domain terms (the codes clients see). */
export const RunRefusalCodes = {
  RunInProgress: ApiErrorCodes.RunInProgress,
  NoInterrupt: ApiErrorCodes.NoInterrupt,
  NothingToRetry: ApiErrorCodes.NothingToRetry,
  ShuttingDown: ApiErrorCodes.ShuttingDown,
} as const
export type RunRefusalCode = (typeof RunRefusalCodes)[keyof typeof RunRefusalCodes]

/**
 * The engine's refusal: it knows nothing of HTTP. The handler gives each code its status in one
 * table (`domain-errors.ts`, beside the handler), so the engine can be driven from anything, not only a route.
 */
export class RunRefused extends Error {
  constructor(
    readonly code: RunRefusalCode,
    message: string,
  ) {
    super(message)
    this.name = 'RunRefused'
  }
}
