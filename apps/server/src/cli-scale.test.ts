import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS, migrate, PostgresStore, SCHEMA_VERSION } from '@xpert-ai/chatkit-server-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../scripts/services.mjs'
import { CLI, openThread, startCli } from './cli-process.js'
import { ConfigError, parseAppConfig } from './config.js'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAppConfig(argv, env, '/srv') as Exclude<ReturnType<typeof parseAppConfig>, 'help'>

describe('--database-url / --redis-url', () => {
  it('neither: SQLite as before; both: the scale backends, from flags or env', () => {
    expect(parse([]).scale).toBeNull()
    expect(parse(['--database-url', 'postgres://u:p@db:5432/chat', '--redis-url', 'redis://r:6379']).scale).toEqual({
      databaseUrl: 'postgres://u:p@db:5432/chat',
      redisUrl: 'redis://r:6379',
    })
    expect(parse([], { CHATKIT_DATABASE_URL: 'postgresql://db/chat', CHATKIT_REDIS_URL: 'rediss://r' }).scale).toEqual({
      databaseUrl: 'postgresql://db/chat',
      redisUrl: 'rediss://r',
    })
  })

  it('refuses one without the other, and URLs of the wrong kind, without printing a password', () => {
    expect(() => parse(['--database-url', 'postgres://db/chat'])).toThrow(
      new ConfigError('--database-url / CHATKIT_DATABASE_URL needs --redis-url / CHATKIT_REDIS_URL too (run events must be shared between replicas)'),
    )
    expect(() => parse([], { CHATKIT_REDIS_URL: 'redis://r' })).toThrow(/needs --database-url/)
    expect(() => parse(['--database-url', 'mysql://u:secret@db/x', '--redis-url', 'redis://r'])).toThrow(
      'expected postgres://user:password@host:port/database, got "mysql://u:***@db/x"',
    )
    expect(() => parse(['--database-url', 'postgres://db/x', '--redis-url', 'http://r'])).toThrow(/--redis-url .*expected redis:\/\/host:port/)
  })
})

/** Runs the CLI expecting it to fail at startup; returns its exit code and output. */
function failedStart(args: string[]): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-cli-scale-'))
  const child = spawn(process.execPath, [CLI, '--port', '0', '--no-demo', '--data-dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true })
      resolve({ code, out })
    }),
  )
}

describe('chatkit-server on PostgreSQL + Redis (real services)', () => {
  let pg: Postgres
  let redis: Redis
  beforeAll(async () => void ([pg, redis] = await Promise.all([startPostgres(), startRedis()])), 60_000)
  afterAll(async () => Promise.all([pg?.stop(), redis?.stop()]))

  it('serves a run stored in PostgreSQL, its events in Redis, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-cli-scale-'))
    const { child, api, key, exited, output } = await startCli(dir, { extraArgs: ['--database-url', pg.url, '--redis-url', redis.url] })
    try {
      expect(output()).toMatch(/note\s+PostgreSQL store and Redis run-event log/)
      const { auth, threadId } = await openThread({ api, key })
      const res = await fetch(`${api}/threads/${threadId}/runs/stream`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ input: { input: { input: 'hello' } } }),
      })
      const text = await res.text()
      expect(text.trimEnd().split('\n').at(-1)).toBe(`data: {"type":"event","event":"on_conversation_end","data":{"id":"${threadId}","status":"idle"}}`)
      const runId = res.headers.get('x-run-id')!
      const keys = await fetch(`${api}/threads/${threadId}/runs/${runId}/stream`, { headers: { ...auth, 'last-event-id': '1-0' } })
      expect(await keys.text()).toMatch(/^id: 2-0\n/)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      const store = await PostgresStore.connect({ url: pg.url })
      const { items } = await store.messages.list(threadId, 10, 0)
      expect(items.map((m) => [m.role, m.status])).toEqual([
        ['human', 'success'],
        ['ai', 'success'],
      ])
      await store.close()
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('one clear line and exit 1, no stack, when PostgreSQL or Redis cannot be used', async () => {
    const cases = [
      [
        ['--database-url', 'postgres://postgres@127.0.0.1:1/chatkit', '--redis-url', redis.url],
        'chatkit-server: PostgreSQL at 127.0.0.1:1/chatkit: connection refused (is PostgreSQL running there?)',
      ],
      [['--database-url', pg.url, '--redis-url', 'redis://127.0.0.1:1'], 'chatkit-server: Redis at 127.0.0.1:1: connection refused (is Redis running there?)'],
    ] as const
    const newer = await pg.database('newer_cli')
    const s = await PostgresStore.connect({ url: newer })
    await migrate(s.db.sql, 'now', [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'future', sql: 'SELECT 1' }])
    await s.close()
    const all = [
      ...cases,
      [
        ['--database-url', newer, '--redis-url', redis.url],
        `chatkit-server: 127.0.0.1:${pg.port}/newer_cli: PostgreSQL schema version ${SCHEMA_VERSION + 1} is newer than this server supports (${SCHEMA_VERSION}); upgrade the server`,
      ],
    ] as const
    for (const [args, line] of all) {
      const { code, out } = await failedStart([...args])
      expect(code).toBe(1)
      expect(out.trim()).toBe(line)
    }
  })
})
