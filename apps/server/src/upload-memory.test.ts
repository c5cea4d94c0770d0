import { createHash } from 'node:crypto'
import { readFileSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCli } from './cli-process.js'

const MiB = 1024 * 1024

/** A /proc/<pid>/status field in bytes (VmRSS: now, VmHWM: the peak since the last reset). */
function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!m) throw new Error(`no ${field} for ${pid}`)
  return Number(m[1]) * 1024
}

/**
 * Issue 20, item 2: an upload streams to disk. The real CLI runs as a child process; its peak RSS
 * is reset (`clear_refs` 5) just before a 20 MiB upload and read after it. Holding the body even
 * twice would add 40 MiB; the old route (body, then form data, then a buffer) added ~118 MB.
 */
describe('a 20 MiB upload to the real server', () => {
  it('raises the server process peak RSS by far less than the file size, and the file arrives intact (and comes back, streamed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-upload-rss-'))
    const cli = await startCli(dir)
    try {
      const pid = cli.child.pid!
      const session = await (
        await fetch(`${cli.api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cli.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id: 'demo' }, user: 'rss' }),
        })
      ).json()
      const auth = { authorization: `Bearer ${session.client_secret}` }
      const upload = (bytes: Buffer<ArrayBuffer>, name: string) => {
        const form = new FormData()
        form.set('purpose', 'chat_attachment')
        form.set('file', new File([bytes], name))
        return fetch(`${cli.api}/contexts/file`, { method: 'POST', headers: auth, body: form })
      }
      // Warm the upload path (code, buffers, the SQLite statements) so the measure is the body's cost.
      for (let i = 0; i < 3; i++) expect((await upload(Buffer.alloc(MiB, 'w'), `warm${i}.txt`)).status).toBe(200)

      const bytes = Buffer.alloc(20 * MiB)
      for (let i = 0; i < bytes.length; i++) bytes[i] = 32 + ((i * 7919) % 95) // printable ASCII: the text check reads it all
      const before = procKb(pid, 'VmRSS')
      writeFileSync(`/proc/${pid}/clear_refs`, '5')
      const started = performance.now()
      const res = await upload(bytes, 'big.txt')
      const ms = performance.now() - started
      const peak = procKb(pid, 'VmHWM')
      expect(res.status).toBe(200)
      const file = await res.json()
      expect(file).toMatchObject({ size: 20 * MiB, mimeType: 'text/plain' })
      const rise = peak - before
      console.log(
        `20 MiB upload: server RSS ${(before / MiB).toFixed(1)} MiB before, peak ${(peak / MiB).toFixed(1)} MiB, rise ${(rise / MiB).toFixed(1)} MiB; ${ms.toFixed(0)} ms`,
      )
      expect(rise).toBeLessThan(20 * MiB)

      const want = createHash('sha256').update(bytes).digest('hex')
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, 'files', file.id)))
          .digest('hex'),
      ).toBe(want)

      // It comes back whole, streamed from disk.
      const got = await fetch(file.url, { headers: auth })
      expect(got.headers.get('content-length')).toBe(String(20 * MiB))
      expect(
        createHash('sha256')
          .update(Buffer.from(await got.arrayBuffer()))
          .digest('hex'),
      ).toBe(want)
    } finally {
      cli.child.kill('SIGKILL')
      await cli.exited
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
