import { encodeWav } from '@xpert-ai/chatkit-protocol'
import { tone } from '../../../../e2e/support/fake-transcriber.js'
import type { Target } from './endpoints.js'
import type { Rng } from './prng.js'
import type { RawRequest } from './raw-http.js'
import { request } from './request-parts.js'
import type { FuzzCase } from './strategies.js'
import type { World } from './world.js'

/** One broken dictation recording (header fields, truncation, silence, lengths): `[variant, request, case overrides]`. */
export function badAudio(w: World, t: Target, r: Rng, auth: [string, string][]): [string, RawRequest, Partial<FuzzCase>] {
  const wav = Buffer.from(encodeWav(tone(0.5), 16_000))
  const set = (at: number, bytes: number, value: number) => {
    if (bytes === 2) wav.writeUInt16LE(value, at)
    else wav.writeUInt32LE(value, at)
    return wav
  }
  const variant = r.pick([
    '8-bit',
    '32-bit',
    'no channels',
    '7 channels',
    'rate 0',
    'rate 1 MHz',
    'float format',
    'data size huge',
    'data size 0',
    'fmt size huge',
    'truncated',
    'header only',
    'silence',
    'junk',
    'RIFF only',
    'no data chunk',
    'odd length',
  ] as const)
  let body: Buffer = wav
  switch (variant) {
    case '8-bit':
      set(34, 2, 8)
      break
    case '32-bit':
      set(34, 2, 32)
      break
    case 'no channels':
      set(22, 2, 0)
      break
    case '7 channels':
      set(22, 2, 7)
      break
    case 'rate 0':
      set(24, 4, 0)
      break
    case 'rate 1 MHz':
      set(24, 4, 1_000_000)
      break
    case 'float format':
      set(20, 2, 3)
      break
    case 'data size huge':
      set(40, 4, 0xfffffff0)
      break
    case 'data size 0':
      set(40, 4, 0)
      break
    case 'fmt size huge':
      set(16, 4, 0xfffffff0)
      break
    case 'truncated':
      body = wav.subarray(0, r.int(1, wav.length - 1))
      break
    case 'header only':
      body = wav.subarray(0, 44)
      break
    case 'silence':
      body = Buffer.from(encodeWav(new Int16Array(8000), 16_000))
      break
    case 'junk':
      body = Buffer.from(Array.from({ length: r.int(1, 4096) }, () => r.int(0, 255)))
      break
    case 'RIFF only':
      body = Buffer.from('RIFF')
      break
    case 'no data chunk':
      body = wav.subarray(0, 36)
      break
    case 'odd length':
      body = Buffer.concat([wav, Buffer.from([1])])
      break
  }
  return [variant, request(w, t.method, t.path, auth, { headers: [['content-type', 'audio/wav']], body }), {}]
}
