// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { apiOriginIssue } from './api-origin.js'

const self = 'http://127.0.0.1:8787'
const setMeta = (content: string | null) => {
  document.querySelector('meta[name="chatkit-api-origins"]')?.remove()
  if (content === null) return
  const m = document.createElement('meta')
  m.name = 'chatkit-api-origins'
  m.content = content
  document.head.append(m)
}
afterEach(() => setMeta(null))

describe('api.apiUrl and the frame CSP connect-src', () => {
  it('names a cross-origin API the CSP blocks, with the server option that allows it', () => {
    setMeta('')
    const issue = apiOriginIssue('https://api.example.com/api/ai', document, self)
    expect(issue?.path).toBe('api.apiUrl')
    expect(issue?.reason).toContain('Content-Security-Policy (connect-src)')
    expect(issue?.reason).toContain('--api-origins https://api.example.com')
  })

  it('accepts the frame origin and origins the server lists (exact or wildcard)', () => {
    setMeta('https://api.example.com https://*.corp.example')
    expect(apiOriginIssue(`${self}/api/ai`, document, self)).toBeNull()
    expect(apiOriginIssue('https://api.example.com/api/ai', document, self)).toBeNull()
    expect(apiOriginIssue('https://eu.corp.example/api/ai', document, self)).toBeNull()
    expect(apiOriginIssue('https://other.example/api/ai', document, self)).not.toBeNull()
  })

  it('says nothing when the frame was not served by the ChatKit server (no meta: CSP unknown)', () => {
    expect(apiOriginIssue('https://api.example.com/api/ai', document, self)).toBeNull()
  })
})
