import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { startPostgres, startRedis } from '../../../scripts/services.mjs'
import { startCli } from '../src/cli-process.js'
import { docFiles, ROOT, serverCommands, snippets, where, type Snippet } from './doc-snippets.js'

const all: Snippet[] = docFiles().flatMap(snippets)
/** `// excerpt of examples/…` on a snippet's first line: the example file it quotes. */
const excerptOf = (s: Snippet) => /^\/\/ excerpt of (examples\/\S+)/.exec(s.code)?.[1]
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-docs-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const dist = (p: string) => [join(ROOT, p)]
/** Snippets compile against the built packages' declarations, as a user's project would. */
const PATHS: Record<string, string[]> = {
  '@xpert-ai/chatkit-js': dist('packages/chatkit-js/dist/index.d.ts'),
  '@xpert-ai/chatkit-js/launcher': dist('packages/chatkit-js/dist/launcher.d.ts'),
  '@xpert-ai/chatkit-react': dist('packages/chatkit-react/dist/index.d.ts'),
  '@xpert-ai/chatkit-server': dist('packages/server/dist/index.d.ts'),
  '@xpert-ai/chatkit-protocol': dist('packages/protocol/dist/index.d.ts'),
  '@xpert-ai/chatkit-server-postgres': dist('packages/server-postgres/dist/index.d.ts'),
  '@xpert-ai/chatkit-server-redis': dist('packages/server-redis/dist/index.d.ts'),
  react: dist('packages/chatkit-react/node_modules/@types/react/index.d.ts'),
  'react/jsx-runtime': dist('packages/chatkit-react/node_modules/@types/react/jsx-runtime.d.ts'),
}

