import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFrameHandler } from './frame-static.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'ck-frame-'))
writeFileSync(path.join(root, 'index.html'), '<html><head></head></html>')
const serve = createFrameHandler(root, ['https://host.example'])

describe('/chatkit/sandbox', () => {
  it('is a document of its own: inline script, no network, CSP sandbox, framable by the frame and its hosts only', async () => {
    const res = await serve(new Request('http://127.0.0.1/chatkit/sandbox'))
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
      'sandbox allow-scripts',
      "frame-ancestors 'self' https://host.example",
    ])
    const html = await res.text()
    expect(html).toContain('e.source!==parent')
    expect(html).not.toMatch(/https?:/)
  })
  it('the frame itself may frame only its own origin', async () => {
    const csp = (await serve(new Request('http://127.0.0.1/chatkit/'))).headers.get('content-security-policy')!
    expect(csp).toContain("frame-src 'self'")
    expect(csp).not.toMatch(/child-src|frame-src [^;]*(https?:|\*|data:|blob:)/)
  })
})
