/**
 * A tiny schema language for the options the host sends. A schema checks a value and returns it
 * cleaned: invalid parts are left out (so the UI only ever sees well-typed values) and each one
 * becomes an issue naming its path and what was expected. Unknown keys pass through untouched:
 * a newer host may send options this frame does not know yet.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'

export type OptionIssue = { path: string; reason: string }

/** Returns the cleaned value, or `DROP` when the whole value is invalid. */
export type Schema = (value: unknown, path: string, issues: OptionIssue[]) => unknown

export const DROP = Symbol('drop')

type Obj = Record<string, unknown>

/** A short description of what was received, for error messages. */
const got = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v)
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'an array'
        : typeof v === 'object'
          ? 'an object'
          : typeof v === 'number' || typeof v === 'boolean'
            ? String(v)
            : typeof v

const check =
  (ok: (v: unknown) => boolean, expected: string): Schema =>
  (v, path, issues) => {
    if (ok(v)) return v
    issues.push({ path, reason: `expected ${expected}, got ${got(v)}` })
    return DROP
  }

export const string = (max = 10_000) =>
  check((v) => typeof v === 'string' && v.length <= max, max < 10_000 ? `a string of at most ${max} characters` : 'a string')
export const boolean = check((v) => typeof v === 'boolean', 'true or false')
export const number = (min: number, max: number, integer = false) =>
  check(
    (v) => typeof v === 'number' && v >= min && v <= max && (!integer || Number.isInteger(v)),
    `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`,
  )
export const oneOf = (...values: readonly (string | number | boolean | null)[]) =>
  check((v) => values.includes(v as never), values.map((x) => (x === null ? 'null' : String(x))).join(' | '))
export const any: Schema = (v) => v
/** Plain data object with any keys (request state, payloads). */
export const record = check(isRecord, 'an object')

/** An absolute http(s) URL without credentials (or relative to the frame when `relative`). */
export const url =
  (relative = false): Schema =>
  (v, path, issues) => {
    try {
      if (typeof v !== 'string') throw 0
      const u = new URL(v, relative ? location.href : undefined)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw 0
      if (u.username || u.password) {
        issues.push({ path, reason: 'credentials in the URL are not allowed' })
        return DROP
      }
      return v
    } catch {
      issues.push({ path, reason: `expected an ${relative ? '' : 'absolute '}http(s) URL, got ${got(v)}` })
      return DROP
    }
  }

/** The first schema that accepts the value wins; the issues of the last one are reported otherwise. */
export const either =
  (expected: string, ...schemas: Schema[]): Schema =>
  (v, path, issues) => {
    for (const s of schemas) {
      const mine: OptionIssue[] = []
      const out = s(v, path, mine)
      if (out !== DROP && !mine.length) return out
    }
    issues.push({ path, reason: `expected ${expected}, got ${got(v)}` })
    return DROP
  }

export type Shape = Record<string, Schema>

/** An object with known keys; `required` keys must be present. Invalid known keys are dropped. */
export const object =
  (shape: Shape, required: string[] = []): Schema =>
  (v, path, issues) => {
    if (!isRecord(v)) {
      issues.push({ path, reason: `expected an object, got ${got(v)}` })
      return DROP
    }
    const out: Obj = {}
    for (const [key, item] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key
      const schema = Object.hasOwn(shape, key) ? shape[key] : any
      const clean = item === undefined ? undefined : schema(item, at, issues)
      if (clean !== DROP) out[key] = clean
    }
    for (const key of required) {
      if (v[key] === undefined) issues.push({ path: path ? `${path}.${key}` : key, reason: 'is required' })
    }
    return out
  }

/** An array whose invalid items are left out (the rest still work). */
export const array =
  (item: Schema, max = 1000): Schema =>
  (v, path, issues) => {
    if (!Array.isArray(v)) {
      issues.push({ path, reason: `expected an array, got ${got(v)}` })
      return DROP
    }
    if (v.length > max) issues.push({ path, reason: `expected at most ${max} items, got ${v.length}; the rest are ignored` })
    return v
      .slice(0, max)
      .map((x, i) => item(x, `${path}.${i}`, issues))
      .filter((x) => x !== DROP)
  }
