import { encodeWav } from '@xpert-ai/chatkit-protocol'
import {
  createChatKitHandler,
  createOpenAITranscriber,
  SqliteStore,
  TranscriptionError,
  type Transcriber,
  type TranscriptionInput,
} from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeTranscriber, tone, type FakeTranscriber } from '../../../../e2e/support/fake-transcriber.js'
import { startTestServer, type TestServer } from '../testing/harness.js'

const KEY = 'sk-fake-transcriber-key'
const MODEL = 'whisper-large-v3'
const wav = (seconds: number, amplitude = 0.5) => encodeWav(tone(seconds, amplitude), 16_000)

let fake: FakeTranscriber
let s: TestServer
beforeAll(async () => {
  fake = await startFakeTranscriber({ apiKey: KEY, model: MODEL, text: '  Hallo Welt  ' })
  s = await startTestServer({
    transcription: { transcriber: createOpenAITranscriber({ baseUrl: fake.baseUrl, apiKey: KEY, model: MODEL }), maxSeconds: 3, maxBytes: 200_000 },
  })
})
afterAll(async () => {
  await s.close()
  await fake.close()
})

function post(secret: string | null, body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'audio/wav' }, server = s) {
  return fetch(`${server.api}/audio/transcriptions`, {
    method: 'POST',
    headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}
const code = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error

describe('POST /audio/transcriptions through an OpenAI-compatible server', () => {
  it('sends the WAV as multipart (file, model, language) and answers its text, trimmed', async () => {
    const secret = await s.session()
    const res = await post(secret, wav(1), { 'content-type': 'audio/wav', 'accept-language': 'de-DE,de;q=0.9' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ text: 'Hallo Welt' })
    const got = fake.received.at(-1)!
    expect(got).toMatchObject({ model: MODEL, language: 'de', responseFormat: 'json', fileName: 'dictation.wav', fileType: 'audio/wav' })
    expect(got.bytes).toEqual(wav(1))
  })

  it('needs a client secret', async () => {
    const res = await post(null, wav(1))
    expect(res.status).toBe(401)
    expect((await code(res)).code).toBe('unauthorized')
    const bad = await post('cs-x-not-a-secret', wav(1))
    expect(bad.status).toBe(401)
  })

  it('answers 401 to an expired secret without calling the transcriber', async () => {
    const secret = await s.session('user-expiring', 'demo', { expires_after: 60 })
    const before = fake.received.length
    s.clock.advance(61_000)
    const res = await post(secret, wav(1))
    expect(res.status).toBe(401)
    expect((await code(res)).code).toBe('unauthorized')
    expect(fake.received.length).toBe(before)
  })

  it('refuses what is not a 16-bit PCM WAV, with a reason', async () => {
    const secret = await s.session()
    const json = await post(secret, '{}', { 'content-type': 'application/json' })
    expect(json.status).toBe(415)
    expect((await code(json)).message).toMatch(/expected audio\/wav/)
    const junk = await post(secret, new TextEncoder().encode('not a wave file at all'))
    expect(junk.status).toBe(400)
    expect((await code(junk)).message).toMatch(/RIFF\/WAVE/)
    const eightBit = wav(1)
    new DataView(eightBit.buffer).setUint16(34, 8, true)
    const r8 = await post(secret, eightBit)
    expect(r8.status).toBe(400)
    expect((await code(r8)).message).toMatch(/16-bit PCM/)
  })

  it('refuses an empty or silent recording (audio_empty) without calling the transcriber', async () => {
    const secret = await s.session()
    const before = fake.received.length
    for (const body of [new Uint8Array(0), encodeWav(new Int16Array(0), 16_000), wav(1, 0)]) {
      const res = await post(secret, body)
      expect(res.status).toBe(400)
      expect((await code(res)).code).toBe('audio_empty')
    }
    expect(fake.received.length).toBe(before)
  })

  it('bounds duration and bytes on the server: 413 audio_too_long / audio_too_large', async () => {
    const secret = await s.session()
    const long = await post(secret, wav(3.5))
    expect(long.status).toBe(413)
    expect(await code(long)).toEqual({ code: 'audio_too_long', message: 'audio: longer than 3 s (3.5 s)', request_id: expect.any(String) })
    // 200 000 bytes is ~6 s at 16 kHz: refused by its declared length before it is read...
    const big = await post(secret, wav(7))
    expect(big.status).toBe(413)
    expect((await code(big)).code).toBe('audio_too_large')
    // ...and, streamed without a length, as soon as it passes the limit.
    const bytes = wav(7)
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < bytes.length; at += 16_384) c.enqueue(bytes.subarray(at, at + 16_384))
        c.close()
      },
    })
    const streamed = await post(secret, stream)
    expect(streamed.status).toBe(413)
    expect((await code(streamed)).code).toBe('audio_too_large')
  })

  it('turns an upstream failure into 502 transcription_failed naming only its status', async () => {
    const secret = await s.session()
    fake.answer = { status: 500 }
    try {
      const res = await post(secret, wav(1))
      expect(res.status).toBe(502)
      const e = await code(res)
      expect(e).toEqual({
        code: 'transcription_failed',
        message: 'transcription failed: the transcription service answered HTTP 500',
        request_id: expect.any(String),
      })
      expect(s.errors.at(-1)?.message).toBe('transcription failed')
    } finally {
      fake.answer = { text: 'ok' }
    }
  })

  it('reports a wrong upstream key and an unreachable upstream as 502', async () => {
    const wrongKey = await startTestServer({
      transcription: { transcriber: createOpenAITranscriber({ baseUrl: fake.baseUrl, apiKey: 'sk-wrong', model: MODEL }) },
    })
    const down = await startTestServer({ transcription: { transcriber: createOpenAITranscriber({ baseUrl: 'http://127.0.0.1:9/v1', model: MODEL }) } })
    try {
      const a = await post(await wrongKey.session(), wav(1), undefined, wrongKey)
      expect(a.status).toBe(502)
      const e = await code(a)
      expect(e.message).toMatch(/HTTP 401/)
      expect(e.message).not.toContain('sk-wrong')
      const b = await post(await down.session(), wav(1), undefined, down)
      expect(b.status).toBe(502)
      expect((await code(b)).message).toMatch(/cannot be reached/)
    } finally {
      await wrongKey.close()
      await down.close()
    }
  })

  it('answers 501 transcription_disabled when no transcriber is configured', async () => {
    const plain = await startTestServer({})
    try {
      const res = await post(await plain.session(), wav(1), undefined, plain)
      expect(res.status).toBe(501)
      expect((await code(res)).code).toBe('transcription_disabled')
    } finally {
      await plain.close()
    }
  })
})

