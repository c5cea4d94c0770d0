import type { Target } from './endpoints.js'
import type { Rng } from './prng.js'
import type { RawRequest } from './raw-http.js'
import { request } from './request-parts.js'
import type { FuzzCase } from './strategies.js'
import { multipart, type World } from './world.js'

/** One broken upload (boundaries, truncation, filenames, sizes, foreign ids): `[variant, request, case overrides]`. */
export function badMultipart(w: World, t: Target, r: Rng, auth: [string, string][]): [string, RawRequest, Partial<FuzzCase>] {
  const boundary = `b${r.hex(12)}`
  const file = (filename: string, data: string | Buffer = 'hello', type = 'text/plain') => ({ name: 'file', filename, type, data })
  const variant = r.pick([
    'missing boundary',
    'wrong boundary',
    'truncated',
    'no file field',
    'empty file',
    'huge filename',
    'traversal filename',
    'nul filename',
    'crlf filename',
    'binary junk',
    'oversized file',
    'many parts',
    'file as text field',
    'html as image',
    'bad purpose',
    'other xpert',
    'foreign thread',
    'unicode filename',
    'no parts',
  ] as const)
  let body: Buffer
  let ct = `multipart/form-data; boundary=${boundary}`
  let allowDrop = false
  switch (variant) {
    case 'missing boundary':
      body = multipart(boundary, [file('a.txt')])
      ct = r.pick(['multipart/form-data', 'multipart/form-data;', 'multipart/form-data; charset=utf-8'])
      break
    case 'wrong boundary':
      body = multipart(boundary, [file('a.txt')])
      ct = `multipart/form-data; boundary=other${boundary}`
      break
    case 'truncated': {
      const full = multipart(boundary, [file('a.txt', 'x'.repeat(500))])
      body = full.subarray(0, r.int(1, full.length - 3))
      break
    }
    case 'no file field':
      body = multipart(boundary, [{ name: 'purpose', data: 'chat_attachment' }])
      break
    case 'empty file':
      body = multipart(boundary, [file('empty.txt', '')])
      break
    case 'huge filename':
      body = multipart(boundary, [file('f'.repeat(r.pick([300, 70_000])) + '.txt')])
      break
    case 'traversal filename':
      body = multipart(boundary, [
        file(r.pick(['../../../etc/passwd', '..\\..\\boot.ini', '/etc/shadow', '....//....//x', '%2e%2e%2fx', 'C:\\Windows\\x.txt', '.htaccess', '..'])),
      ])
      break
    case 'nul filename':
      body = multipart(boundary, [file('evil\u0000.txt')])
      break
    case 'crlf filename':
      body = multipart(boundary, [file('a.txt"\r\ncontent-type: text/html\r\n\r\n<script>')])
      break
    case 'binary junk':
      body = Buffer.from(Array.from({ length: r.int(1, 4000) }, () => r.int(0, 255)))
      break
    case 'oversized file':
      body = multipart(boundary, [file('big.txt', Buffer.alloc(r.int(1, 3) * 1024 * 1024 + 10, 'a'))])
      allowDrop = true
      break
    case 'many parts':
      body = multipart(
        boundary,
        Array.from({ length: r.pick([100, 5000]) }, (_, i) => ({ name: `f${i}`, data: 'v' })),
      )
      break
    case 'file as text field':
      body = multipart(boundary, [{ name: 'file', data: 'not a file' }])
      break
    case 'html as image':
      body = multipart(boundary, [file('cat.png', '<html><script>alert(1)</script></html>', 'image/png')])
      break
    case 'bad purpose':
      body = multipart(boundary, [file('a.txt'), { name: 'purpose', data: r.pick(['other', '', 'x'.repeat(1000)]) }])
      break
    case 'other xpert':
      body = multipart(boundary, [file('a.txt'), { name: 'xpertId', data: r.pick(['demo', 'nope', '../fuzz']) }])
      break
    case 'foreign thread':
      body = multipart(boundary, [file('a.txt'), { name: 'threadId', data: r.pick([...w.bob.threads, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) }])
      break
    case 'unicode filename':
      body = multipart(boundary, [file(r.pick(['😀.txt', '\u202egnp.exe', '名前.md', '\ud800.txt']))])
      break
    case 'no parts':
      body = Buffer.from(`--${boundary}--\r\n`)
      break
  }
  return [variant, request(w, t.method, t.path, auth, { headers: [['content-type', ct]], body }), { allowDrop }]
}
