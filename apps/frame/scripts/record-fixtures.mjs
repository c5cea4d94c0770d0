// Records real run streams from the demo agent as reducer fixtures
// (apps/frame/src/thread/fixtures/<name>.json). Starts the built server (apps/server/dist/cli.js)
// on a free port with a throwaway data dir, runs each keyword (and the resume of the interrupting
// ones) and saves the SSE envelopes. Run after `pnpm run build`:
//   node apps/frame/scripts/record-fixtures.mjs
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiHeaders as headers, postJson, startBuiltServer } from '../../../scripts/local-server.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const out = path.join(root, 'apps/frame/src/thread/fixtures')
const KEY = 'record-fixtures-api-key-0123456789'

const server = await startBuiltServer({ apiKey: KEY, tmpPrefix: 'ck-rec-' })
const api = server.api
try {
  const session = await post('/v1/chatkit/sessions', { assistant: { id: 'demo' }, user: 'recorder' }, KEY)
  const secret = session.client_secret
  const thread = () => post('/threads', { assistant_id: 'demo' }, secret)

  async function run(threadId, body) {
    const res = await fetch(`${api}/threads/${threadId}/runs/stream`, {
      method: 'POST',
      headers: headers(secret),
      body: JSON.stringify({ assistant_id: 'demo', ...body }),
    })
    if (!res.ok) throw new Error(`run failed: ${res.status} ${await res.text()}`)
    const text = await res.text()
    return text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)))
  }
  const message = (text) => ({ input: { input: { input: text, clientMessageId: 'tmp_1' }, state: { human: { input: text } } } })
  const save = (name, envelopes) => {
    writeFileSync(path.join(out, `${name}.json`), JSON.stringify(envelopes, null, 1) + '\n')
    console.log(`${name}: ${envelopes.length} envelopes`)
  }

  for (const k of ['reason', 'search', 'widget', 'effect', 'usage', 'agents', 'fail', 'math']) save(k, await run((await thread()).thread_id, message(k)))
  const resumes = {
    client: { toolMessages: [{ tool_call_id: null, name: 'get_host_info', content: { title: 'Demo' }, status: 'success' }] },
    approve: { decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: { to: 'b@example.com', subject: 'Edited' } } }] },
    confirm: { decisions: [{ type: 'approve' }] },
  }
  for (const [k, resume] of Object.entries(resumes)) {
    const t = (await thread()).thread_id
    const first = await run(t, message(k))
    save(k, first)
    const it = first.find((e) => e.event === 'on_interrupt')?.data.tasks[0].interrupts[0].value
    if (resume.toolMessages) resume.toolMessages[0].tool_call_id = it.clientToolCalls[0].id
    save(`${k}-resume`, await run(t, { input: { command: { resume } } }))
  }
} finally {
  server.stop()
}

function post(p, body, secret) {
  return postJson(api + p, body, secret)
}
