import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { packAll } from '../pack.mjs'
import { installPacked } from './install-packed.mjs'

// The packed packages in a project of their own (node_modules from the tarballs, no workspace links).
const tmp = mkdtempSync(path.join(tmpdir(), 'chatkit-consumer-'))
const app = path.join(tmp, 'app')
beforeAll(() => {
  const manifest = packAll(path.join(tmp, 'pack'))
  cpSync(path.join(import.meta.dirname, 'consumer'), app, { recursive: true })
  installPacked(app, manifest, ['react', 'react-dom', '@types/react', '@types/react-dom', '@types/node', 'typescript'])
}, 120_000)
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

// tsconfig.json: a browser app (DOM lib, bundler resolution); tsconfig.node.json: a Node server
// (no DOM lib, NodeNext resolution), where a DOM-only type in the server's declarations fails;
// tsconfig.adapters.json: the agent adapters and MCP package, NodeNext with the DOM lib (see adapters.ts).
it.each(['tsconfig.json', 'tsconfig.node.json', 'tsconfig.adapters.json'])(
  'the declarations compile in a strict consumer with skipLibCheck: false (%s)',
  { timeout: 120_000 },
  (config) => {
    const tsc = path.join(app, 'node_modules', 'typescript', 'bin', 'tsc')
    let out = ''
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { cwd: app, encoding: 'utf8' })
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e)
    }
    expect(out).toBe('')
  },
)

it('the packed host SDK and React wrapper import in Node and render <ChatKit> without touching window or document', { timeout: 60_000 }, () => {
  const out = execFileSync(process.execPath, ['ssr.mjs'], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, NODE_ENV: 'production' } })
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ html: '<xpertai-chatkit class="chat"></xpertai-chatkit>', touched: [] })
})
