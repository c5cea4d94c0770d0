import type { StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { expect } from 'vitest'
import { envelopesOf, eventsNamed, partsOf } from './envelopes.js'
import type { TestServer } from './harness.js'
import { readUntil } from './sse.js'

/**
 * Run helpers for agent integration tests (adapters): start a run, answer its interrupt, stop it
 * mid-answer, and read what the user saw.
 */
export function agentRuns(s: TestServer, assistant: string) {
  async function start(text: string, at?: { secret: string; threadId: string }) {
    const secret = at?.secret ?? (await s.session('adapter-user', assistant))
    const threadId = at?.threadId ?? ((await (await s.call(secret, 'POST', '/threads', {})).json()).thread_id as string)
    const res = await s.call(secret, 'POST', `/threads/${threadId}/runs/stream`, { input: { input: { input: text } } })
    if (res.status !== 200) throw new Error(`run: ${res.status} ${await res.text()}`)
    return { secret, threadId, res }
  }
  return {
    start,
    /** A whole run: its envelopes, and where it ran (for a follow-up or a resume). */
    async ask(text: string, at?: { secret: string; threadId: string }) {
      const r = await start(text, at)
      return { secret: r.secret, threadId: r.threadId, envs: envelopesOf(await r.res.text()) }
    },
    /** Answers the thread's interrupt (`{decisions}` or `{toolMessages}`) and reads the resumed run. */
    async resume(at: { secret: string; threadId: string }, value: unknown) {
      const res = await s.call(at.secret, 'POST', `/threads/${at.threadId}/runs/stream`, { input: { command: { resume: value } } })
      if (res.status !== 200) throw new Error(`resume: ${res.status} ${await res.text()}`)
      return envelopesOf(await res.text())
    },
    /**
     * Starts a run, waits until `seen(sseTextSoFar)` (and, when given, until `ready()` holds: a
     * positive signal from outside the stream, such as a tool server reporting the call started),
     * presses Stop, and returns the stopped run's envelopes.
     */
    async stopWhen(text: string, seen: (sse: string) => boolean, ready?: () => Promise<boolean>) {
      const r = await start(text)
      const runId = r.res.headers.get('x-run-id')!
      const head = await readUntil(r.res, seen)
      if (ready) await expect.poll(ready, { timeout: 10_000 }).toBe(true)
      const cancel = await s.call(r.secret, 'POST', `/threads/${r.threadId}/runs/${runId}/cancel`)
      if (cancel.status >= 300) throw new Error(`cancel: ${cancel.status}`)
      const rejoin = await s.call(r.secret, 'GET', `/threads/${r.threadId}/runs/${runId}/stream`)
      return { head, envs: envelopesOf(await rejoin.text()) }
    },
  }
}

/** How the run ended (`on_conversation_end` data, without the conversation id it also carries). */
export function endOf(envs: StreamEnvelope[]) {
  const { id: _conversation, ...end } = eventsNamed(envs, 'on_conversation_end')[0] as { id?: string; status: string; error?: string }
  return end
}

/**
 * A failed run as the user sees it and as the server logged it: the user gets only a reference
 * (`the assistant could not answer (ref …)`); the agent's own text is in the server log under it.
 */
export function failureOf(s: TestServer, envs: StreamEnvelope[]) {
  const end = endOf(envs)
  const ref = /could not answer \(ref ([0-9a-f]+)\)/.exec(end.error ?? '')?.[1]
  const logged = ref ? s.errors.find((e) => e.message.includes(`(ref ${ref})`)) : undefined
  return { status: end.status, shown: end.error, logged: logged?.error }
}

/** The interrupt value of an interrupted run. */
export const interruptOf = (envs: StreamEnvelope[]) => (eventsNamed(envs, 'on_interrupt')[0] as any)?.tasks[0].interrupts[0].value

/** Tool steps as last shown (one per id): `{type: name, title, status, input, output, error}`. */
export function stepsOf(envs: StreamEnvelope[]) {
  const last = new Map<string, any>()
  for (const p of partsOf(envs, 'component')) if (p.data?.category === 'Tool') last.set(p.id, p.data)
  return [...last.values()]
}
