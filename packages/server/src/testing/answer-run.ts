import type { TestServer } from './harness.js'
import { parseSse } from './sse.js'

/** Runs `agentId` once on a new thread: the stream's envelopes and the stored AI message's content. */
export async function runAnswer(s: TestServer, agentId: string, text: string): Promise<{ events: any[]; stored: any }> {
  const secret = await s.session('u', agentId)
  const threadId = (await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id
  const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { ...s.runBody(text), assistant_id: agentId })
  const events = parseSse(await res.text())
    .filter((e) => !e.comment)
    .map((e) => JSON.parse(e.data))
  const row = s.store.db.prepare("SELECT content FROM messages WHERE thread_id = ? AND role = 'ai'").get(threadId) as { content: string }
  return { events, stored: JSON.parse(row.content) }
}
