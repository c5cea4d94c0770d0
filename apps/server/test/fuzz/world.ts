import { sendRaw, type RawResponse } from './raw-http.js'

export const API = '/api/ai'

export type CallOptions = { secret?: string; json?: unknown; headers?: [string, string][]; body?: Buffer | string; contentType?: string; localAddress?: string }

/** What the fuzzer knows exists: users, their secrets and their threads, runs, messages, files. */
export type UserName = 'alice' | 'bob' | 'aliceOnDemo'

type Pool = { assistant: string; user: string; secret: string; uses: number }

/** Secrets are rotated before the per-secret rate limit (bursts of 100) would answer 429. */
const USES_PER_SECRET = 60

/**
 * The valid side of the fuzz run: a few users with real sessions and real data, created through
 * the API itself. Alice's thread titles and message texts carry `marker`, so any response to a
 * request that is not Alice's that contains it is a leak.
 */
export class World {
  readonly marker: string
  /** Alice's threads that fuzzed runs go to (retries there replace answers). */
  readonly threads: string[] = []
  /** Alice's thread no run is ever sent to: its messages and run stay put for the targets naming them. */
  quietThread = ''
  readonly disposable: string[] = []
  readonly runs: { threadId: string; runId: string }[] = []
  readonly aiMessages: { threadId: string; messageId: string }[] = []
  readonly humanMessages: { threadId: string; messageId: string }[] = []
  readonly files: string[] = []
  readonly bob = { threads: [] as string[], files: [] as string[] }
  expiredSecret = ''
  /** Requests the world sent itself (sessions, fixtures, valid checks), and how many got a 5xx. */
  requests = 0
  fiveXX = 0
  private readonly pools = new Map<UserName, Pool>()

  constructor(
    readonly port: number,
    readonly apiKey: string,
    seed: number,
  ) {
    this.marker = `aliceprivate${seed.toString(16)}x`
  }

