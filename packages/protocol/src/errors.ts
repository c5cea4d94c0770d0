/**
 * The codes of the `ChatKitError`s a host sees (rejected method calls, `chatkit.error`), from the
 * host SDK and the frame. Keys form the `ErrorCode` union. The API's own codes are `ApiErrorCodes`.
 */
export const ErrorCodes = {
  HandshakeTimeout: 'handshake_timeout',
  /** The handshake failed for another reason than the timeout (the message says which). */
  HandshakeFailed: 'handshake_failed',
  /** The page's origin may not embed the frame (`--allowed-origins`); fired within about a second of the iframe's load. */
  OriginNotAllowed: 'origin_not_allowed',
  ProtocolMismatch: 'protocol_mismatch',
  NotSupported: 'not_supported',
  NotReady: 'not_ready',
  Destroyed: 'destroyed',
  InvalidOptions: 'invalid_options',
  CallbackFailed: 'callback_failed',
  CallbackTimeout: 'callback_timeout',
  ClientSecret: 'client_secret',
  Network: 'network',
  Api: 'api_error',
  Stream: 'stream_error',
  /** The API refused `api.domainKey` (unknown key, or a key used from an origin it was not issued for). */
  DomainKey: 'domain_key_refused',
  /** A frame method call failed, or the frame reported an error without a code. */
  Frame: 'frame_error',
  // penpal's codes, passed through when the bridge itself fails a call.
  MethodCallTimeout: 'METHOD_CALL_TIMEOUT',
  ConnectionDestroyed: 'CONNECTION_DESTROYED',
  TransmissionFailed: 'TRANSMISSION_FAILED',
} as const

/**
 * `focusMessage`'s own rejection codes (besides `not_ready`, `not_supported`, `invalid_options`).
 * A separate object so the frame's first load does not carry them: only its navigation chunk does.
 */
export const NavigationErrorCodes = {
  /** The message is not on the thread's shown branch (or does not exist). */
  MessageUnavailable: 'message_unavailable',
  /** The thread does not exist (or is not the caller's). */
  ThreadUnavailable: 'thread_unavailable',
  /** A newer navigation or a thread switch superseded this one before it finished. */
  StaleContext: 'stale_context',
  /** A history page needed to reach the message failed to load. */
  MessageLoadFailed: 'message_load_failed',
  /** The message was loaded but its element did not appear in time. */
  MessageFocusTimeout: 'message_focus_timeout',
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes] | (typeof NavigationErrorCodes)[keyof typeof NavigationErrorCodes]

/** Errors crossing the bridge travel as data, never as thrown objects (they must survive structured clone). */
export type SerializedError = { code: ErrorCode | (string & {}); message: string; name?: string }

/** An `Error` with a machine-readable `code`, used on both sides of the bridge. */
export class ChatKitError extends Error {
  readonly code: ErrorCode | (string & {})
  constructor(code: ErrorCode | (string & {}), message: string) {
    super(message)
    this.name = 'ChatKitError'
    this.code = code
  }
  static from(e: SerializedError): ChatKitError {
    return new ChatKitError(e.code, e.message)
  }
}

/** Turns anything thrown into a `SerializedError` (messages are cut at 2 000 chars: bad input never balloons). */
export function serializeError(e: unknown, code: ErrorCode | (string & {}) = 'callback_failed'): SerializedError {
  const err = e as { code?: unknown; message?: unknown; name?: unknown } | null
  const message = typeof err?.message === 'string' ? err.message : typeof e === 'string' ? e : String(e)
  return {
    code: typeof err?.code === 'string' ? err.code : code,
    message: message.slice(0, 2000),
    ...(typeof err?.name === 'string' ? { name: err.name } : {}),
  }
}