describe('docs', () => {
  it('every TypeScript/TSX snippet type-checks (strict) against the built packages', () => {
    const code = all.filter((s) => ['ts', 'tsx', 'typescript'].includes(s.lang) && !excerptOf(s))
    expect(code.length).toBeGreaterThan(8)
    const dir = join(ROOT, '.cache', 'docs-check')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const names = new Map<string, Snippet>()
    code.forEach((s, i) => {
      const name = join(dir, `snippet-${i}.${s.lang === 'tsx' ? 'tsx' : 'ts'}`)
      // Each snippet is its own module (a file of the reader's project).
      writeFileSync(name, `${s.code}\nexport {}\n`)
      names.set(name, s)
    })
    const program = ts.createProgram([...names.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      jsx: ts.JsxEmit.ReactJSX,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules/@types')],
      skipLibCheck: true,
      paths: PATHS,
      baseUrl: ROOT,
    })
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const s = d.file ? names.get(d.file.fileName) : undefined
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0
      return `${s ? `${s.file}:${s.line + 1 + line}` : (d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    })
    expect(problems).toEqual([])
  })

  // A snippet that starts `// excerpt of examples/<x>/…` shows lines of an example project, which
  // `pnpm test:examples` type-checks (strict) with its own framework types: each of its lines must
  // be in that file, word for word, so the doc cannot drift from code that compiles.
  it('every excerpt of an example is word for word in that example', () => {
    const excerpts = all.filter((s) => excerptOf(s))
    for (const s of excerpts) {
      const source = readFileSync(join(ROOT, excerptOf(s)!), 'utf8')
      const missing = s.code
        .split('\n')
        .slice(1)
        .map((l) => l.trim())
        .filter((l) => l && !source.includes(l))
      expect(missing, where(s)).toEqual([])
    }
  })

  // The agent module of docs/agents.md, in a folder outside the repository with no node_modules.
  const agentDir = join(tmp, 'my-agent')
  mkdirSync(agentDir)
  const agentDoc = all.find((s) => s.file === join('docs', 'agents.md') && s.lang === 'js' && s.code.startsWith('// my-agent.js'))
  writeFileSync(join(agentDir, 'my-agent.js'), agentDoc?.code ?? '')
  // A second module in the plain-object form (no import), for commands that load two.
  writeFileSync(join(agentDir, 'other-agent.js'), "export default { id: 'other', name: 'Other', async *run() { yield { type: 'text', text: 'other' } } }\n")
  const KEY = 'docs-test-key-0123456789abcdef'
  // The scale command's URLs point at throwaway PostgreSQL and Redis, started when a command uses them.
  const DB = '@database-url@'
  const REDIS = '@redis-url@'
  const vars = { CHATKIT_API_KEY: KEY, 'openssl rand -hex 32': KEY, PWD: tmp, U: 'user-123', DATABASE_URL: DB, REDIS_URL: REDIS }
  let services: Promise<{ db: string; redis: string }> | null = null
  const stops: (() => Promise<void>)[] = []
  afterAll(async () => void (await Promise.all(stops.map((stop) => stop()))))
  const withServices = async (args: string[]) => {
    if (!args.includes(DB) && !args.includes(REDIS)) return args
    services ??= Promise.all([startPostgres(), startRedis()]).then(([pg, redis]) => {
      stops.push(pg.stop, redis.stop)
      return { db: pg.url, redis: redis.url }
    })
    const { db, redis } = await services
    return args.map((a) => (a === DB ? db : a === REDIS ? redis : a))
  }
  const env = (extra: Record<string, string>) => {
    const e: NodeJS.ProcessEnv = { ...process.env, ...extra }
    for (const k of Object.keys(e)) if (/^(OPENAI_|CHATKIT_|PORT$|DEMO_PORT$|HOST$)/.test(k) && !(k in extra)) delete e[k]
    return e
  }

  const commands = all.filter((s) => s.lang === 'sh').flatMap((s) => serverCommands(s.code, vars).map((c) => ({ ...c, at: where(s) })))
  it('finds the server commands of the docs', () => {
    expect(commands.length).toBeGreaterThan(8)
  })
  // `npm start -- …` builds and then runs the CLI with those arguments: here the built CLI runs
  // directly, with the documented flags and env, on free ports and a fresh data dir.
  for (const [i, c] of commands.entries()) {
    it(`starts: ${c.at} ${c.text.slice(0, 90)}`, { timeout: 60_000 }, async () => {
      const cli = await startCli(join(tmp, `data-${i}`), { args: await withServices(c.args), cwd: agentDir, env: env(c.env) })
      try {
        expect(cli.output()).toContain('ChatKit server is running')
        // The demo site talks to the openai agent whenever one is configured.
        if (c.env.OPENAI_BASE_URL && !c.args.includes('--no-demo')) expect(cli.output()).toContain("the demo site talks to the 'openai' agent")
        expect((await fetch(new URL('/healthz', cli.api))).status).toBe(200)
      } finally {
        cli.child.kill('SIGTERM')
        await cli.exited
      }
    })
  }

  it('the agent of docs/agents.md, run by its documented command from its own folder, gets the tool choice and reads a text file and an image', async () => {
    expect(agentDoc, 'docs/agents.md has the my-agent.js example').toBeTruthy()
    const cmd = commands.find((c) => c.at.startsWith('docs/agents.md') && c.args.includes('./my-agent.js'))!
    expect(cmd).toBeTruthy()
    const cli = await startCli(join(tmp, 'data-agent'), { args: cmd.args, cwd: agentDir, env: env(cmd.env) })
    try {
      const session = await fetch(`${cli.api}/v1/chatkit/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cli.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assistant: { id: 'my-agent' }, user: 'reader' }),
      })
      expect(session.status).toBe(200)
      const secret = (await session.json()).client_secret as string
      const auth = { authorization: `Bearer ${secret}` }
      const upload = async (bytes: BlobPart, name: string) => {
        const form = new FormData()
        form.set('file', new File([bytes], name))
        const res = await fetch(`${cli.api}/contexts/file`, { method: 'POST', headers: auth, body: form })
        expect(res.status).toBe(200)
        return (await res.json()).id as string
      }
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
      const files = [{ id: await upload('hello from a file', 'notes.txt') }, { id: await upload(png, 'pic.png') }]
      const thread = await (await fetch(`${cli.api}/threads`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })).json()
      const run = await fetch(`${cli.api}/threads/${thread.thread_id}/runs/stream`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { input: { input: 'what did I send?', tool: 'web_search', files } } }),
      })
      const sse = await run.text()
      const text = [...sse.matchAll(/"type":"text","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join('')
      expect(text).toBe(`Tool: web_search\n\nnotes.txt: "hello from a file"\n\npic.png: image/png, ${png.length} bytes\n\nYou said: what did I send?`)
    } finally {
      cli.child.kill('SIGTERM')
      await cli.exited
    }
  })
})
