import { RunRefused, RunRefusalCodes, type RunRefusalCode } from './engine/refusals.js'
import { HttpError } from './http/errors.js'

/** The one table from the engine's refusals to HTTP statuses. */
const statusOfRefusal: Record<RunRefusalCode, number> = {
  [RunRefusalCodes.RunInProgress]: 409,
  [RunRefusalCodes.NoInterrupt]: 409,
  [RunRefusalCodes.NothingToRetry]: 400,
  [RunRefusalCodes.ShuttingDown]: 503,
}

/** A domain error as the HttpError the handler answers with; anything else is returned as is. */
export function toHttpError(e: unknown): unknown {
  if (e instanceof RunRefused) return new HttpError(statusOfRefusal[e.code], e.code, e.message)
  return e
}
