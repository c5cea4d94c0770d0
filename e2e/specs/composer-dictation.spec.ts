/**
 * Dictation in real Chromium: the microphone is Chromium's fake audio device playing a WAV this
 * spec writes, the server is the built CLI configured with --transcribe-url, and the transcriber
 * is a local fake speaking the real multipart /v1/audio/transcriptions format. The text lands in
 * the composer and is not sent; each failure shows its own sentence.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { encodeWav } from '@xpert-ai/chatkit-protocol'
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'
import { axeViolations } from '../support/axe.js'
import { startFakeTranscriber, tone, type FakeTranscriber } from '../support/fake-transcriber.js'
import { frameOf, openHost, type Host } from '../support/host.js'
import { startOwnServer, type OwnServer } from '../support/own-server.js'
import { E2E } from '../support/ports.js'

const SERVER_PORT = E2E.extraPort(0)
const HOST_PORT = E2E.extraPort(1)
const KEY = 'sk-e2e-transcriber'
const MODEL = 'whisper-e2e'
const TEXT = 'hello from the fake transcriber'
/**
 * The server transcribes at most this long (--transcribe-max-seconds): well above the 1 s
 * recordings, so a slow click on a loaded machine never makes one too long.
 */
const MAX_SECONDS = 8

let fake: FakeTranscriber
let own: OwnServer
let dir: string
let voiceWav: string
let silentWav: string

