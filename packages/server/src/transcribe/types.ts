/**
 * The transcriber seam: what `POST /audio/transcriptions` hands a recording to. The built-in one
 * (`createOpenAITranscriber`) calls any OpenAI-compatible `/v1/audio/transcriptions`; a server's
 * user can plug in their own (a local Whisper, a cloud speech API) by implementing this one method.
 */
export type TranscriptionInput = {
  /** The recording: a RIFF/WAVE file of 16-bit PCM, already checked (length, duration, not silent). */
  audio: Uint8Array<ArrayBuffer>
  /** Always `audio/wav`. */
  mimeType: 'audio/wav'
  /** A file name for servers that want one (`dictation.wav`). */
  fileName: string
  /** Its length in seconds. */
  seconds: number
  /** The user's language as an ISO 639-1 code (from `Accept-Language`), when known: a hint, not a rule. */
  language?: string
  /** Who is speaking (for your logs or per-user accounting). */
  user: { assistantId: string; userId: string }
  /** Aborted when the client goes away or `transcription.timeoutMs` passes: stop the work then. */
  signal: AbortSignal
}

export type Transcriber = {
  /** The recognised text (may be empty when nothing was said). Throw to fail: the client gets a 502. */
  transcribe(input: TranscriptionInput): Promise<{ text: string }>
}

/**
 * A transcriber failure whose message is safe to show the end user (no keys, no upstream URL):
 * `POST /audio/transcriptions` answers 502 `transcription_failed` with it. Any other error thrown
 * by a transcriber is logged (`onError`) and answered with a generic sentence.
 */
export class TranscriptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TranscriptionError'
  }
}

export function isTranscriber(v: unknown): v is Transcriber {
  return !!v && typeof v === 'object' && typeof (v as Transcriber).transcribe === 'function'
}