describe('a transcriber the server user plugs in', () => {
  it('gets the checked recording, its length, language and user', async () => {
    const seen: TranscriptionInput[] = []
    const own: Transcriber = { transcribe: async (input) => (seen.push(input), { text: `heard ${input.seconds.toFixed(1)} s` }) }
    const t = await startTestServer({ transcription: { transcriber: own } })
    try {
      const res = await post(await t.session('user-z'), wav(1.5), { 'content-type': 'audio/wav', 'accept-language': 'fr' }, t)
      expect(await res.json()).toEqual({ text: 'heard 1.5 s' })
      expect(seen[0]).toMatchObject({ mimeType: 'audio/wav', language: 'fr', seconds: 1.5, user: { assistantId: 'demo', userId: 'user-z' } })
    } finally {
      await t.close()
    }
  })

  it('stops it at timeoutMs (504) with its signal aborted; a plain throw is 502 without its text; a TranscriptionError keeps its text', async () => {
    let aborted: Promise<void> = Promise.resolve()
    const modes = ['hang', 'throw', 'typed'] as const
    let mode: (typeof modes)[number] = 'hang'
    const own: Transcriber = {
      transcribe: ({ signal }) => {
        if (mode === 'throw') throw new Error('internal detail: db password wrong')
        if (mode === 'typed') throw new TranscriptionError('the speech engine is warming up')
        aborted = new Promise((r) => signal.addEventListener('abort', () => r(), { once: true }))
        return new Promise(() => {})
      },
    }
    const t = await startTestServer({ transcription: { transcriber: own, timeoutMs: 200 } })
    try {
      const secret = await t.session()
      const hung = await post(secret, wav(1), undefined, t)
      expect(hung.status).toBe(504)
      expect((await code(hung)).code).toBe('transcription_timeout')
      await aborted
      mode = 'throw'
      const thrown = await post(secret, wav(1), undefined, t)
      expect(thrown.status).toBe(502)
      expect(await code(thrown)).toEqual({ code: 'transcription_failed', message: 'transcription failed', request_id: expect.any(String) })
      expect(t.errors.at(-1)?.error).toContain('db password')
      mode = 'typed'
      const typed = await post(secret, wav(1), undefined, t)
      expect((await code(typed)).message).toBe('transcription failed: the speech engine is warming up')
    } finally {
      await t.close()
    }
  })

  it('counts against the client secret rate limit', async () => {
    const t = await startTestServer({ rateLimit: { perSecond: 0.001, burst: 3 }, transcription: { transcriber: { transcribe: async () => ({ text: 'x' }) } } })
    try {
      const secret = await t.session()
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await post(secret, wav(0.5), undefined, t)).status)
      expect(statuses).toEqual([200, 200, 200, 429])
    } finally {
      await t.close()
    }
  })

  it('is checked when the handler is created', () => {
    const store = new SqliteStore({ filename: ':memory:' })
    const make = (transcription: unknown) => () => createChatKitHandler({ store, agents: [], apiKeys: ['k'.repeat(16)], transcription } as never)
    expect(make({})).toThrow(/transcription.transcriber must be an object with a transcribe\(input\) method/)
    expect(make({ transcriber: { transcribe: async () => ({ text: '' }) }, maxSeconds: 121 })).toThrow(/maxSeconds must be 1..120/)
    expect(make({ transcriber: { transcribe: async () => ({ text: '' }) }, maxBytes: 0 })).toThrow(/maxBytes must be a positive integer/)
    store.close()
  })
})
