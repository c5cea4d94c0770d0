import type { Target } from './endpoints.js'
import { hostileString } from './hostile-values.js'
import type { Rng } from './prng.js'
import type { RawRequest } from './raw-http.js'
import { request, type Built } from './request-parts.js'
import type { FuzzCase } from './strategies.js'
import type { World } from './world.js'

/** One header trick (bad lengths, chunking, sizes, hosts, request lines): `[variant, request, case overrides]`. */
export function headerTrick(w: World, t: Target, r: Rng, auth: [string, string][], built: Built): [string, RawRequest, Partial<FuzzCase>] {
  const req = (extra: [string, string][], b: Built = built) => request(w, t.method, t.path, auth, b, extra)
  const variant = r.pick([
    'duplicate content-type',
    'duplicate content-length',
    'bad content-length',
    'huge header',
    'many headers',
    'content-length and chunked',
    'bad chunked',
    'no host',
    'garbage host',
    'obs-fold',
    'high bytes',
    'expect continue',
    'upgrade',
    'pipelined garbage',
    'bad last-event-id',
    'evil origin',
    'accept-language junk',
    'content-encoding',
    'http/1.0',
    'bad request line',
    'truncated body',
    'control chars',
  ] as const)
  switch (variant) {
    case 'duplicate content-type':
      return [variant, req([['Content-Type', r.pick(['text/plain', 'application/json', 'multipart/form-data; boundary=zz'])]]), {}]
    case 'duplicate content-length': {
      const n = built.body?.length ?? 0
      return [variant, req([['Content-Length', String(r.pick([n, n + 1, 0]))]], { ...built, body: built.body ?? Buffer.alloc(0) }), { allowDrop: false }]
    }
    case 'bad content-length': {
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [
        ['Content-Length', r.pick(['abc', '-1', '1e3', '99999999999999999999', ' 5', '0x10', '', '+5'])],
      ])
      return [variant, { ...x, body: built.body ?? Buffer.from('{}') }, {}]
    }
    case 'huge header':
      return [variant, req([['X-Big', 'a'.repeat(r.pick([8000, 17_000, 100_000]))]]), {}]
    case 'many headers':
      return [variant, req(Array.from({ length: r.pick([150, 2500]) }, (_, i) => [`X-H${i}`, 'v'] as [string, string])), {}]
    case 'content-length and chunked':
      return [variant, req([['Transfer-Encoding', 'chunked']]), { allowDrop: true }]
    case 'bad chunked': {
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [
        ['Transfer-Encoding', r.pick(['chunked', 'gzip, chunked', 'identity', 'chunked, chunked', 'xchunked'])],
      ])
      // Half-closed: an incomplete chunked body then ends, as a client that gave up would.
      return [
        variant,
        { ...x, body: r.pick(['zz\r\nabc\r\n0\r\n\r\n', 'ffffffffffffffff\r\n', '5\r\nabc', '3\r\nabc\r\n0\r\n', '-1\r\n']), halfClose: true },
        { allowDrop: true },
      ]
    }
    case 'no host': {
      const x = req([])
      return [variant, { ...x, headers: x.headers.filter(([k]) => k.toLowerCase() !== 'host') }, {}]
    }
    case 'garbage host': {
      const x = req([])
      return [
        variant,
        {
          ...x,
          headers: [
            ['Host', r.pick(['evil.example:99999', '[::1', 'a b', '', 'x'.repeat(300), '127.0.0.1:1:2', '@attacker'])],
            ...x.headers.filter(([k]) => k !== 'Host'),
          ],
        },
        {},
      ]
    }
    case 'obs-fold':
      return [variant, req([['X-Folded', 'a\r\n continued']]), {}]
    case 'high bytes':
      return [variant, req([['X-Bytes', '\u00ff\u00fe\u0080']]), {}]
    case 'expect continue':
      return [variant, req([['Expect', r.pick(['100-continue', 'something-else'])]]), { allowDrop: true }]
    case 'upgrade':
      return [
        variant,
        req([
          ['Upgrade', 'websocket'],
          ['Connection', 'Upgrade'],
        ]),
        {},
      ]
    case 'pipelined garbage': {
      const first = req([])
      const x = { ...first, headers: first.headers.map(([k, v]): [string, string] => (k === 'Connection' ? [k, 'keep-alive'] : [k, v])) }
      const raw = Buffer.concat([
        Buffer.from(`${x.method} ${x.target} HTTP/1.1\r\n${x.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, 'latin1'),
        Buffer.from(x.body ?? ''),
        Buffer.from('GARBAGE / HTTP/9.9\r\n\r\n'),
      ])
      return [variant, { ...x, raw }, { allowDrop: true }]
    }
    case 'bad last-event-id':
      return [variant, req([['Last-Event-ID', r.pick(['', 'abc', '-1', '99999999999-0', '1-99999', '../../', 'x'.repeat(2000), '0-0', '1e3-0'])]]), {}]
    case 'evil origin':
      return [variant, req([['Origin', r.pick(['http://evil.example', 'null', 'http://127.0.0.1:9', 'http://127.0.0.1:9.evil', 'javascript:alert(1)'])]]), {}]
    case 'accept-language junk':
      return [
        variant,
        req([
          ['Accept-Language', r.pick(['*;q=x', 'x'.repeat(4000), ',,,,', 'zz-ZZ;q=-1'])],
          // biome-ignore lint/suspicious/noControlCharactersInRegex: drops CR, LF and NUL, which cannot travel in a header value
          ['organization-id', hostileString(r).replace(/[\r\n\u0000]/g, '')],
        ]),
        {},
      ]
    case 'content-encoding':
      return [variant, req([['Content-Encoding', r.pick(['gzip', 'br', 'deflate'])]]), {}]
    case 'http/1.0': {
      const x = req([])
      return [
        variant,
        {
          ...x,
          raw: Buffer.concat([
            Buffer.from(`${x.method} ${x.target} HTTP/1.0\r\n${x.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`, 'latin1'),
            Buffer.from(x.body ?? ''),
          ]),
        },
        {},
      ]
    }
    case 'bad request line': {
      const line = r.pick([
        'GET\r\n\r\n',
        'GET /api/ai/threads HTTP/2.0\r\n\r\n',
        'GET /api/ai/threads\r\n\r\n',
        ' / HTTP/1.1\r\n\r\n',
        '\r\n\r\n\r\n',
        'GET /api/ai/threads HTTP/1.1 extra\r\nHost: x\r\n\r\n',
        '\u0000\u0001\u0002',
      ])
      // Only blank lines (no request at all) may go unanswered.
      return [variant, { method: '', target: '', headers: [], raw: Buffer.from(line), halfClose: true }, { allowDrop: line.trim() === '' }]
    }
    case 'truncated body': {
      const body = built.body ?? Buffer.from('{"a":1}')
      const x = request(w, t.method, t.path, auth, { headers: built.headers }, [['Content-Length', String(body.length + r.int(1, 1000))]])
      return [variant, { ...x, body, halfClose: true }, { allowDrop: true }]
    }
    case 'control chars':
      return [variant, req([['X-Ctl', r.pick(['a\u0000b', 'a\u0007b', 'a\rb', 'a\nb'])]]), { allowDrop: true }]
  }
}
