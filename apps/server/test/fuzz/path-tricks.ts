import type { Target } from './endpoints.js'
import type { Rng } from './prng.js'
import { API, type World } from './world.js'

/** `path` with each of Alice's fixture thread ids swapped for a new disposable thread. */
export async function disposablePath(w: World, path: string): Promise<string> {
  for (const id of [...w.threads, w.quietThread]) if (path.includes(id)) path = path.replaceAll(id, await w.createThread('alice', true))
  return path
}

/** One path trick on the target's path: `[variant, path]`. */
export function pathTrick(w: World, t: Target, r: Rng): [string, string] {
  const segs = t.path.split('?')[0].split('/')
  const i = r.int(1, segs.length - 1)
  const swap = (v: string) => segs.map((s, j) => (j === i ? v : s)).join('/')
  const variant = r.pick([
    'dotdot',
    'encoded dotdot',
    'double encoded',
    'overlong id',
    'unicode',
    'nul',
    'trailing slash',
    'double slash',
    'bad percent',
    'other user id',
    'upper case id',
    'absolute form',
    'asterisk',
    'backslash',
    'huge url',
    'semicolon',
    'empty segment',
    'escape api',
  ] as const)
  switch (variant) {
    case 'dotdot':
      return [variant, swap('..')]
    case 'encoded dotdot':
      return [variant, swap(r.pick(['%2e%2e', '%2E%2E', '.%2e', '%2e%2e%2f%2e%2e']))]
    case 'double encoded':
      return [variant, swap(r.pick(['%252e%252e', '%252f', '%25252e']))]
    case 'overlong id':
      return [variant, swap('a'.repeat(r.pick([300, 5000, 12_000])))]
    case 'unicode':
      return [variant, swap(encodeURIComponent(r.pick(['ü', '😀', '\u202e', 'Ａ', 'ı', '\ufeff'])) + segs[i])]
    case 'nul':
      return [variant, swap(r.pick(['%00', segs[i] + '%00', '%00' + segs[i]]))]
    case 'trailing slash':
      return [variant, t.path.split('?')[0] + r.pick(['/', '//', '/.', '/..'])]
    case 'double slash':
      return [variant, segs.join('//')]
    case 'bad percent':
      return [variant, swap(r.pick(['%', '%zz', '%e0%a4%a', '%c0%af', '%ed%a0%80']))]
    case 'other user id':
      return [variant, swap(r.pick([...w.bob.threads, ...w.bob.files, '00000000-0000-0000-0000-000000000000']))]
    case 'upper case id':
      return [variant, swap(segs[i].toUpperCase())]
    case 'absolute form':
      return [variant, `http://evil.example${API}${t.path}`]
    case 'asterisk':
      return [variant, '*']
    case 'backslash':
      return [variant, swap(segs[i].replace(/-/g, '\\'))]
    case 'huge url':
      return [variant, `${t.path}?x=${'y'.repeat(r.pick([9000, 70_000]))}`]
    case 'semicolon':
      return [variant, swap(`${segs[i]};jsessionid=1`)]
    case 'empty segment':
      return [variant, swap('')]
    case 'escape api':
      return [variant, `${API}/../..${r.pick(['/healthz', '/chatkit/', '/etc/passwd', '/', '/api/ai/threads'])}`]
  }
}