test.beforeAll(async () => {
  fake = await startFakeTranscriber({ apiKey: KEY, model: MODEL, text: TEXT })
  own = await startOwnServer({
    port: SERVER_PORT,
    allowedOrigins: [`http://127.0.0.1:${HOST_PORT}`],
    env: {
      CHATKIT_TRANSCRIBE_URL: fake.baseUrl,
      CHATKIT_TRANSCRIBE_API_KEY: KEY,
      CHATKIT_TRANSCRIBE_MODEL: MODEL,
      CHATKIT_TRANSCRIBE_MAX_SECONDS: String(MAX_SECONDS),
    },
  })
  dir = mkdtempSync(path.join(os.tmpdir(), 'chatkit-dictation-'))
  // A warbling tone (speech-like loudness changes) and plain silence, 48 kHz 16-bit mono: what the
  // fake device plays, in a loop.
  const voice = tone(3, 0.6, 440, 48_000).map((v, i) => Math.round(v * (0.55 + 0.45 * Math.sin((2 * Math.PI * 4 * i) / 48_000))))
  voiceWav = path.join(dir, 'voice.wav')
  silentWav = path.join(dir, 'silence.wav')
  writeFileSync(voiceWav, encodeWav(voice, 48_000))
  writeFileSync(silentWav, encodeWav(new Int16Array(48_000 * 3), 48_000))
})
test.afterAll(async () => {
  await own?.dispose()
  await fake?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const fakeMic = (wav: string) => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`]

/** A Chromium of its own (the microphone flags are per browser), with a host page embedding the frame. */
async function withHost(args: string[], run: (h: Host) => Promise<void>, options: Record<string, unknown> = { composer: { dictation: { enabled: true } } }) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs(), ...args] })
  let host: Host | null = null
  try {
    const page: Page = await (await browser.newContext()).newPage()
    host = await openHost(page, { at: HOST_PORT, server: own.origin, options })
    await run(host)
  } finally {
    await host?.close()
    await browser.close()
  }
}

const textbox = (h: Host) => h.frame.getByRole('textbox', { name: 'Message' })
const micButton = (h: Host) => h.frame.getByRole('button', { name: 'Dictate' })

/** Presses the mic, waits until the meter moved and at least `seconds` are on the clock, presses Stop. */
async function record(h: Host, seconds: number, heard = true, whileRecording?: () => Promise<void>) {
  await micButton(h).click()
  if (heard) await expect(h.frame.getByRole('meter', { name: 'Microphone level' })).not.toHaveAttribute('aria-valuenow', '0')
  await whileRecording?.()
  const clock = async () => {
    const [m, s] = ((await h.frame.getByRole('timer').textContent()) ?? '0:00').split(':').map(Number)
    return m * 60 + s
  }
  await expect.poll(clock, { timeout: (seconds + 10) * 1000 }).toBeGreaterThanOrEqual(seconds)
  await h.frame.getByRole('button', { name: 'Stop and transcribe' }).click()
}

/** A WAV's format and length, read from its header. */
function wavInfo(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return {
    channels: v.getUint16(22, true),
    rate: v.getUint32(24, true),
    bits: v.getUint16(34, true),
    seconds: v.getUint32(40, true) / 2 / v.getUint32(24, true),
  }
}

test('dictated text lands in the composer for review, joined to what was typed, and is not sent', async () => {
  await withHost(fakeMic(voiceWav), async (h) => {
    const before = fake.received.length
    await textbox(h).fill('Note:')
    await record(h, 1, true, () => expect(micButton(h)).toHaveAttribute('aria-pressed', 'true'))
    await expect(textbox(h)).toHaveValue(`Note: ${TEXT}`)
    await expect(textbox(h)).toBeFocused()
    // The transcriber got one 16 kHz mono 16-bit WAV about as long as the recording, in the real multipart format.
    expect(fake.received.length).toBe(before + 1)
    const got = fake.received.at(-1)!
    expect(got).toMatchObject({ model: MODEL, fileName: 'dictation.wav', fileType: 'audio/wav', language: 'en', responseFormat: 'json' })
    const info = wavInfo(got.bytes)
    expect(info).toMatchObject({ channels: 1, rate: 16_000, bits: 16 })
    expect(info.seconds).toBeGreaterThan(0.9)
    expect(info.seconds).toBeLessThan(MAX_SECONDS)
    // Not sent: no user message, no response started. The user sends it, and then it goes.
    expect(await h.frame.locator('article[data-message-role="user"]').count()).toBe(0)
    expect((await h.events()).map((e) => e.name)).not.toContain('response.start')
    await textbox(h).press('Enter')
    await expect(h.frame.locator('article[data-message-role="user"] .ck-user-text')).toHaveText(`Note: ${TEXT}`)
  })
})

test('a failing transcriber (HTTP 500) and a recording past the server limit each say so; the composer keeps its text', async () => {
  await withHost(fakeMic(voiceWav), async (h) => {
    await textbox(h).fill('draft')
    fake.answer = { status: 500 }
    try {
      const before = fake.received.length
      await record(h, 1)
      await expect(h.frame.getByRole('alert')).toHaveText('Transcription failed. Try again.')
      expect(fake.received.length).toBe(before + 1)
      expect(await axeViolations(frameOf(h.page)), 'error').toEqual([])
    } finally {
      fake.answer = { text: TEXT }
    }
    await h.frame.getByRole('button', { name: 'Dismiss' }).click()
    await expect(h.frame.getByRole('alert')).toHaveCount(0)

    // Past --transcribe-max-seconds the server answers 413 audio_too_long without calling the transcriber.
    const before = fake.received.length
    // (This recording is meant to run long: the accessibility check of the recording bar goes here.)
    await record(h, MAX_SECONDS + 1, true, async () => expect(await axeViolations(frameOf(h.page)), 'recording').toEqual([]))
    await expect(h.frame.getByRole('alert')).toHaveText('The recording is too long. Try a shorter one.')
    expect(fake.received.length).toBe(before)
    await expect(textbox(h)).toHaveValue('draft')
    const log = await h.eventsNamed('log')
    expect(log).toEqual([
      { name: 'dictation.error', data: { reason: 'failed', code: 'transcription_failed' } },
      { name: 'dictation.error', data: { reason: 'tooLong', code: 'audio_too_long' } },
    ])
  })
})

test('an empty (silent) recording is not sent and says nothing was heard', async () => {
  await withHost(fakeMic(silentWav), async (h) => {
    const before = fake.received.length
    await record(h, 1, false)
    await expect(h.frame.getByRole('alert')).toHaveText('Nothing was heard. Try again closer to the microphone.')
    expect(fake.received.length).toBe(before)
    await expect(textbox(h)).toHaveValue('')
  })
})

test('no microphone: a clear error, in the user’s language', async () => {
  // No fake device, and this machine has no sound card: getUserMedia finds nothing.
  await withHost(['--use-fake-ui-for-media-stream'], async (h) => {
    await micButton(h).click()
    await expect(h.frame.getByRole('alert')).toHaveText('No microphone was found.')
  })
  await withHost(
    ['--use-fake-ui-for-media-stream'],
    async (h) => {
      await h.frame.getByRole('button', { name: 'Diktieren' }).click()
      await expect(h.frame.getByRole('alert')).toHaveText('Es wurde kein Mikrofon gefunden. Schließe eines an und versuche es erneut.')
    },
    { locale: 'de', composer: { dictation: { enabled: true } } },
  )
})

test('a denied permission: a clear error, and nothing recorded', async () => {
  const before = fake.received.length
  await withHost(['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${voiceWav}`, '--deny-permission-prompts'], async (h) => {
    await micButton(h).click()
    await expect(h.frame.getByRole('alert')).toHaveText('Microphone access was denied. Allow it for this site in your browser to dictate.')
    await expect(micButton(h)).toHaveAttribute('aria-pressed', 'false')
  })
  expect(fake.received.length).toBe(before)
})

test('without composer.dictation the composer has no mic button', async () => {
  await withHost(
    fakeMic(voiceWav),
    async (h) => {
      await expect(textbox(h)).toBeVisible()
      await expect(h.frame.getByRole('button', { name: 'Send' })).toBeVisible()
      await expect(micButton(h)).toHaveCount(0)
      expect(await h.page.locator('xpertai-chatkit iframe').getAttribute('allow')).toBe('clipboard-write')
    },
    {},
  )
})
