import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { chatFrame } from '../support/host.js'
import { E2E } from '../support/ports.js'
import { closeServer, serveRoutes } from '../support/static-server.js'
import { mintSecret } from '../support/secrets.js'

/**
 * docs/agents.md, followed as a reader would: its agent module saved in a folder outside the
 * repository (no node_modules), started with the guide's command from that folder. In Chromium, a
 * page embeds the chat (SDK from the server), the user picks a composer tool, attaches a text file
 * and an image, and sends: the agent's answer shows the tool and what it read through ctx.files.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const guide = readFileSync(path.join(ROOT, 'docs/agents.md'), 'utf8')
const agentCode = /```js\n(\/\/ my-agent\.js\n[\s\S]*?)\n```/.exec(guide)![1]
const command = /```sh\n(npm --prefix \S+ start -- (--agent \.\/my-agent\.js[^\n]*))\n```/.exec(guide)!
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const apiPort = E2E.extraPort(2)
const api = `http://127.0.0.1:${apiPort}`
const hostPort = E2E.extraPort(4)
const version = JSON.parse(readFileSync(path.join(ROOT, 'packages/chatkit-js/package.json'), 'utf8')).version as string

let dir = ''
let child: ChildProcess | null = null
let servers: Server[] = []
test.afterEach(async () => {
  child?.kill('SIGKILL')
  await Promise.all(servers.map(closeServer))
  servers = []
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the docs/agents.md agent, started by its documented command from its own folder, gets the tool choice and reads a text file and an image', async ({
  page,
}) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'my-agent-'))
  writeFileSync(path.join(dir, 'my-agent.js'), agentCode)
  // `npm --prefix <checkout> start -- <flags>` runs the built CLI with <flags> from this folder;
  // the test adds only its ports, data dir, key and allowed origin.
  const flags = command[2].split(' ')
  expect(flags).toEqual(['--agent', './my-agent.js', '--demo-agent', 'my-agent'])
  child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'apps/server/dist/cli.js'),
      ...flags,
      '--port',
      String(apiPort),
      '--no-demo',
      '--data-dir',
      path.join(dir, 'data'),
      '--api-key',
      E2E.apiKey,
      '--allowed-origins',
      `http://127.0.0.1:${hostPort}`,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  await expect
    .poll(
      () =>
        fetch(`${api}/healthz`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 15_000, message: out },
    )
    .toBe(200)
  expect(out).toContain('agents: my-agent, demo')

  const secret = await mintSecret('reader', { assistant: 'my-agent', origin: api })
  const options = {
    frameUrl: `${api}/chatkit/`,
    api: { apiUrl: `${api}/api/ai`, xpertId: 'my-agent' },
    composer: { tools: [{ id: 'web_search', label: 'Web search', shortLabel: 'Search', pinned: true }], attachments: { enabled: true } },
  }
  servers.push(
    await serveRoutes(hostPort, {
      '/': {
        type: 'text/html',
        body: `<!doctype html><style>xpertai-chatkit{display:block;width:480px;height:700px}</style><xpertai-chatkit id="chat"></xpertai-chatkit>
<script src="${api}/chatkit/sdk/${version}/chatkit.iife.js"></script><script src="/chat.js"></script>`,
      },
      '/chat.js': {
        type: 'text/javascript',
        body: `const o = ${JSON.stringify(options)}
o.api.getClientSecret = async () => ${JSON.stringify(secret)}
ChatKit.createChatKit({ element: document.getElementById('chat'), ...o })`,
      },
    }),
  )
  await page.goto(`http://127.0.0.1:${hostPort}/`)
  const f = chatFrame(page)
  await f.getByRole('button', { name: 'Search' }).click()
  await f.locator('input[type="file"]').setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from a file') },
    { name: 'pic.png', mimeType: 'image/png', buffer: PNG },
  ])
  const items = f.getByRole('list', { name: 'Attachments' }).getByRole('listitem')
  await expect(items).toHaveCount(2)
  for (const i of [0, 1]) await expect(items.nth(i)).toHaveAttribute('data-status', 'done')
  const input = f.getByRole('textbox', { name: 'Message' })
  await input.fill('what did I send?')
  await input.press('Enter')
  const answer = f.locator('article[data-message-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  const text = (await answer.textContent()) ?? ''
  expect(text).toContain('Tool: web_search')
  expect(text).toContain('notes.txt: "hello from a file"')
  expect(text).toContain(`pic.png: image/png, ${PNG.length} bytes`)
  expect(text).toContain('You said: what did I send?')
})
