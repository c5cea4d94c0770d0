import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startApp } from './app.js'
import { ConfigError, parseAppConfig } from './config.js'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/tmp')
const MB = 1024 * 1024

describe('upload limit flags and env', () => {
  it('read flags first, then env; unset leaves the library defaults', () => {
    expect(parse([])).toMatchObject({ uploads: {} })
    expect(
      parse([
        '--max-files-per-user',
        '7',
        '--max-upload-mb-per-user',
        '30',
        '--max-uploads-at-once',
        '2',
        '--disk-quota-mb',
        '900',
        '--orphan-grace-hours',
        '2',
        '--file-sweep-minutes',
        '0',
      ]),
    ).toMatchObject({
      uploads: {
        maxFilesPerUser: 7,
        maxBytesPerUser: 30 * MB,
        maxConcurrentPerUser: 2,
        diskQuotaBytes: 900 * MB,
        orphanGraceMs: 2 * 3_600_000,
        sweepIntervalMs: 0,
      },
    })
    const env = { CHATKIT_MAX_FILES_PER_USER: '9', CHATKIT_DISK_QUOTA_MB: '5', CHATKIT_FILE_SWEEP_MINUTES: '3' }
    expect(parse(['--max-files-per-user', '8'], env)).toMatchObject({ uploads: { maxFilesPerUser: 8, diskQuotaBytes: 5 * MB, sweepIntervalMs: 3 * 60_000 } })
  })

  it('refuse what is not a whole number in range, naming the flag and the variable', () => {
    for (const [argv, env] of [
      [['--max-files-per-user', '0'], {}],
      [[], { CHATKIT_MAX_UPLOADS_AT_ONCE: 'many' }],
      [['--disk-quota-mb', '1.5'], {}],
      [['--orphan-grace-hours', '-1'], {}],
    ] as const) {
      expect(() => parse([...argv], env)).toThrow(ConfigError)
    }
    expect(() => parse(['--max-uploads-at-once', '0'])).toThrow(
      '--max-uploads-at-once / CHATKIT_MAX_UPLOADS_AT_ONCE: expected a whole number from 1 to 1000, got "0"',
    )
  })

  it('reach the running server: --max-files-per-user 1 refuses a second file for that user', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'chatkit-upload-flags-'))
    mkdirSync(join(tmp, 'frame'))
    writeFileSync(join(tmp, 'frame', 'index.html'), '<!doctype html>')
    const c = parseAppConfig(
      [
        '--port',
        '0',
        '--no-demo',
        '--data-dir',
        join(tmp, 'data'),
        '--api-key',
        'upload-flags-key-0123456789',
        '--allowed-origins',
        'http://127.0.0.1:9',
        '--max-files-per-user',
        '1',
      ],
      { CHATKIT_FRAME_DIR: join(tmp, 'frame') },
      tmp,
    )
    if (c === 'help') throw new Error('help')
    const app = await startApp(c)
    try {
      const session = await (
        await fetch(`${app.urls.api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: 'Bearer upload-flags-key-0123456789', 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id: 'demo' }, user: 'flags' }),
        })
      ).json()
      const upload = () => {
        const form = new FormData()
        form.set('file', new File(['hello'], 'a.txt'))
        return fetch(`${app.urls.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${session.client_secret}` }, body: form })
      }
      expect((await upload()).status).toBe(200)
      const second = await upload()
      expect(second.status).toBe(429)
      expect((await second.json()).error).toMatchObject({ code: 'file_limit', message: expect.stringMatching(/^at most 1 files per user/) })
    } finally {
      await app.stop()
      rmSync(tmp, { recursive: true, force: true })
    }
  })
})
