import type { Target } from './endpoints.js'
import { hostileString, hostileValue, malformedJson, mutateAtRandomField } from './hostile-values.js'
import type { Rng } from './prng.js'
import type { RawRequest } from './raw-http.js'
import { API, multipart, type World } from './world.js'

export const STRATEGIES = ['valid', 'auth', 'json-malformed', 'json-types', 'huge', 'content-type', 'multipart', 'path', 'header', 'method', 'query'] as const
export type Strategy = (typeof STRATEGIES)[number]

/** One request to send and what must hold for its answer (beyond the global rules). */
export type FuzzCase = {
  endpoint: string
  strategy: Strategy
  variant: string
  req: RawRequest
  /** The secret sent (to tell whether the caller may see Alice's data). */
  secret?: string
  /** The request is incomplete or oversized: the server may close without answering. */
  allowDrop?: boolean
  /** Exact statuses required, when the case is precise enough to know. */
  expect?: number[]
  /** The request stays inside the API (so a 4xx must be the API's JSON error). */
  inApi: boolean
}

const HUGE = Buffer.alloc(6 * 1024 * 1024, 'a')
const DEEP = '\u0001deep\u0001'

type Built = { headers: [string, string][]; body?: Buffer }

function bodyOf(t: Target): Built {
  if (!t.body) return { headers: [] }
  if (t.body.kind === 'json') {
    const b = Buffer.from(JSON.stringify(t.body.value))
    return { headers: [['content-type', 'application/json']], body: b }
  }
  return { headers: [['content-type', `multipart/form-data; boundary=${t.body.boundary}`]], body: t.body.bytes }
}

function request(w: World, method: string, path: string, auth: [string, string][], built: Built, extra: [string, string][] = [], rawPath = false): RawRequest {
  const headers: [string, string][] = [['Host', `127.0.0.1:${w.port}`], ['Connection', 'close'], ...auth, ...built.headers]
  if (built.body) headers.push(['Content-Length', String(built.body.length)])
  headers.push(...extra)
  return { method, target: rawPath ? path : API + path, headers, body: built.body }
}

