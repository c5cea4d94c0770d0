import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FORM_TYPE, fileHead, until } from '../../../packages/server/src/testing/uploads.js'
import { describe, expect, it } from 'vitest'
import { startCli } from './cli-process.js'

const partials = (dir: string) => {
  try {
    return readdirSync(join(dir, 'files', '.partial'))
  } catch {
    return []
  }
}

/** SIGKILL during an upload, then restart on the same data dir. */
describe('chatkit-server killed mid-upload', () => {
  it('frees the upload on restart and removes its partial bytes at startup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatkit-upload-crash-'))
    let cli = await startCli(dir)
    try {
      const session = await (
        await fetch(`${cli.api}/v1/chatkit/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cli.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ assistant: { id: 'demo' }, user: 'crash' }),
        })
      ).json()
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(fileHead('cut.txt'))
          c.enqueue(Buffer.alloc(200_000, 'c'))
          // …and nothing more: the server dies while it waits for the rest.
        },
      })
      const cut = fetch(`${cli.api}/contexts/file`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.client_secret}`, 'content-type': FORM_TYPE },
        body,
        // @ts-expect-error Node's fetch needs `duplex` for a streamed request body; DOM typings lack it.
        duplex: 'half',
      }).catch(() => null)
      await until(() => partials(dir).length === 1, 10_000, 'the partial file')
      cli.child.kill('SIGKILL')
      await cli.exited
      await cut
      expect(partials(dir)).toHaveLength(1)

      cli = await startCli(dir)
      expect(cli.output()).toMatch(/cancelled 1 upload\(s\) a stopped server left unfinished/)
      await until(() => partials(dir).length === 0, 10_000, 'the startup sweep')
      // The user's quota is whole again: with 4 at once allowed, 4 uploads in a row go through.
      const up = () => {
        const form = new FormData()
        form.set('file', new File(['after the crash'], 'ok.txt'))
        return fetch(`${cli.api}/contexts/file`, { method: 'POST', headers: { authorization: `Bearer ${session.client_secret}` }, body: form })
      }
      expect((await Promise.all([up(), up(), up(), up()])).map((r) => r.status)).toEqual([200, 200, 200, 200])
    } finally {
      cli.child.kill('SIGKILL')
      await cli.exited
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
