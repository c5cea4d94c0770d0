import { buildRequest, header, type RawResponse } from './raw-http.js'
import type { FuzzCase } from './strategies.js'
import type { World } from './world.js'

/** What is wrong with one answer (empty: nothing). The rules hold for every request the fuzzer sends. */
export function checkAnswer(c: FuzzCase, res: RawResponse, w: World): string[] {
  const problems: string[] = []
  if (res.timedOut) return ['no answer within the timeout (hang)']
  if (res.noResponse) return c.allowDrop ? [] : [`connection closed without a response (${res.error ?? 'no error'})`]
  if (res.status >= 500) problems.push(`5xx: ${res.status} ${res.body.subarray(0, 200).toString('utf8')}`)
  if (res.status >= 400 && res.status < 500 && c.inApi) {
    const type = header(res, 'content-type') ?? ''
    if (!/^application\/json\b/.test(type))
      problems.push(`${res.status} without a JSON content-type (${type || 'none'}): ${res.body.subarray(0, 120).toString('utf8')}`)
    else if (c.req.method !== 'HEAD' && !isApiError(res.body))
      problems.push(`${res.status} body is not {"error":{"code","message"}}: ${res.body.subarray(0, 200).toString('utf8')}`)
  }
  // The fuzzer floods the session endpoint with bad API keys from 127.0.0.1: that source being
  // throttled (429 too_many_failed_attempts, even for a right key) is the defence working.
  if (c.expect && !c.expect.includes(res.status) && !throttledSource(res))
    problems.push(`expected ${c.expect.join('/')}, got ${res.status}: ${res.body.subarray(0, 200).toString('utf8')}`)
  if (!w.isAlice(c.secret) && res.body.includes(w.marker) && !buildRequest(c.req).includes(w.marker)) {
    problems.push(`LEAK: a request without Alice's secret got her data (${res.status})`)
  }
  return problems
}

function throttledSource(res: RawResponse): boolean {
  return res.status === 429 && res.body.includes('"too_many_failed_attempts"')
}

function isApiError(body: Buffer): boolean {
  try {
    const j = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown; message?: unknown } }
    return typeof j?.error?.code === 'string' && typeof j.error.message === 'string' && Object.keys(j).length === 1
  } catch {
    return false
  }
}
