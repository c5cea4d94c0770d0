import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeWav } from '@xpert-ai/chatkit-protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { startFakeTranscriber, tone } from '../../../e2e/support/fake-transcriber.js'
import { startApp } from './app.js'
import { ConfigError, parseAppConfig, type AppConfig } from './config.js'

const tmp = mkdtempSync(join(tmpdir(), 'chatkit-transcribe-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function parse(argv: string[], env: NodeJS.ProcessEnv = {}): AppConfig {
  const c = parseAppConfig(
    ['--port', '0', '--no-demo', '--data-dir', join(tmp, 'data'), '--api-key', 'k'.repeat(16), ...argv],
    { CHATKIT_FRAME_DIR: tmp, ...env },
    tmp,
  )
  if (c === 'help') throw new Error('help')
  return c
}

describe('dictation flags and env', () => {
  it('configure the OpenAI-compatible transcriber (flags win over env) or a module; none: off', () => {
    expect(parse([]).transcribe).toEqual({ openai: null, modulePath: null, maxSeconds: null })
    expect(
      parse(['--transcribe-url', 'http://127.0.0.1:9000/v1', '--transcribe-model', 'large-v3', '--transcribe-max-seconds', '30'], {
        CHATKIT_TRANSCRIBE_URL: 'http://ignored/v1',
        CHATKIT_TRANSCRIBE_API_KEY: 'sk-env',
      }).transcribe,
    ).toEqual({
      openai: { baseUrl: 'http://127.0.0.1:9000/v1', apiKey: 'sk-env', model: 'large-v3' },
      modulePath: null,
      maxSeconds: 30,
    })
    expect(parse([], { CHATKIT_TRANSCRIBER: 'my-transcriber.mjs' }).transcribe).toEqual({
      openai: null,
      modulePath: join(tmp, 'my-transcriber.mjs'),
      maxSeconds: null,
    })
  })

  it('refuse mistakes with the flag and env name', () => {
    const bad: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--transcribe-url', 'ftp://x'], {}, /--transcribe-url \/ CHATKIT_TRANSCRIBE_URL: expected an http\(s\) URL/],
      [['--transcribe-url', 'http://x/v1', '--transcriber', 'a.mjs'], {}, /choose one transcriber/],
      [['--transcribe-model', 'm'], {}, /needs --transcribe-url/],
      [['--transcribe-url', 'http://x/v1', '--transcribe-max-seconds', '121'], {}, /from 1 to 120, got "121"/],
      [[], { CHATKIT_TRANSCRIBE_MAX_SECONDS: '20' }, /no transcriber is configured/],
    ]
    for (const [argv, env, message] of bad) {
      expect(() => parse(argv, env)).toThrow(ConfigError)
      expect(() => parse(argv, env)).toThrow(message)
    }
  })
})

describe('the app with a transcriber', () => {
  const wav = encodeWav(tone(1), 16_000)
  async function transcribe(config: AppConfig, seconds = 1): Promise<{ status: number; body: { text?: string; error?: { code: string } } }> {
    const app = await startApp(config)
    try {
      const s = await fetch(`${app.urls.api}/v1/chatkit/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${'k'.repeat(16)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assistant: { id: 'demo' }, user: 'u' }),
      })
      const { client_secret } = (await s.json()) as { client_secret: string }
      const res = await fetch(`${app.urls.api}/audio/transcriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client_secret}`, 'content-type': 'audio/wav' },
        body: seconds === 1 ? wav : encodeWav(tone(seconds), 16_000),
      })
      return { status: res.status, body: await res.json() }
    } finally {
      await app.stop()
    }
  }

  it('--transcribe-url / key / model reach the OpenAI-compatible server; --transcribe-max-seconds bounds it', async () => {
    const fake = await startFakeTranscriber({ apiKey: 'sk-test', model: 'large-v3', text: 'from the cli' })
    try {
      const c = parse(['--transcribe-url', fake.baseUrl, '--transcribe-model', 'large-v3', '--transcribe-max-seconds', '2'], {
        CHATKIT_TRANSCRIBE_API_KEY: 'sk-test',
      })
      expect(await transcribe(c)).toEqual({ status: 200, body: { text: 'from the cli' } })
      expect((await transcribe(c, 2.5)).body.error?.code).toBe('audio_too_long')
    } finally {
      await fake.close()
    }
  })

  it('--transcriber loads the user module; a module that is not a transcriber is refused at startup', async () => {
    writeFileSync(join(tmp, 'own.mjs'), "export default { async transcribe(input) { return { text: 'own ' + input.seconds + ' s' } } }")
    expect(await transcribe(parse(['--transcriber', 'own.mjs']))).toEqual({ status: 200, body: { text: 'own 1 s' } })
    writeFileSync(join(tmp, 'bad.mjs'), 'export default { hello() {} }')
    await expect(startApp(parse(['--transcriber', 'bad.mjs']))).rejects.toThrow(/--transcriber .*bad\.mjs: export a transcriber as default/)
  })

  it('without one the endpoint answers 501 transcription_disabled', async () => {
    expect(await transcribe(parse([]))).toMatchObject({ status: 501, body: { error: { code: 'transcription_disabled' } } })
  })
})
