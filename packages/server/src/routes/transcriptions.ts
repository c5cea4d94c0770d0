import { ApiErrorCodes, DICTATION_SILENCE_PEAK } from '@xpert-ai/chatkit-protocol'
import type { RequestContext } from '../context.js'
import { readBytes } from '../http/body.js'
import { badRequest, HttpError, jsonResponse, unsupportedMediaType } from '../http/errors.js'
import { readWav } from '../transcribe/wav.js'
import { TranscriptionError } from '../transcribe/types.js'

/**
 * `POST /audio/transcriptions` (dictation): the body is one WAV recording (`Content-Type:
 * audio/wav`, 16-bit PCM); the answer is `{ text }`, which the frame puts in the composer for the
 * user to review — nothing is sent for them. Needs the client secret and counts against its rate
 * limit like every route. Bounded on the server whatever the client did: bytes (413
 * `audio_too_large`, before reading when declared), duration (413 `audio_too_long`), silence
 * (400 `audio_empty`), the transcriber's time (504).
 */
export async function transcribeAudio({ req, deps, principal }: RequestContext): Promise<Response> {
  const who = await principal()
  const t = deps.transcription
  if (!t) throw new HttpError(501, ApiErrorCodes.TranscriptionDisabled, 'dictation is not set up on this server (no transcriber is configured)')
  const type = req.headers.get('content-type') ?? ''
  if (!/^audio\/(?:wav|wave|x-wav)\s*(?:;|$)/i.test(type)) throw unsupportedMediaType(`content-type: expected audio/wav, got "${type || 'none'}"`)
  const tooLarge = new HttpError(413, ApiErrorCodes.AudioTooLarge, `audio: larger than ${t.maxBytes} bytes`, { connection: 'close' })
  let audio: Uint8Array<ArrayBuffer>
  try {
    audio = await readBytes(req, t.maxBytes)
  } catch (e) {
    throw e instanceof HttpError && e.status === 413 ? tooLarge : e
  }
  if (audio.byteLength === 0) throw badRequest('audio: the recording is empty', ApiErrorCodes.AudioEmpty)
  const wav = readWav(audio)
  if (wav.seconds > t.maxSeconds) throw new HttpError(413, ApiErrorCodes.AudioTooLong, `audio: longer than ${t.maxSeconds} s (${wav.seconds.toFixed(1)} s)`)
  if (wav.samples === 0 || wav.peak < DICTATION_SILENCE_PEAK) throw badRequest('audio: the recording is silent', ApiErrorCodes.AudioEmpty)

  const timeout = AbortSignal.timeout(t.timeoutMs)
  const signal = AbortSignal.any([req.signal, timeout])
  let text: unknown
  try {
    const work = t.transcriber.transcribe({
      audio,
      mimeType: 'audio/wav',
      fileName: 'dictation.wav',
      seconds: wav.seconds,
      language: language(req),
      user: { assistantId: who.assistantId, userId: who.userId },
      signal,
    })
    // A transcriber that ignores its signal still ends here at the deadline.
    text = (await Promise.race([work, aborted(signal)]))?.text
  } catch (e) {
    if (timeout.aborted) throw new HttpError(504, ApiErrorCodes.TranscriptionTimeout, `the transcription took longer than ${Math.round(t.timeoutMs / 1000)} s`)
    deps.onError('transcription failed', e)
    throw new HttpError(502, ApiErrorCodes.TranscriptionFailed, e instanceof TranscriptionError ? `transcription failed: ${e.message}` : 'transcription failed')
  }
  if (typeof text !== 'string') {
    deps.onError('transcription failed', new TypeError('the transcriber returned no { text } string'))
    throw new HttpError(502, ApiErrorCodes.TranscriptionFailed, 'transcription failed: the transcriber returned no text')
  }
  return jsonResponse(200, { text: text.trim() })
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** The first language of `Accept-Language` as an ISO 639-1/-3 code, when it is one. */
function language(req: Request): string | undefined {
  const first = (req.headers.get('accept-language') ?? '').split(',')[0].split(';')[0].trim().split('-')[0].toLowerCase()
  return /^[a-z]{2,3}$/.test(first) ? first : undefined
}
