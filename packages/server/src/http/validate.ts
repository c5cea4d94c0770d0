import { isRecord } from '@xpert-ai/chatkit-protocol'
import { badRequest } from './errors.js'

/**
 * Tiny validators for request bodies. Each failure is a 400 whose message starts with the dotted
 * path of the offending field, e.g. `assistant.id: expected a non-empty string`.
 */
export type Json = Record<string, unknown>

export { isRecord }

export function expectRecord(v: unknown, field: string): Json {
  if (!isRecord(v)) throw badRequest(`${field}: expected an object`)
  return v
}

export function optionalRecord(v: unknown, field: string): Json | undefined {
  return v === undefined || v === null ? undefined : expectRecord(v, field)
}

export function expectString(v: unknown, field: string, max = 256): string {
  if (typeof v !== 'string' || v.trim() === '') throw badRequest(`${field}: expected a non-empty string`)
  if (v.length > max) throw badRequest(`${field}: longer than ${max} characters`)
  return v
}

export function optionalString(v: unknown, field: string, max = 256): string | undefined {
  return v === undefined || v === null ? undefined : expectString(v, field, max)
}

export function optionalInt(v: unknown, field: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest(`${field}: expected an integer from ${min} to ${max}`)
  }
  return v
}

/** Query-string integers (`?limit=20`): absent → `fallback`. */
export function queryInt(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`${name}: expected an integer from ${min} to ${max}`)
  return optionalInt(Number(raw), name, min, max)!
}

/** Rejects values whose JSON form is larger than `max` bytes (metadata, request state). */
export function limitJsonSize(v: unknown, field: string, max: number): void {
  if (v !== undefined && JSON.stringify(v).length > max) throw badRequest(`${field}: larger than ${max} bytes`)
}
