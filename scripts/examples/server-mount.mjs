// The test of a server example (express, hono): type check and build (one tsc run), start it, check its own routes,
// then a LangGraph SDK client run against the ChatKit API mounted at /api/ai answered by its custom agent.
import { copyFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../local-server.mjs'
import { sh, startProcess } from './setup.mjs'

const expectJson = async (res, status, body) => {
  const got = await res.json()
  if (res.status !== status || JSON.stringify(got) !== JSON.stringify(body))
    throw new Error(`expected ${status} ${JSON.stringify(body)}, got ${res.status} ${JSON.stringify(got)}`)
}

/** `agent`/`message`/`answer`: the example's custom agent id, what to send it and what it must answer. */
export async function runServerExample(dir, { agent, message, answer }) {
  sh(dir, 'npm', ['run', 'build']) // tsc: the strict type check (skipLibCheck: false) and the emit in one run
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const apiKey = 'example-server-mount-key'
  const env = { PORT: String(port), CHATKIT_API_KEY: apiKey, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'chatkit-example-data-')) }
  const app = await startProcess(dir, 'npm', ['start'], { env, readyUrl: `${origin}/api/health` })
  try {
    await expectJson(await fetch(`${origin}/api/health`), 200, { ok: true })
    await expectJson(
      await fetch(`${origin}/api/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'milk' }) }),
      201,
      { todo: 'milk' },
    )
    console.log("  ✓ the app's own routes answer (GET /api/health, POST /api/todos with a JSON body)")
    copyFileSync(path.join(import.meta.dirname, 'langgraph-client.mjs'), path.join(dir, 'langgraph-client.mjs'))
    const out = JSON.parse(
      sh(dir, 'node', ['langgraph-client.mjs', `${origin}/api/ai`, apiKey, agent, message])
        .trim()
        .split('\n')
        .at(-1),
    )
    if (out.text !== answer) throw new Error(`the LangGraph SDK run answered ${JSON.stringify(out.text)}, expected ${JSON.stringify(answer)}`)
    console.log(`  ✓ LangGraph SDK run answered by "${agent}" in ${out.events} stream events: ${out.text}`)
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : e}\napp output:\n${app.output()}`)
  } finally {
    app.stop()
  }
}
