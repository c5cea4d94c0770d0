import type { Rng } from './prng.js'

/** Values that are wrong for almost any field: other types, edge numbers, odd strings, deep nesting. */
export function hostileValue(r: Rng, depth = 0): unknown {
  switch (r.int(0, 16)) {
    case 0:
      return null
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, -0, 1e308, Number.MAX_SAFE_INTEGER, 86_401])
    case 2:
      return r.pick([true, false])
    case 3:
      return []
    case 4:
      return {}
    case 5:
      return hostileString(r)
    case 6:
      return 'x'.repeat(r.pick([257, 4001, 100_001, 300_000]))
    case 7:
      return depth < 2 ? Array.from({ length: r.int(1, 5) }, () => hostileValue(r, depth + 1)) : 'leaf'
    case 8:
      return depth < 2 ? { [hostileKey(r)]: hostileValue(r, depth + 1) } : 'leaf'
    case 9:
      return nested(r.pick([50, 500, 3000]))
    case 10:
      return ''
    case 11:
      return '   '
    case 12:
      return { toString: 'x', valueOf: 1, constructor: { prototype: { polluted: true } } }
    case 13:
      return r.pick(['like', 'dislike', 'queue', 'steer', 'cancel', 'continue', 'DESC', 'chat_attachment'])
    case 14:
      return Array.from({ length: r.pick([21, 200, 2000]) }, (_, i) => ({ id: String(i) }))
    case 15:
      return r.pick(['00000000-0000-0000-0000-000000000000', 'cs-x-' + r.hex(64), 'ffffffff-ffff-ffff-ffff-ffffffffffff'])
    default:
      return r.pick([1e21, -1e-7, 0.1])
  }
}

export function hostileString(r: Rng): string {
  return r.pick([
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '😀'.repeat(100),
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '<script>alert(1)</script>',
    "'; DROP TABLE threads; --",
    '%00',
    '%2e%2e%2f',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal Log4Shell-style payload, not a template
    '${jndi:ldap://x}',
    '{{7*7}}',
    '\r\nSet-Cookie: x=1',
    '\t',
    ' a ',
    'Ω'.repeat(300),
    '\ufeff',
    'null',
    'undefined',
    '__proto__',
  ])
}

function hostileKey(r: Rng): string {
  return r.pick(['__proto__', 'constructor', 'prototype', '', '\u0000', 'a.b', 'x'.repeat(1000), '😀', 'toString', 'hasOwnProperty'])
}

/** `[[[…]]]` `depth` levels deep (JSON.stringify and recursive validators must cope). */
function nested(depth: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

/** Sets `value` at a random field of a JSON value (or at a new field), returning the copy. */
export function mutateAtRandomField(r: Rng, body: unknown, value: unknown): unknown {
  const copy = structuredClone(body) as unknown
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        slots.push({ parent: v, key: i })
        walk(x)
      })
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) slots.push({ parent: v as Record<string, unknown>, key: k }), walk(x)
  }
  walk(copy)
  if (!slots.length || r.chance(0.15)) return r.chance(0.5) ? value : { ...(copy as object), [hostileKey(r)]: value }
  const s = r.pick(slots)
  ;(s.parent as Record<string | number, unknown>)[s.key] = value
  return copy
}

/** Malformed JSON texts: truncated, trailing garbage, wrong syntax, deep nesting, encodings. */
export function malformedJson(r: Rng, valid: string): string | Buffer {
  switch (r.int(0, 11)) {
    case 0:
      return valid.slice(0, r.int(0, Math.max(0, valid.length - 1)))
    case 1:
      return valid + r.pick(['}', ']', ',', 'garbage', '\u0000', '{}'])
    case 2:
      return r.pick(['{"a":}', "{'a':1}", '{a:1}', '[1,]', '{"a":1,}', 'NaN', 'undefined', '{"a":0x10}', '{"a":01}', '"unterminated'])
    case 3:
      return '['.repeat(r.pick([1000, 100_000, 500_000]))
    case 4:
      return '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)
    case 5:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)])
    case 6:
      return Buffer.from(valid, 'utf16le')
    case 7:
      return Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1])
    case 8:
      return r.pick(['null', 'true', '1', '"str"', '[]', '[{}]', '0', '-1e999'])
    case 9:
      return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`
    case 10:
      return '\u0000'.repeat(r.int(1, 100))
    default:
      return valid.replace(/"/g, r.pick(["'", '', '\\"']))
  }
}
