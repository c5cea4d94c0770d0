/**
 * The `code` of every API error response (`{"error":{"code","message"}}`) the server sends, and of
 * the `{type:"error"}` stream envelope. Keys form the `ApiErrorCode` union; a client switches on
 * these instead of on message text.
 */
export const ApiErrorCodes = {
  // 400
  InvalidRequest: 'invalid_request',
  InvalidJson: 'invalid_json',
  InvalidForm: 'invalid_form',
  IncompleteBody: 'incomplete_body',
  InvalidEventId: 'invalid_event_id',
  NothingToRetry: 'nothing_to_retry',
  /** A request node:http could not parse (malformed request line, headers, chunking). */
  BadRequest: 'bad_request',
  // 401, 403, 404
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  OriginNotAllowed: 'origin_not_allowed',
  /** 403: `x-chatkit-domain-key` is unknown, or used from a page origin it was not issued for (`--domain-key`). */
  DomainKeyRefused: 'domain_key_refused',
  NotFound: 'not_found',
  AssistantNotFound: 'assistant_not_found',
  FileNotFound: 'file_not_found',
  // 405, 408, 409, 410
  MethodNotAllowed: 'method_not_allowed',
  RequestTimeout: 'request_timeout',
  UploadTimeout: 'upload_timeout',
  Conflict: 'conflict',
  RunInProgress: 'run_in_progress',
  NoInterrupt: 'no_interrupt',
  /** An MCP App asked for a destructive tool: the frame asks the user and sends the call again with `approved: true`. */
  ApprovalRequired: 'approval_required',
  RunEventsExpired: 'run_events_expired',
  // 413, 415, 417, 429, 431
  PayloadTooLarge: 'payload_too_large',
  FileTooLarge: 'file_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  ExpectationFailed: 'expectation_failed',
  RateLimited: 'rate_limited',
  FileLimit: 'file_limit',
  StorageLimit: 'storage_limit',
  UploadConcurrency: 'upload_concurrency',
  TooManyStreams: 'too_many_streams',
  TooManyFailedAttempts: 'too_many_failed_attempts',
  HeadersTooLarge: 'headers_too_large',
  /** 413 from `POST /audio/transcriptions`: the recording is longer than the server's `transcription.maxSeconds`. */
  AudioTooLong: 'audio_too_long',
  /** 413 from `POST /audio/transcriptions`: the recording is larger than `transcription.maxBytes`. */
  AudioTooLarge: 'audio_too_large',
  /** 400 from `POST /audio/transcriptions`: no samples, or only silence. */
  AudioEmpty: 'audio_empty',
  // 5xx
  InternalError: 'internal_error',
  /** 501: no transcriber is configured (`transcription` / `--transcribe-url` / `--transcriber`). */
  TranscriptionDisabled: 'transcription_disabled',
  /** 502: the transcriber failed (the OpenAI-compatible server answered an error, or the plugged-in one threw). */
  TranscriptionFailed: 'transcription_failed',
  /** 504: the transcriber took longer than `transcription.timeoutMs`. */
  TranscriptionTimeout: 'transcription_timeout',
  FilesDisabled: 'files_disabled',
  ShuttingDown: 'shutting_down',
  /** 503: the store's database (PostgreSQL) cannot be reached right now; retry shortly. */
  StoreUnavailable: 'store_unavailable',
  /** 503: the shared run-event log (Redis) cannot be reached right now; retry shortly. */
  EventLogUnavailable: 'event_log_unavailable',
  /** 503 from the self-hosted server's `/chatkit/sdk/…`: the host SDK was not built. */
  SdkNotBuilt: 'sdk_not_built',
  /** 507: the server-wide disk quota for uploads is used up. */
  StorageFull: 'storage_full',
} as const

export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes]

/**
 * The body of every API error response. `request_id` (added compatibly: older servers omit it) is
 * the id of the request, also sent as the `X-Request-Id` response header and on the server's log
 * lines for it: quote it when reporting a failure.
 */
export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; request_id?: string } }
