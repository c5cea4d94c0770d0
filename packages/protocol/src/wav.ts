/**
 * Dictation's audio contract: the frame records 16 kHz mono 16-bit PCM and sends it as one WAV
 * file to `POST /audio/transcriptions`; the server bounds it by these numbers. WAV because every
 * transcription server takes it (whisper.cpp takes nothing else) and its duration can be checked
 * on the server from its length alone.
 */
export const DICTATION_SAMPLE_RATE = 16_000
/** The longest recording the frame makes (s); a server may accept less (`transcription.maxSeconds`), never more. */
export const DICTATION_MAX_SECONDS = 120

/** Below this peak (of full scale, about -50 dBFS) a recording is silence: the frame does not send it, the server refuses it (`audio_empty`). */
export const DICTATION_SILENCE_PEAK = 0.003

/** A RIFF/WAVE file holding `pcm` (16-bit samples, channels interleaved). */
export function encodeWav(pcm: Int16Array, sampleRate: number, channels = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + pcm.length * 2)
  const view = new DataView(bytes.buffer)
  const text = (at: number, s: string) =>
    [...s].forEach((c, i) => {
      view.setUint8(at + i, c.charCodeAt(0))
    })
  text(0, 'RIFF')
  view.setUint32(4, 36 + pcm.length * 2, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * channels * 2, true)
  view.setUint16(32, channels * 2, true)
  view.setUint16(34, 16, true)
  text(36, 'data')
  view.setUint32(40, pcm.length * 2, true)
  for (let i = 0; i < pcm.length; i++) view.setInt16(44 + i * 2, pcm[i], true)
  return bytes
}
