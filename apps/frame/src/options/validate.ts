/**
 * Light validation of the options the host sends. A bad value never blanks the frame: it becomes
 * an issue naming the path and the reason, which the frame shows and reports as an `error` event.
 * Each rule is one small function; the host SDK issue grows this list.
 */
import type { SerializedOptions } from '@xpert-ai/chatkit-protocol'

export type OptionIssue = { path: string; reason: string }
type Opts = Record<string, unknown>
type Rule = (o: Opts) => OptionIssue[]

const isObject = (v: unknown): v is Opts => !!v && typeof v === 'object' && !Array.isArray(v)
const got = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 80)) : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v)

const optionalString = (path: string, read: (o: Opts) => unknown): Rule => (o) => {
  const v = read(o)
  return v === undefined || typeof v === 'string' ? [] : [{ path, reason: `expected a string, got ${got(v)}` }]
}

const rules: Rule[] = [
  (o) => {
    if (!isObject(o.api)) return [{ path: 'api', reason: `expected an object with apiUrl, got ${got(o.api)}` }]
    const url = o.api.apiUrl
    if (typeof url !== 'string') return [{ path: 'api.apiUrl', reason: `expected an http(s) URL, got ${got(url)}` }]
    try {
      const u = new URL(url)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error()
      if (u.username || u.password) return [{ path: 'api.apiUrl', reason: 'credentials in the URL are not allowed' }]
    } catch {
      return [{ path: 'api.apiUrl', reason: `expected an absolute http(s) URL, got ${got(url)}` }]
    }
    return []
  },
  optionalString('api.xpertId', (o) => (o.api as Opts | undefined)?.xpertId),
  optionalString('locale', (o) => o.locale),
  (o) => {
    const t = o.theme
    if (t === undefined || t === 'light' || t === 'dark') return []
    if (!isObject(t)) return [{ path: 'theme', reason: `expected "light", "dark" or a theme object, got ${got(t)}` }]
    const cs = t.colorScheme
    return cs === undefined || cs === 'light' || cs === 'dark' ? [] : [{ path: 'theme.colorScheme', reason: `expected light | dark, got ${got(cs)}` }]
  },
  (o) => (o.initialThread === undefined || o.initialThread === null || typeof o.initialThread === 'string' ? [] : [{ path: 'initialThread', reason: `expected a string or null, got ${got(o.initialThread)}` }]),
  optionalString('composer.placeholder', (o) => (o.composer as Opts | undefined)?.placeholder),
  optionalString('startScreen.greeting', (o) => (o.startScreen as Opts | undefined)?.greeting),
]

export type ValidatedOptions = { options: Opts; callbacks: Set<string>; issues: OptionIssue[] }

/** Throws only when the call itself is malformed (not `{options, callbacks}`). */
export function validateOptions(input: SerializedOptions | unknown): ValidatedOptions {
  const s = input as Partial<SerializedOptions> | null
  if (!isObject(s) || !isObject(s.options)) throw new TypeError('setOptions expects {options: object, callbacks: string[]}')
  const callbacks = Array.isArray(s.callbacks) ? s.callbacks.filter((c): c is string => typeof c === 'string') : []
  const issues = rules.flatMap((r) => r(s.options as Opts))
  return { options: s.options, callbacks: new Set(callbacks), issues }
}
