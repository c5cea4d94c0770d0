import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { badRequest } from '../http/errors.js'

/** What the route needs to know about a WAV file: its length and whether anything was heard. */
export type WavInfo = { sampleRate: number; channels: number; seconds: number; samples: number; peak: number }

/**
 * Reads a RIFF/WAVE file of 16-bit PCM (what the frame records, and what every transcription
 * server accepts) far enough to bound it: format, duration and the loudest sample (0..1). The
 * duration comes from the data chunk's real length, never from a header field alone.
 */
export function readWav(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw badRequest('audio: expected a RIFF/WAVE file')
  let fmt: { channels: number; sampleRate: number; bits: number; format: number } | null = null
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === 'fmt ' && size >= 16 && body + 16 <= bytes.byteLength) {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      }
    } else if (id === 'data') {
      if (!fmt) throw badRequest('audio: the WAVE file has no fmt chunk before its data')
      if (fmt.format !== 1 || fmt.bits !== 16) throw badRequest('audio: expected 16-bit PCM samples')
      if (fmt.channels < 1 || fmt.channels > 2 || fmt.sampleRate < 8000 || fmt.sampleRate > 48000) {
        throw badRequest('audio: expected 1 or 2 channels at 8000 to 48000 Hz')
      }
      // A recorder that streamed the file may leave the size at 0 or 0xFFFFFFFF: the bytes present count.
      const end = Math.min(bytes.byteLength, size > 0 && size < 0xffffffff ? body + size : bytes.byteLength)
      const samples = Math.floor((end - body) / 2)
      let peak = 0
      for (let i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(view.getInt16(body + i * 2, true)))
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples, seconds: samples / fmt.channels / fmt.sampleRate, peak: peak / 32768 }
    }
    at = body + size + (size & 1)
  }
  throw badRequest('audio: the WAVE file has no data chunk', ApiErrorCodes.AudioEmpty)
}
