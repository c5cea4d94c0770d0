/**
 * Microphone capture for dictation, in the frame (see SECURITY.md "Dictation" for why here): the
 * samples are taken as they come (for the level meter and the silence check), bounded to
 * DICTATION_MAX_SECONDS, and resampled to 16 kHz mono 16-bit PCM in a WAV file — the format every
 * transcription server accepts and whose duration the server can check from its length.
 */
import { DICTATION_MAX_SECONDS, DICTATION_SAMPLE_RATE, encodeWav } from '@xpert-ai/chatkit-protocol'

type Recorded = { wav: Blob; seconds: number; peak: number }
export type Recording = { stop(): Recorded; cancel(): void }

/**
 * Asks for the microphone and starts recording. Rejects with getUserMedia's DOMException
 * (`NotAllowedError`, `NotFoundError`, `NotReadableError`…) for the caller to explain.
 * `onProgress` gets the current level (0..1) and the seconds recorded; `onLimit` fires once at the cap.
 */
export async function startRecording(onProgress: (level: number, seconds: number) => void, onLimit: () => void): Promise<Recording> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('this page cannot use media devices', 'NotSupportedError')
  // Raw audio: speech models are trained on it, and the browser's noise suppressor takes steady
  // sounds (and the start of a recording) for noise.
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  })
  const ctx = new AudioContext()
  const rate = ctx.sampleRate
  const source = ctx.createMediaStreamSource(stream)
  // A ScriptProcessor needs no separate worklet file (which the frame's CSP would have to allow) and
  // runs in every browser; 4096 samples is ~10 level updates a second.
  const node = ctx.createScriptProcessor(4096, 1, 1)
  const samples = new Samples(DICTATION_MAX_SECONDS * rate)
  node.onaudioprocess = (e) => {
    if (samples.full) return
    const level = samples.push(e.inputBuffer.getChannelData(0))
    onProgress(level, samples.length / rate)
    if (samples.full) onLimit()
  }
  source.connect(node)
  node.connect(ctx.destination) // a ScriptProcessor runs only when connected; it outputs silence
  await ctx.resume()
  const release = () => {
    node.onaudioprocess = null
    node.disconnect()
    source.disconnect()
    for (const track of stream.getTracks()) track.stop()
    void ctx.close()
  }
  return {
    stop() {
      release()
      const pcm = resample(samples.chunks, samples.length, rate, DICTATION_SAMPLE_RATE)
      return { wav: new Blob([encodeWav(pcm, DICTATION_SAMPLE_RATE)], { type: 'audio/wav' }), seconds: samples.length / rate, peak: samples.peak }
    },
    cancel: release,
  }
}

/** The samples recorded so far, bounded to `max`: their loudest value, and the level of each piece. */
export class Samples {
  readonly chunks: Float32Array[] = []
  length = 0
  peak = 0
  constructor(readonly max: number) {}

  get full(): boolean {
    return this.length >= this.max
  }

  /** Keeps what fits of `input` (a copy: the browser reuses its buffer); returns its level, 0..1. */
  push(input: Float32Array): number {
    const piece = input.slice(0, Math.max(0, this.max - this.length))
    this.chunks.push(piece)
    this.length += piece.length
    let sum = 0
    for (const v of piece) {
      sum += v * v
      this.peak = Math.max(this.peak, Math.abs(v))
    }
    return Math.min(1, Math.sqrt(sum / Math.max(1, piece.length)) * 4)
  }
}

/** Averages (or, from a slower device, repeats) samples to `to` Hz, as 16-bit integers. */
export function resample(chunks: Float32Array[], length: number, from: number, to: number): Int16Array {
  const all = new Float32Array(length)
  let at = 0
  for (const c of chunks) {
    all.set(c, at)
    at += c.length
  }
  const ratio = from / to
  const out = new Int16Array(Math.floor(length / ratio))
  for (let i = 0; i < out.length; i++) {
    const start = Math.floor(i * ratio)
    const end = Math.max(start + 1, Math.min(length, Math.floor((i + 1) * ratio)))
    let sum = 0
    for (let j = start; j < end; j++) sum += all[j]
    out[i] = Math.max(-32768, Math.min(32767, Math.round((sum / (end - start)) * 32767)))
  }
  return out
}
