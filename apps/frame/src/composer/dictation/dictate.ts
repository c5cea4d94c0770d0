/**
 * Dictation's flow: mic → recording (level, time, Stop) → `POST /audio/transcriptions` → the text
 * put into the composer for the user to review and send. Never sends by itself. Every failure
 * ends in a localized sentence in the dictation bar (and a `log` event for the host).
 */
import { signal } from '@preact/signals'
import { ApiErrorCodes, DICTATION_SILENCE_PEAK, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { ApiError } from '../../api/index.js'
import type { Emit } from '../../bridge/index.js'
import type { MessageKey } from '../../i18n/index.js'
import '../../i18n/more/index.js'
import { dictation } from '../store.js'
import { startRecording, type Recording } from './recorder.js'

export type DictationDeps = {
  /** Posts the WAV to the API; resolves with its JSON answer. */
  post(wav: Blob, signal: AbortSignal): Promise<unknown>
  /** Puts the recognised text into the composer. */
  insert(text: string): void
  emit: Emit
}

/** What the bar shows while recording. */
export const dictationLevel = signal({ level: 0, seconds: 0 })

/** Shorter than this is a slip of the finger, not a recording. */
const MIN_SECONDS = 0.3

let recording: Recording | null = null
let transcribing: AbortController | null = null
let deps: DictationDeps | null = null

export async function startDictation(d: DictationDeps): Promise<void> {
  if (recording || dictation.value.kind === 'starting' || dictation.value.kind === 'transcribing') return
  deps = d
  dictation.value = { kind: 'starting' }
  dictationLevel.value = { level: 0, seconds: 0 }
  try {
    const r = await startRecording(
      (level, seconds) => (dictationLevel.value = { level, seconds }),
      () => void stopDictation(),
    )
    // Cancelled (or the composer went away) while the browser was asking for the microphone.
    if (dictation.value.kind !== 'starting') return r.cancel()
    recording = r
    dictation.value = { kind: 'recording' }
  } catch (e) {
    fail(captureError(e), (e as Error)?.name)
  }
}

/** Stops recording and transcribes what was recorded. */
export async function stopDictation(): Promise<void> {
  const r = recording
  if (!r || !deps) return
  recording = null
  const { wav, seconds, peak } = r.stop()
  if (seconds < MIN_SECONDS || peak < DICTATION_SILENCE_PEAK) return fail('dictation.empty', 'silent')
  dictation.value = { kind: 'transcribing' }
  const ac = new AbortController()
  transcribing = ac
  try {
    const body = (await deps.post(wav, ac.signal)) as { text?: unknown } | null
    if (ac.signal.aborted) return
    const text = typeof body?.text === 'string' ? body.text.trim() : ''
    if (!text) return fail('dictation.empty', 'no_text')
    deps.insert(text)
    dictation.value = { kind: 'idle' }
  } catch (e) {
    if (!ac.signal.aborted) fail(answerError(e), e instanceof ApiError ? (e.apiCode ?? `http_${e.status}`) : ErrorCodes.Network)
  } finally {
    if (transcribing === ac) transcribing = null
  }
}

/** Drops the recording or the transcription in progress, and any error shown. */
export function cancelDictation(): void {
  recording?.cancel()
  recording = null
  transcribing?.abort()
  transcribing = null
  dictation.value = { kind: 'idle' }
}

function fail(message: MessageKey, code: string | undefined): void {
  dictation.value = { kind: 'error', message }
  deps?.emit('log', { name: 'dictation.error', data: { reason: message.slice('dictation.'.length), code: code ?? 'unknown' } })
}

/** getUserMedia's refusals, in the user's words. */
export function captureError(e: unknown): MessageKey {
  const name = (e as { name?: unknown } | null)?.name
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'dictation.denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'dictation.noDevice'
  return 'dictation.unavailable'
}

/** The API's refusals, in the user's words. */
export function answerError(e: unknown): MessageKey {
  if (!(e instanceof ApiError)) return 'dictation.failed'
  if (e.apiCode === ApiErrorCodes.AudioTooLong || e.apiCode === ApiErrorCodes.AudioTooLarge || e.status === 413) return 'dictation.tooLong'
  if (e.apiCode === ApiErrorCodes.AudioEmpty) return 'dictation.empty'
  if (e.apiCode === ApiErrorCodes.TranscriptionDisabled || e.status === 501 || e.status === 404) return 'dictation.disabled'
  return 'dictation.failed'
}
