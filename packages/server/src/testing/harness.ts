import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CreateSessionResponse } from '@xpert-ai/chatkit-protocol'
import {
  DiskBlobStore,
  createChatKitHandler,
  createDemoAgent,
  serveNode,
  SqliteRunEventLog,
  SqliteStore,
  type Agent,
  type ChatKitHandlerConfig,
  type RunEventLog,
  type Store,
} from '@xpert-ai/chatkit-server'

/** Upload settings on top of the harness's blob store in `<dir>/files`. */
export type UploadLimits = Omit<NonNullable<ChatKitHandlerConfig['files']>, 'blobs'>

export const API_KEY = 'test-api-key-0123456789abcdef'

/** Another store + event log for every test server (the route suites on PostgreSQL + Redis). */
export type TestBackend = { name: string; open(dir: string): Promise<{ store: Store; eventLog: RunEventLog; close(): Promise<void> }> }
let backend: TestBackend | null = null

/**
 * Makes every later `startTestServer` run on `b` (null: SQLite again). Tests that reach into
 * SQLite itself (`store.db`) only make sense on the default backend.
 */
export function useTestBackend(b: TestBackend | null): void {
  backend = b
}

/** A mutable clock: tests move time forward instead of sleeping. */
export function testClock(start = Date.parse('2025-01-01T00:00:00Z')) {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms) }
}

/**
 * A real server for integration tests: SQLite in a temp dir, the handler on node:http at a
 * random port, the demo agent with a short delay, uploads in `<dir>/files`. Run events go to the
 * in-memory log unless `sqliteEventLog` asks for the self-hosted app's SQLite log (group commit per
 * tick), or `useTestBackend` set another backend for all of them.
 */
export async function startTestServer(
  overrides: Partial<ChatKitHandlerConfig> & { extraAgents?: Agent[]; delayMs?: number; sqliteEventLog?: boolean; uploadLimits?: UploadLimits } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'chatkit-server-test-'))
  const clock = testClock()
  const { extraAgents = [], delayMs = 1, sqliteEventLog = false, uploadLimits = {}, ...rest } = overrides
  const other = backend ? await backend.open(dir) : null
  // Typed as the default SQLite store so SQLite-only tests keep reaching `store.db`.
  const store = other ? (other.store as SqliteStore) : new SqliteStore({ dataDir: dir })
  const sqliteLog = !other && sqliteEventLog ? new SqliteRunEventLog(store.db) : null
  const eventLog = other?.eventLog ?? sqliteLog
  /** What the server logged through `onError` (a failed run's full text sits here under its reference). */
  const errors: { message: string; error: string }[] = []
  const handler = createChatKitHandler({
    ...(eventLog ? { eventLog } : {}),
    store,
    agents: [createDemoAgent({ delayMs }), ...extraAgents],
    apiKeys: [API_KEY],
    allowedOrigins: 'http://127.0.0.1:8788',
    clock,
    onError: (message, error) => void errors.push({ message, error: error instanceof Error ? error.message : String(error) }),
    files: { blobs: new DiskBlobStore(join(dir, 'files')), ...uploadLimits },
    rateLimit: false,
    sessionFailureLimit: false,
    onWarning: () => {},
    ...rest,
  })
  const server = await serveNode(handler, { port: 0 })
  const api = `${server.url}/api/ai`

  async function session(user = 'user-a', assistant = 'demo', extra: Record<string, unknown> = {}): Promise<string> {
    const res = await fetch(`${api}/v1/chatkit/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ assistant: { id: assistant }, user, ...extra }),
    })
    if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`)
    return ((await res.json()) as CreateSessionResponse).client_secret
  }

  /** A JSON call with a client secret. */
  function call(secret: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  async function thread(secret: string): Promise<string> {
    const res = await call(secret, 'POST', '/threads', { assistant_id: 'demo' })
    return ((await res.json()) as { thread_id: string }).thread_id
  }

  function runBody(text: string) {
    return { assistant_id: 'demo', input: { input: { input: text }, state: { human: { input: text } } }, on_disconnect: 'continue' }
  }

  async function close() {
    await handler.shutdown(2000)
    await server.close()
    sqliteLog?.dispose()
    await (other ? other.close() : store.close())
    rmSync(dir, { recursive: true, force: true })
  }

  return { dir, store, clock, handler, server, api, session, call, thread, runBody, close, errors }
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>