  call(method: string, path: string, o: CallOptions = {}): Promise<RawResponse & { json?: any }> {
    this.requests++
    const headers: [string, string][] = [
      ['host', `127.0.0.1:${this.port}`],
      ['connection', 'close'],
    ]
    if (o.secret) headers.push(['authorization', `Bearer ${o.secret}`])
    let body: Buffer | undefined
    if (o.json !== undefined) {
      body = Buffer.from(JSON.stringify(o.json))
      headers.push(['content-type', 'application/json'])
    } else if (o.body !== undefined) {
      body = Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body)
      headers.push(['content-type', o.contentType ?? 'application/octet-stream'])
    }
    if (body) headers.push(['content-length', String(body.length)])
    headers.push(...(o.headers ?? []))
    return sendRaw(this.port, { method, target: API + path, headers, body, localAddress: o.localAddress }).then((res) => {
      if (res.status >= 500) this.fiveXX++
      const ct = res.headers['content-type']?.[0] ?? ''
      if (!ct.startsWith('application/json')) return res
      try {
        return { ...res, json: JSON.parse(res.body.toString('utf8')) }
      } catch {
        return res
      }
    })
  }

  async newSecret(user: string, assistant: string, expiresAfter?: number): Promise<string> {
    // The host's backend mints from its own address: the hostile traffic (127.0.0.1) guessing API
    // keys gets throttled, as it should, without locking the backend out.
    const res = await this.call('POST', '/v1/chatkit/sessions', {
      secret: this.apiKey,
      localAddress: '127.0.0.2',
      json: { assistant: { id: assistant }, user, ...(expiresAfter ? { expires_after: expiresAfter } : {}) },
    })
    if (res.status !== 200) throw new Error(`session for ${user}: ${res.status} ${res.body}`)
    return res.json.client_secret
  }

  /** A live secret of `who`, fresh enough to stay under the rate limit. */
  async secret(who: UserName): Promise<string> {
    let p = this.pools.get(who)
    if (!p || p.uses >= USES_PER_SECRET) {
      const [user, assistant] = who === 'alice' ? ['alice', 'fuzz'] : who === 'bob' ? ['bob', 'fuzz'] : ['alice', 'demo']
      p = { user, assistant, secret: await this.newSecret(user, assistant), uses: 0 }
      this.pools.set(who, p)
    }
    p.uses++
    return p.secret
  }

  /** True when `secret` is one of Alice's on the fuzz assistant (the only one allowed to see her data). */
  isAlice(secret: string | undefined): boolean {
    return !!secret && this.aliceSecrets.has(secret)
  }
  private readonly aliceSecrets = new Set<string>()

  async aliceSecret(): Promise<string> {
    const s = await this.secret('alice')
    this.aliceSecrets.add(s)
    return s
  }

  async createThread(who: 'alice' | 'bob', disposable = false): Promise<string> {
    const secret = who === 'alice' ? await this.aliceSecret() : await this.secret('bob')
    const title = who === 'alice' ? `${this.marker} thread` : 'bob thread'
    const res = await this.call('POST', '/threads', { secret, json: { metadata: { title } } })
    if (res.status !== 200) throw new Error(`create thread: ${res.status} ${res.body}`)
    const id: string = res.json.thread_id
    if (who === 'bob') this.bob.threads.push(id)
    else (disposable ? this.disposable : this.threads).push(id)
    return id
  }

  /** Streams one run to its end; returns the SSE text and the run id. */
  async run(threadId: string, text: string, secret?: string): Promise<{ status: number; sse: string; runId: string | undefined }> {
    const res = await this.call('POST', `/threads/${threadId}/runs/stream`, {
      secret: secret ?? (await this.aliceSecret()),
      json: { input: { input: { input: text } } },
    })
    const sse = res.body.toString('utf8')
    const runId = res.headers['x-run-id']?.[0]
    return { status: res.status, sse, runId }
  }

  /** Reloads the ids of Alice's messages on `threadId`. */
  async loadMessages(threadId: string): Promise<{ role: string; content: unknown }[]> {
    const res = await this.call('GET', `/conversations/${threadId}/messages?limit=200`, { secret: await this.aliceSecret() })
    if (res.status !== 200) throw new Error(`messages: ${res.status} ${res.body}`)
    for (const m of res.json.items) {
      const list = m.role === 'ai' ? this.aiMessages : this.humanMessages
      if (!list.some((x) => x.messageId === m.id)) list.push({ threadId, messageId: m.id })
    }
    return res.json.items
  }

  async upload(who: 'alice' | 'bob', content: string, name = 'note.txt'): Promise<string> {
    const secret = who === 'alice' ? await this.aliceSecret() : await this.secret('bob')
    const boundary = 'fuzzboundary' + Math.random().toString(16).slice(2)
    const body = multipart(boundary, [
      { name: 'file', filename: name, type: 'text/plain', data: content },
      { name: 'purpose', data: 'chat_attachment' },
    ])
    const res = await this.call('POST', '/contexts/file', { secret, body, contentType: `multipart/form-data; boundary=${boundary}` })
    if (res.status !== 200) throw new Error(`upload: ${res.status} ${res.body}`)
    ;(who === 'alice' ? this.files : this.bob.files).push(res.json.id)
    return res.json.id
  }

  /** Fixtures: threads with finished runs (so messages, runs and events exist), files, an expired secret. */
  async setUp(): Promise<void> {
    this.expiredSecret = await this.newSecret('alice', 'fuzz', 1)
    for (let i = 0; i < 4; i++) {
      const t = await this.createThread('alice')
      const r = await this.run(t, `${this.marker} question ${i}`)
      if (r.status !== 200 || !r.runId) throw new Error(`fixture run: ${r.status} ${r.sse}`)
      this.runs.push({ threadId: t, runId: r.runId })
      if (i === 3) {
        this.quietThread = this.threads.pop()!
        await this.loadMessages(t)
      }
    }
    await this.upload('alice', `${this.marker} file`)
    const bt = await this.createThread('bob')
    await this.run(bt, 'bob question', await this.secret('bob'))
    await this.upload('bob', 'bob file')
    // The expired secret (1 s) must be past its expiry before the fuzzing starts.
    await new Promise((r) => setTimeout(r, 1100))
  }
}

export type Part = { name: string; filename?: string; type?: string; data: string | Buffer }

export function multipart(boundary: string, parts: Part[]): Buffer {
  const out: Buffer[] = []
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`
    out.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disp}\r\n${p.type ? `content-type: ${p.type}\r\n` : ''}\r\n`, 'utf8'))
    out.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'))
    out.push(Buffer.from('\r\n'))
  }
  out.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(out)
}
