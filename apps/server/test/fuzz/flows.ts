import type { Rng } from './prng.js'
import type { World } from './world.js'

/**
 * A valid user session mixed in with the fuzzing: create, stream, resume, list, rate, rename,
 * search, upload, read back, delete. Each step checks its answer, and Bob, holding a valid secret
 * of his own, checks that none of Alice's new data is visible to him. Returns what went wrong.
 */
export async function validFlow(w: World, r: Rng): Promise<string[]> {
  const problems: string[] = []
  const check = (ok: boolean, what: string) => void (ok || problems.push(`valid flow: ${what}`))
  const alice = await w.aliceSecret()
  const bob = await w.secret('bob')
  const tag = r.hex(10)

  const created = await w.call('POST', '/threads', { secret: alice, json: { metadata: { title: `${w.marker} flow ${tag}` } } })
  check(created.status === 200, `create thread → ${created.status}`)
  if (created.status !== 200) return problems
  const t: string = created.json.thread_id

  const text = `${w.marker} question ${tag}`
  const run = await w.run(t, text, alice)
  check(run.status === 200 && !!run.runId, `run → ${run.status}`)
  check(
    run.sse.includes('"on_conversation_start"') && /"on_conversation_end","data":\{[^\n]*\}\}$/.test(run.sse.trimEnd()),
    'run stream is not a complete answer',
  )
  if (run.status !== 200 || !run.runId) return problems
  const ids = [...run.sse.matchAll(/^id: (.+)$/gm)].map((m) => m[1])

  const msgs = await w.call('GET', `/conversations/${t}/messages`, { secret: alice })
  const items: { id: string; role: string; content: unknown; status: string }[] = msgs.json?.items ?? []
  check(msgs.status === 200 && items.length === 2, `messages → ${msgs.status}, ${items.length} items`)
  check(items[0]?.role === 'human' && JSON.stringify(items[0]?.content).includes(tag), 'the human message is not the text sent')
  const ai = items.find((m) => m.role === 'ai')
  check(ai?.status === 'success', `the answer's status is ${ai?.status}`)

  const got = await w.call('GET', `/threads/${t}/runs/${run.runId}`, { secret: alice })
  check(got.status === 200 && got.json?.run_id === run.runId && got.json?.status === 'success', `get run → ${got.status} ${got.json?.status}`)

  if (ids.length > 1) {
    const k = r.int(0, ids.length - 2)
    const joined = await w.call('GET', `/threads/${t}/runs/${run.runId}/stream`, { secret: alice, headers: [['Last-Event-ID', ids[k]]] })
    const replayed = [...joined.body.toString('utf8').matchAll(/^id: (.+)$/gm)].map((m) => m[1])
    check(
      joined.status === 200 && JSON.stringify(replayed) === JSON.stringify(ids.slice(k + 1)),
      `resume after event ${k} replayed ${replayed.length} of ${ids.length - k - 1}`,
    )
  }

  if (ai) {
    const fb = await w.call('POST', `/conversations/${t}/messages/${ai.id}/feedbacks`, { secret: alice, json: { rating: 'dislike', content: tag } })
    check(fb.status === 200 && fb.json?.rating === 'dislike', `feedback → ${fb.status}`)
    const list = await w.call('GET', `/conversations/${t}/messages/${ai.id}/feedbacks`, { secret: alice })
    check(list.status === 200 && list.json?.items?.length === 1 && list.json.items[0].content === tag, `feedback list → ${list.status}`)
    const bobFb = await w.call('GET', `/conversations/${t}/messages/${ai.id}/feedbacks`, { secret: bob })
    check(bobFb.status === 404, `Bob reads Alice's feedback → ${bobFb.status}`)
  }

  const renamed = await w.call('PATCH', `/conversations/${t}`, { secret: alice, json: { title: `${w.marker} renamed ${tag}` } })
  check(renamed.status === 200, `rename → ${renamed.status}`)
  const conv = await w.call('GET', `/conversations/${t}`, { secret: alice })
  check(conv.status === 200 && conv.json?.title === `${w.marker} renamed ${tag}`, `renamed title → ${conv.json?.title}`)

  const search = { where: { xpertId: 'fuzz' }, limit: 100, order: { updatedAt: 'DESC' }, search: tag }
  const mine = await w.call('POST', '/conversations/search', { secret: alice, json: search })
  check(mine.status === 200 && mine.json?.items?.some((c: { id: string }) => c.id === t), `Alice's search misses her thread (${mine.status})`)
  const theirs = await w.call('POST', '/conversations/search', { secret: bob, json: search })
  check(theirs.status === 200 && !theirs.body.includes(t) && !theirs.body.includes(w.marker), `Bob's search shows Alice's thread (${theirs.status})`)

  for (const path of [
    `/threads/${t}`,
    `/conversations/${t}`,
    `/conversations/${t}/messages`,
    `/threads/${t}/runs/${run.runId}`,
    `/threads/${t}/runs/${run.runId}/stream`,
  ]) {
    const res = await w.call('GET', path, { secret: bob })
    check(res.status === 404 && !res.body.includes(w.marker), `Bob GET ${path.replace(/[0-9a-f-]{36}/g, ':id')} → ${res.status}`)
  }

  const content = `${w.marker} file ${tag}`
  const fileId = await w.upload('alice', content, `notes-${tag}.md`).catch((e: Error) => (problems.push(`valid flow: ${e.message}`), null))
  if (fileId) {
    const file = await w.call('GET', `/contexts/file/${fileId}`, { secret: alice })
    check(
      file.status === 200 && file.body.toString('utf8') === content && /^text\/markdown/.test(file.headers['content-type']?.[0] ?? ''),
      `file read back → ${file.status}`,
    )
    const bobFile = await w.call('GET', `/contexts/file/${fileId}`, { secret: bob })
    check(bobFile.status === 404 && !bobFile.body.includes(w.marker), `Bob reads Alice's file → ${bobFile.status}`)
  }

  const del = await w.call('DELETE', `/conversations/${t}`, { secret: alice })
  check(del.status === 200, `delete → ${del.status}`)
  const gone = await w.call('GET', `/threads/${t}`, { secret: alice })
  check(gone.status === 404, `deleted thread → ${gone.status}`)
  return problems
}
