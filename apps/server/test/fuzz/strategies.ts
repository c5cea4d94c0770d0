import { badAudio } from './audio-tricks.js'
import type { Target } from './endpoints.js'
import { headerTrick } from './header-tricks.js'
import { hostileString, hostileValue, malformedJson, mutateAtRandomField } from './hostile-values.js'
import { badMultipart } from './multipart-tricks.js'
import { disposablePath, pathTrick } from './path-tricks.js'
import type { Rng } from './prng.js'
import type { RawRequest } from './raw-http.js'
import { bodyOf, request } from './request-parts.js'
import { API, type World } from './world.js'

const STRATEGIES = ['valid', 'auth', 'json-malformed', 'json-types', 'huge', 'content-type', 'multipart', 'audio', 'path', 'header', 'method', 'query'] as const
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

export async function buildCase(strategy: Strategy, t: Target, w: World, r: Rng): Promise<FuzzCase> {
  const secret = t.auth === 'apiKey' ? w.apiKey : await w.aliceSecret()
  const auth: [string, string][] = [['Authorization', `Bearer ${secret}`]]
  const c = (variant: string, req: RawRequest, more: Partial<FuzzCase> = {}): FuzzCase => ({
    endpoint: t.endpoint,
    strategy,
    variant,
    req,
    secret,
    inApi: true,
    ...more,
  })
  const built = bodyOf(t)
  switch (strategy) {
    case 'valid':
      return c('as is', request(w, t.method, t.path, auth, built), { expect: t.okStatuses })

    case 'auth': {
      const variant = r.pick([
        'missing',
        'forged',
        'expired',
        'other user',
        'other assistant',
        'malformed',
        'api key as secret',
        'secret as api key',
        'x-api-key only',
        'two secrets',
      ] as const)
      let headers: [string, string][] = []
      let sent: string | undefined
      let expect: number[] | undefined
      switch (variant) {
        case 'missing':
          expect = [401]
          break
        case 'forged':
          sent = 'cs-x-' + r.hex(64)
          expect = [401]
          break
        case 'expired':
          sent = w.expiredSecret
          expect = [401]
          break
        case 'malformed':
          sent = r.pick(['cs-x-', 'cs-x-' + r.hex(63), 'cs-x-' + r.hex(64).toUpperCase(), 'x'.repeat(5000), 'null', '"' + secret + '"'])
          expect = [401]
          break
        case 'api key as secret':
          sent = w.apiKey
          expect = t.auth === 'apiKey' ? undefined : [401]
          break
        case 'secret as api key':
          sent = await w.aliceSecret()
          expect = t.auth === 'apiKey' ? [401] : undefined
          break
        case 'other user':
          sent = await w.secret('bob')
          expect = t.auth === 'apiKey' ? [401] : t.owned ? [404] : undefined
          break
        case 'other assistant':
          sent = await w.secret('aliceOnDemo')
          expect = t.auth === 'apiKey' ? [401] : t.owned ? [404] : undefined
          break
        case 'x-api-key only':
          sent = secret
          headers = [['x-api-key', secret]]
          break
        case 'two secrets':
          sent = await w.secret('bob')
          headers = [
            ['Authorization', `Bearer ${sent}`],
            ['Authorization', `Bearer ${secret}`],
          ]
          break
      }
      if (sent !== undefined && !headers.length)
        headers = [[r.pick(['Authorization', 'authorization', 'AUTHORIZATION']), `${r.pick(['Bearer', 'bearer', 'Bearer  '])} ${sent}`]]
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
      const ct: [string, string] =
        t.body?.kind === 'multipart'
          ? ['content-type', `multipart/form-data; boundary=${t.body.boundary}`]
          : t.body?.kind === 'audio'
            ? ['content-type', 'audio/wav']
            : ['content-type', 'application/json']
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
      const type = r.pick([
        '',
        'text/plain',
        'application/json; charset=utf-16',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'application/jsonx',
        'application/json\u0000',
        '*/*',
        'x'.repeat(2000),
        'application/problem+json',
        'APPLICATION/JSON',
      ])
      const body = built.body ?? Buffer.from('{}')
      const headers: [string, string][] = type ? [['content-type', type]] : []
      return c(type.slice(0, 40) || 'none', request(w, t.method, t.path, auth, { headers, body }))
    }

    case 'multipart':
      return c(...badMultipart(w, t, r, auth))

    case 'audio':
      return c(...badAudio(w, t, r, auth))

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
      const method = r.pick(
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'FOO', 'get', 'M-SEARCH', 'PURGE'].filter(
          (m) => m !== t.method,
        ),
      )
      // A DELETE may hit a real thread: it must be a disposable one, never a fixture.
      const path = method === 'DELETE' ? await disposablePath(w, t.path) : t.path
      const extra: [string, string][] =
        method === 'OPTIONS' && r.chance(0.5)
          ? [
              ['Origin', r.pick(['http://evil.example', 'null', 'http://127.0.0.1:9'])],
              ['Access-Control-Request-Method', 'POST'],
            ]
          : []
      return c(method, request(w, method, path, auth, built, extra))
    }

    case 'query': {
      const q = r.pick([
        'limit=-1',
        'limit=1e9',
        'limit=abc',
        'offset=-5',
        'offset=99999999999',
        'limit=1&limit=2',
        'limit=' + '9'.repeat(400),
        '%zz',
        'a=%00',
        'last_event_id=../../x',
        'last_event_id=' + 'x'.repeat(3000),
        '__proto__=1',
        'limit=0x10',
        'limit= 5',
        'q=' + Buffer.from(hostileString(r)).toString('hex'),
      ])
      const [p, existing] = t.path.split('?')
      return c(q.slice(0, 40), request(w, t.method, `${p}?${existing ? existing + '&' : ''}${q}`, auth, built))
    }
  }
}
