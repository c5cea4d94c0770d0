import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/errors.js'
import { answerError, captureError } from './dictate.js'
import { resample, Samples } from './recorder.js'

describe('dictation errors, in the user’s words', () => {
  it('explain getUserMedia refusals by their DOMException name', () => {
    const e = (name: string) => new DOMException('x', name)
    expect(captureError(e('NotAllowedError'))).toBe('dictation.denied')
    expect(captureError(e('SecurityError'))).toBe('dictation.denied')
    expect(captureError(e('NotFoundError'))).toBe('dictation.noDevice')
    expect(captureError(e('OverconstrainedError'))).toBe('dictation.noDevice')
    expect(captureError(e('NotReadableError'))).toBe('dictation.unavailable')
    expect(captureError(e('NotSupportedError'))).toBe('dictation.unavailable')
  })

  it('explain the API’s answers by their ApiErrorCode (status as the fallback)', () => {
    const api = (status: number, code?: string) => new ApiError('api_error', 'x', status, code)
    expect(answerError(api(413, ApiErrorCodes.AudioTooLong))).toBe('dictation.tooLong')
    expect(answerError(api(413, ApiErrorCodes.AudioTooLarge))).toBe('dictation.tooLong')
    expect(answerError(api(413))).toBe('dictation.tooLong') // a proxy's body limit
    expect(answerError(api(400, ApiErrorCodes.AudioEmpty))).toBe('dictation.empty')
    expect(answerError(api(501, ApiErrorCodes.TranscriptionDisabled))).toBe('dictation.disabled')
    expect(answerError(api(404))).toBe('dictation.disabled') // a server from before dictation
    expect(answerError(api(502, ApiErrorCodes.TranscriptionFailed))).toBe('dictation.failed')
    expect(answerError(api(504, ApiErrorCodes.TranscriptionTimeout))).toBe('dictation.failed')
    expect(answerError(new TypeError('network'))).toBe('dictation.failed')
  })
})

describe('resample', () => {
  it('averages 48 kHz down to 16 kHz and repeats 8 kHz up to it, across chunk boundaries', () => {
    const down = resample([new Float32Array(4000).fill(0.5), new Float32Array(2000).fill(-0.5)], 6000, 48_000, 16_000)
    expect(down.length).toBe(2000)
    expect([down[0], down[1332], down[1334], down[1999]]).toEqual([16384, 16384, -16383, -16383])
    const up = resample([Float32Array.from([0.25, 1])], 2, 8_000, 16_000)
    expect([...up]).toEqual([8192, 8192, 32767, 32767])
  })
})

describe('Samples (what the recorder keeps)', () => {
  it('stops at the cap (the frame’s 120 s bound), keeps copies, tracks the peak and reports each piece’s level', () => {
    const s = new Samples(10)
    const buffer = new Float32Array(4).fill(0.25) // the browser reuses its buffer between callbacks
    expect(s.push(buffer)).toBe(1) // rms 0.25, scaled ×4 for the meter
    buffer.fill(-0.5)
    expect(s.push(buffer)).toBe(1)
    expect([s.length, s.full, s.peak]).toEqual([8, false, 0.5])
    buffer.fill(0.01)
    expect(s.push(buffer)).toBeCloseTo(0.04)
    expect([s.length, s.full]).toEqual([10, true])
    expect(s.push(buffer)).toBe(0) // nothing more is kept
    expect(s.length).toBe(10)
    expect([...s.chunks[0]]).toEqual([0.25, 0.25, 0.25, 0.25])
    expect(s.chunks[2].length).toBe(2)
  })
})
