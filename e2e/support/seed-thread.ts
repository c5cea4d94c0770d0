import { E2E } from './ports.js'

/** A thread of `n` messages, seeded through the API with the no-delay bench agent (`question 0`, `question 1`, …). */
export async function seedThread(secret: string, n: number): Promise<string> {
  const h = { authorization: `Bearer ${secret}`, 'x-api-key': secret, 'content-type': 'application/json' }
  const t = await (await fetch(`${E2E.api}/api/ai/threads`, { method: 'POST', headers: h, body: JSON.stringify({ assistant_id: 'bench' }) })).json()
  for (let i = 0; i < n / 2; i++) {
    const res = await fetch(`${E2E.api}/api/ai/threads/${t.thread_id}/runs/stream`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ assistant_id: 'bench', input: { input: { input: `question ${i}` } } }),
    })
    if (res.status === 429) {
      // The server's per-secret rate limit: wait as told and send the same question again.
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000))
      i--
      continue
    }
    if (!res.ok) throw new Error(`seed ${i}: ${res.status}`)
    await res.text()
  }
  return t.thread_id
}

/** The stored messages `offset`…`offset + limit - 1` of a thread, oldest first. */
export async function storedMessages(
  secret: string,
  threadId: string,
  offset: number,
  limit: number,
): Promise<{ id: string; role: string; content: unknown }[]> {
  const res = await fetch(`${E2E.api}/api/ai/conversations/${threadId}/messages?limit=${limit}&offset=${offset}`, {
    headers: { authorization: `Bearer ${secret}` },
  })
  if (!res.ok) throw new Error(`messages of ${threadId}: ${res.status}`)
  return ((await res.json()) as { items: { id: string; role: string; content: unknown }[] }).items
}