export async function buildCase(strategy: Strategy, t: Target, w: World, r: Rng): Promise<FuzzCase> {
  const secret = t.auth === 'apiKey' ? w.apiKey : await w.aliceSecret()
  const auth: [string, string][] = [['Authorization', `Bearer ${secret}`]]
  const c = (variant: string, req: RawRequest, more: Partial<FuzzCase> = {}): FuzzCase => ({
    endpoint: t.endpoint, strategy, variant, req, secret, inApi: true, ...more,
  })
  const built = bodyOf(t)
  switch (strategy) {
    case 'valid':
      return c('as is', request(w, t.method, t.path, auth, built), { expect: t.okStatuses })

    case 'auth': {
      const variant = r.pick(['missing', 'forged', 'expired', 'other user', 'other assistant', 'malformed', 'api key as secret', 'secret as api key', 'x-api-key only', 'two secrets'] as const)
      let headers: [string, string][] = []
      let sent: string | undefined
      let expect: number[] | undefined
      switch (variant) {
        case 'missing': expect = [401]; break
        case 'forged': sent = 'cs-x-' + r.hex(64); expect = [401]; break
        case 'expired': sent = w.expiredSecret; expect = [401]; break
        case 'malformed': sent = r.pick(['cs-x-', 'cs-x-' + r.hex(63), 'cs-x-' + r.hex(64).toUpperCase(), 'x'.repeat(5000), 'null', '"' + secret + '"']); expect = [401]; break
        case 'api key as secret': sent = w.apiKey; expect = t.auth === 'apiKey' ? undefined : [401]; break
        case 'secret as api key': sent = await w.aliceSecret(); expect = t.auth === 'apiKey' ? [401] : undefined; break
        case 'other user': sent = await w.secret('bob'); expect = t.auth === 'apiKey' ? [401] : t.owned ? [404] : undefined; break
        case 'other assistant': sent = await w.secret('aliceOnDemo'); expect = t.auth === 'apiKey' ? [401] : t.owned ? [404] : undefined; break
        case 'x-api-key only': sent = secret; headers = [['x-api-key', secret]]; break
        case 'two secrets': sent = await w.secret('bob'); headers = [['Authorization', `Bearer ${sent}`], ['Authorization', `Bearer ${secret}`]]; break
      }
      if (sent !== undefined && !headers.length) headers = [[r.pick(['Authorization', 'authorization', 'AUTHORIZATION']), `${r.pick(['Bearer', 'bearer', 'Bearer  '])} ${sent}`]]
      return { ...c(variant, request(w, t.method, t.path, headers, built), { expect }), secret: variant === 'x-api-key only' ? secret : sent }
    }

    case 'json-malformed': {
      const valid = t.body?.kind === 'json' ? JSON.stringify(t.body.value) : '{"a":1}'
      const body = malformedJson(r, valid)
      const b = Buffer.isBuffer(body) ? body : Buffer.from(body)
      return c('malformed', request(w, t.method, t.path, auth, { headers: [['content-type', 'application/json']], body: b }))
    }

    case 'json-types': {
      const valid = t.body?.kind === 'json' ? t.body.value : {}
      // Very deep values are spliced in as text: building them as objects would overflow here.
      const deep = r.chance(0.1) ? r.pick([130, 5000, 100_000]) : 0
      const text = JSON.stringify(mutateAtRandomField(r, valid, deep ? DEEP : hostileValue(r))) ?? 'null'
      const body = Buffer.from(deep ? text.replace(JSON.stringify(DEEP), '{"a":'.repeat(deep) + '1' + '}'.repeat(deep)) : text)
      return c(deep ? `nested ${deep} deep` : 'wrong type', request(w, t.method, t.path, auth, { headers: [['content-type', 'application/json']], body }))
    }

    case 'huge': {
      const size = r.int(3, 6) * 1024 * 1024
      const payload = Buffer.concat([Buffer.from('{"x":"'), HUGE.subarray(0, size), Buffer.from('"}')])
      const ct: [string, string] = t.body?.kind === 'multipart' ? ['content-type', `multipart/form-data; boundary=${t.body.boundary}`] : ['content-type', 'application/json']
      const variant = r.pick(['content-length', 'chunked', 'understated length'] as const)
      if (variant === 'content-length') return c(variant, request(w, t.method, t.path, auth, { headers: [ct], body: payload }), { allowDrop: true })
      if (variant === 'chunked') {
        const chunked = Buffer.concat([Buffer.from(payload.length.toString(16) + '\r\n'), payload, Buffer.from('\r\n0\r\n\r\n')])
        const x = request(w, t.method, t.path, auth, { headers: [ct, ['Transfer-Encoding', 'chunked']] })
        return c(variant, { ...x, body: chunked }, { allowDrop: true })
      }
      // Says 10 bytes, sends megabytes: the rest is parsed as a (garbage) next request.
      const req = request(w, t.method, t.path, auth, { headers: [ct] }, [['Content-Length', '10']])
      return c(variant, { ...req, body: payload }, { allowDrop: true })
    }

    case 'content-type': {
      const type = r.pick(['', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/jsonx', 'application/json\u0000', '*/*', 'x'.repeat(2000), 'application/problem+json', 'APPLICATION/JSON'])
      const body = built.body ?? Buffer.from('{}')
      const headers: [string, string][] = type ? [['content-type', type]] : []
      return c(type.slice(0, 40) || 'none', request(w, t.method, t.path, auth, { headers, body }))
    }

    case 'multipart':
      return c(...badMultipart(w, t, r, auth))

    case 'path': {
      const [variant, path] = pathTrick(w, t, r)
      const full = path.startsWith('/') || path === '*' || path.startsWith('http') ? path : API + path
      let inApi = true
      try {
        inApi = /^\/api\/ai(\/|$)/.test(new URL(full, 'http://h').pathname)
      } catch {
        // Unparsable targets never reach a route.
      }
      return c(variant, request(w, t.method, full, auth, built, [], true), { inApi })
    }

    case 'header':
      return c(...headerTrick(w, t, r, auth, built))

    case 'method': {
      const method = r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'FOO', 'get', 'M-SEARCH', 'PURGE'].filter((m) => m !== t.method))
      // A DELETE may hit a real thread: it must be a disposable one, never a fixture.
      const path = method === 'DELETE' ? await disposablePath(w, t.path) : t.path
      const extra: [string, string][] = method === 'OPTIONS' && r.chance(0.5) ? [['Origin', r.pick(['http://evil.example', 'null', 'http://127.0.0.1:9'])], ['Access-Control-Request-Method', 'POST']] : []
      return c(method, request(w, method, path, auth, built, extra))
    }

    case 'query': {
      const q = r.pick(['limit=-1', 'limit=1e9', 'limit=abc', 'offset=-5', 'offset=99999999999', 'limit=1&limit=2', 'limit=' + '9'.repeat(400), '%zz', 'a=%00', 'last_event_id=../../x', 'last_event_id=' + 'x'.repeat(3000), '__proto__=1', 'limit=0x10', 'limit= 5', 'q=' + Buffer.from(hostileString(r)).toString('hex')])
      const [p, existing] = t.path.split('?')
      return c(q.slice(0, 40), request(w, t.method, `${p}?${existing ? existing + '&' : ''}${q}`, auth, built))
    }
  }
}

/** `path` with each of Alice's fixture thread ids swapped for a new disposable thread. */
async function disposablePath(w: World, path: string): Promise<string> {
  for (const id of [...w.threads, w.quietThread]) if (path.includes(id)) path = path.replaceAll(id, await w.createThread('alice', true))
  return path
}

function pathTrick(w: World, t: Target, r: Rng): [string, string] {
  const segs = t.path.split('?')[0].split('/')
  const i = r.int(1, segs.length - 1)
  const swap = (v: string) => segs.map((s, j) => (j === i ? v : s)).join('/')
  const variant = r.pick(['dotdot', 'encoded dotdot', 'double encoded', 'overlong id', 'unicode', 'nul', 'trailing slash', 'double slash', 'bad percent', 'other user id', 'upper case id', 'absolute form', 'asterisk', 'backslash', 'huge url', 'semicolon', 'empty segment', 'escape api'] as const)
  switch (variant) {
    case 'dotdot': return [variant, swap('..')]
    case 'encoded dotdot': return [variant, swap(r.pick(['%2e%2e', '%2E%2E', '.%2e', '%2e%2e%2f%2e%2e']))]
    case 'double encoded': return [variant, swap(r.pick(['%252e%252e', '%252f', '%25252e']))]
    case 'overlong id': return [variant, swap('a'.repeat(r.pick([300, 5000, 12_000])))]
    case 'unicode': return [variant, swap(encodeURIComponent(r.pick(['ü', '😀', '\u202e', 'Ａ', 'ı', '\ufeff'])) + segs[i])]
    case 'nul': return [variant, swap(r.pick(['%00', segs[i] + '%00', '%00' + segs[i]]))]
    case 'trailing slash': return [variant, t.path.split('?')[0] + r.pick(['/', '//', '/.', '/..'])]
    case 'double slash': return [variant, segs.join('//')]
    case 'bad percent': return [variant, swap(r.pick(['%', '%zz', '%e0%a4%a', '%c0%af', '%ed%a0%80']))]
    case 'other user id': return [variant, swap(r.pick([...w.bob.threads, ...w.bob.files, '00000000-0000-0000-0000-000000000000']))]
    case 'upper case id': return [variant, swap(segs[i].toUpperCase())]
    case 'absolute form': return [variant, `http://evil.example${API}${t.path}`]
    case 'asterisk': return [variant, '*']
    case 'backslash': return [variant, swap(segs[i].replace(/-/g, '\\'))]
    case 'huge url': return [variant, `${t.path}?x=${'y'.repeat(r.pick([9000, 70_000]))}`]
    case 'semicolon': return [variant, swap(`${segs[i]};jsessionid=1`)]
    case 'empty segment': return [variant, swap('')]
    case 'escape api': return [variant, `${API}/../..${r.pick(['/healthz', '/chatkit/', '/etc/passwd', '/', '/api/ai/threads'])}`]
  }
}

function headerTrick(w: World, t: Target, r: Rng, auth: [string, string][], built: Built): [string, RawRequest, Partial<FuzzCase>] {
  const req = (extra: [string, string][], b: Built = built) => request(w, t.method, t.path, auth, b, extra)
  const variant = r.pick([
    'duplicate content-type', 'duplicate content-length', 'bad content-length', 'huge header', 'many headers', 'content-length and chunked',
    'bad chunked', 'no host', 'garbage host', 'obs-fold', 'high bytes', 'expect continue', 'upgrade', 'pipelined garbage', 'bad last-event-id',
    'evil origin', 'accept-language junk', 'content-encoding', 'http/1.0', 'bad request line', 'truncated body', 'control chars',
  ] as const)
  switch (variant) {
    case 'duplicate content-type': return [variant, req([['Content-Type', r.pick(['text/plain', 'application/json', 'multipart/form-data; boundary=zz'])]]), {}]
    case 'duplicate content-length': {
      const n = built.body?.length ?? 0
      return [variant, req([['Content-Length', String(r.pick([n, n + 1, 0]))]], { ...built, body: built.body ?? Buffer.alloc(0) }), { allowDrop: false }]
    }
    case 'bad content-length': {
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [['Content-Length', r.pick(['abc', '-1', '1e3', '99999999999999999999', ' 5', '0x10', '', '+5'])]])
      return [variant, { ...x, body: built.body ?? Buffer.from('{}') }, {}]
    }
    case 'huge header': return [variant, req([['X-Big', 'a'.repeat(r.pick([8000, 17_000, 100_000]))]]), {}]
    case 'many headers': return [variant, req(Array.from({ length: r.pick([150, 2500]) }, (_, i) => [`X-H${i}`, 'v'] as [string, string])), {}]
    case 'content-length and chunked': return [variant, req([['Transfer-Encoding', 'chunked']]), { allowDrop: true }]
    case 'bad chunked': {
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [['Transfer-Encoding', r.pick(['chunked', 'gzip, chunked', 'identity', 'chunked, chunked', 'xchunked'])]])
      // Half-closed: an incomplete chunked body then ends, as a client that gave up would.
      return [variant, { ...x, body: r.pick(['zz\r\nabc\r\n0\r\n\r\n', 'ffffffffffffffff\r\n', '5\r\nabc', '3\r\nabc\r\n0\r\n', '-1\r\n']), halfClose: true }, { allowDrop: true }]
    }
    case 'no host': {
      const x = req([])
      return [variant, { ...x, headers: x.headers.filter(([k]) => k.toLowerCase() !== 'host') }, {}]
    }
    case 'garbage host': {
      const x = req([])
      return [variant, { ...x, headers: [['Host', r.pick(['evil.example:99999', '[::1', 'a b', '', 'x'.repeat(300), '127.0.0.1:1:2', '@attacker'])], ...x.headers.filter(([k]) => k !== 'Host')] }, {}]
    }
    case 'obs-fold': return [variant, req([['X-Folded', 'a\r\n continued']]), {}]
    case 'high bytes': return [variant, req([['X-Bytes', '\u00ff\u00fe\u0080']]), {}]
    case 'expect continue': return [variant, req([['Expect', r.pick(['100-continue', 'something-else'])]]), { allowDrop: true }]
    case 'upgrade': return [variant, req([['Upgrade', 'websocket'], ['Connection', 'Upgrade']]), {}]
    case 'pipelined garbage': {
      const first = req([])
      const x = { ...first, headers: first.headers.map(([k, v]): [string, string] => (k === 'Connection' ? [k, 'keep-alive'] : [k, v])) }
      const raw = Buffer.concat([Buffer.from(`${x.method} ${x.target} HTTP/1.1\r\n${x.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, 'latin1'), Buffer.from(x.body ?? ""), Buffer.from('GARBAGE / HTTP/9.9\r\n\r\n')])
      return [variant, { ...x, raw }, { allowDrop: true }]
    }
    case 'bad last-event-id': return [variant, req([['Last-Event-ID', r.pick(['', 'abc', '-1', '99999999999-0', '1-99999', '../../', 'x'.repeat(2000), '0-0', '1e3-0'])]]), {}]
    case 'evil origin': return [variant, req([['Origin', r.pick(['http://evil.example', 'null', 'http://127.0.0.1:9', 'http://127.0.0.1:9.evil', 'javascript:alert(1)'])]]), {}]
    case 'accept-language junk': return [variant, req([['Accept-Language', r.pick(['*;q=x', 'x'.repeat(4000), ',,,,', 'zz-ZZ;q=-1'])], ['organization-id', hostileString(r).replace(/[\r\n\u0000]/g, '')]]), {}]
    case 'content-encoding': return [variant, req([['Content-Encoding', r.pick(['gzip', 'br', 'deflate'])]]), {}]
    case 'http/1.0': {
      const x = req([])
      return [variant, { ...x, raw: Buffer.concat([Buffer.from(`${x.method} ${x.target} HTTP/1.0\r\n${x.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, 'latin1'), Buffer.from(x.body ?? "")]) }, {}]
    }
    case 'bad request line': {
      const line = r.pick(['GET\r\n\r\n', 'GET /api/ai/threads HTTP/2.0\r\n\r\n', 'GET /api/ai/threads\r\n\r\n', ' / HTTP/1.1\r\n\r\n', '\r\n\r\n\r\n', 'GET /api/ai/threads HTTP/1.1 extra\r\nHost: x\r\n\r\n', '\u0000\u0001\u0002'])
      // Only blank lines (no request at all) may go unanswered.
      return [variant, { method: '', target: '', headers: [], raw: Buffer.from(line), halfClose: true }, { allowDrop: line.trim() === '' }]
    }
    case 'truncated body': {
      const body = built.body ?? Buffer.from('{"a":1}')
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [['Content-Length', String(body.length + r.int(1, 1000))]])
      return [variant, { ...x, body, halfClose: true }, { allowDrop: true }]
    }
    case 'control chars': return [variant, req([['X-Ctl', r.pick(['a\u0000b', 'a\u0007b', 'a\rb', 'a\nb'])]]), { allowDrop: true }]
  }
}

function badMultipart(w: World, t: Target, r: Rng, auth: [string, string][]): [string, RawRequest, Partial<FuzzCase>] {
  const boundary = `b${r.hex(12)}`
  const file = (filename: string, data: string | Buffer = 'hello', type = 'text/plain') => ({ name: 'file', filename, type, data })
  const variant = r.pick(['missing boundary', 'wrong boundary', 'truncated', 'no file field', 'empty file', 'huge filename', 'traversal filename', 'nul filename', 'crlf filename', 'binary junk', 'oversized file', 'many parts', 'file as text field', 'html as image', 'bad purpose', 'other xpert', 'foreign thread', 'unicode filename', 'no parts'] as const)
  let body: Buffer
  let ct = `multipart/form-data; boundary=${boundary}`
  let allowDrop = false
  switch (variant) {
    case 'missing boundary': body = multipart(boundary, [file('a.txt')]); ct = r.pick(['multipart/form-data', 'multipart/form-data;', 'multipart/form-data; charset=utf-8']); break
    case 'wrong boundary': body = multipart(boundary, [file('a.txt')]); ct = `multipart/form-data; boundary=other${boundary}`; break
    case 'truncated': { const full = multipart(boundary, [file('a.txt', 'x'.repeat(500))]); body = full.subarray(0, r.int(1, full.length - 3)); break }
    case 'no file field': body = multipart(boundary, [{ name: 'purpose', data: 'chat_attachment' }]); break
    case 'empty file': body = multipart(boundary, [file('empty.txt', '')]); break
    case 'huge filename': body = multipart(boundary, [file('f'.repeat(r.pick([300, 70_000])) + '.txt')]); break
    case 'traversal filename': body = multipart(boundary, [file(r.pick(['../../../etc/passwd', '..\\..\\boot.ini', '/etc/shadow', '....//....//x', '%2e%2e%2fx', 'C:\\Windows\\x.txt', '.htaccess', '..']))]); break
    case 'nul filename': body = multipart(boundary, [file('evil\u0000.txt')]); break
    case 'crlf filename': body = multipart(boundary, [file('a.txt"\r\ncontent-type: text/html\r\n\r\n<script>')]); break
    case 'binary junk': body = Buffer.from(Array.from({ length: r.int(1, 4000) }, () => r.int(0, 255))); break
    case 'oversized file': body = multipart(boundary, [file('big.txt', Buffer.alloc(r.int(1, 3) * 1024 * 1024 + 10, 'a'))]); allowDrop = true; break
    case 'many parts': body = multipart(boundary, Array.from({ length: r.pick([100, 5000]) }, (_, i) => ({ name: `f${i}`, data: 'v' }))); break
    case 'file as text field': body = multipart(boundary, [{ name: 'file', data: 'not a file' }]); break
    case 'html as image': body = multipart(boundary, [file('cat.png', '<html><script>alert(1)</script></html>', 'image/png')]); break
    case 'bad purpose': body = multipart(boundary, [file('a.txt'), { name: 'purpose', data: r.pick(['other', '', 'x'.repeat(1000)]) }]); break
    case 'other xpert': body = multipart(boundary, [file('a.txt'), { name: 'xpertId', data: r.pick(['demo', 'nope', '../fuzz']) }]); break
    case 'foreign thread': body = multipart(boundary, [file('a.txt'), { name: 'threadId', data: r.pick([...w.bob.threads, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) }]); break
    case 'unicode filename': body = multipart(boundary, [file(r.pick(['😀.txt', '\u202egnp.exe', '名前.md', '\ud800.txt']))]); break
    case 'no parts': body = Buffer.from(`--${boundary}--\r\n`); break
  }
  return [variant, request(w, t.method, t.path, auth, { headers: [['content-type', ct]], body }), { allowDrop }]
}
