import { encodeWav } from '@xpert-ai/chatkit-protocol'
import { tone } from '../../../../e2e/support/fake-transcriber.js'
import type { Rng } from './prng.js'
import { multipart, type World } from './world.js'

/** One valid request to an endpoint, which the strategies then break in one way. */
export type Target = {
  endpoint: string
  method: string
  /** Under the API base, e.g. `/threads/<id>`. */
  path: string
  body?: { kind: 'json'; value: unknown } | { kind: 'multipart'; boundary: string; bytes: Buffer } | { kind: 'audio'; bytes: Buffer }
  /** `apiKey` for the sessions endpoint, else a client secret of Alice. */
  auth: 'apiKey' | 'alice'
  /** The path names one of Alice's resources: anyone else must get a 404. */
  owned: boolean
  /** Statuses a valid request may get (a busy thread answers 409, for instance). */
  okStatuses: number[]
}

/** Every route of packages/server/src/routes/index.ts. */
export const ENDPOINTS = [
  'sessions.create',
  'assistants.get',
  'threads.create',
  'threads.get',
  'threads.branch',
  'threads.copy',
  'runs.stream',
  'runs.get',
  'runs.join',
  'runs.cancel',
  'conversations.search',
  'conversations.get',
  'conversations.rename',
  'conversations.delete',
  'messages.list',
  'feedbacks.post',
  'feedbacks.list',
  'files.upload',
  'files.get',
  'audio.transcribe',
] as const
export type EndpointName = (typeof ENDPOINTS)[number]

const json = (value: unknown) => ({ kind: 'json' as const, value })

export async function validTarget(name: EndpointName, w: World, r: Rng): Promise<Target> {
  const thread = () => r.pick(w.threads)
  const anyThread = () => r.pick([...w.threads, w.quietThread])
  const run = () => r.pick(w.runs)
  const ai = () => r.pick(w.aiMessages)
  const base = { endpoint: name, auth: 'alice' as const, owned: true, okStatuses: [200] }
  switch (name) {
    case 'sessions.create':
      return {
        ...base,
        method: 'POST',
        path: '/v1/chatkit/sessions',
        auth: 'apiKey',
        owned: false,
        body: json({ assistant: { id: 'fuzz' }, user: 'alice', expires_after: 600 }),
      }
    case 'assistants.get':
      return { ...base, method: 'GET', path: '/assistants/fuzz', owned: false }
    case 'threads.create':
      return { ...base, method: 'POST', path: '/threads', owned: false, body: json({ assistant_id: 'fuzz', metadata: { title: 'fuzz thread' } }) }
    case 'threads.get':
      return { ...base, method: 'GET', path: `/threads/${anyThread()}` }
    case 'threads.branch': {
      // Switching to the branch through an answer; a thread still answering refuses it (409).
      const m = ai()
      return { ...base, method: 'POST', path: `/threads/${m.threadId}/branch`, okStatuses: [200, 409], body: json({ messageId: m.messageId }) }
    }
    case 'threads.copy': {
      const m = ai()
      return { ...base, method: 'POST', path: `/threads/${m.threadId}/copy`, body: json({ messageId: m.messageId }) }
    }
    case 'runs.stream':
      return { ...base, method: 'POST', path: `/threads/${thread()}/runs/stream`, okStatuses: [200, 202, 409], body: json(runBody(w, r)) }
    case 'runs.get': {
      const x = run()
      return { ...base, method: 'GET', path: `/threads/${x.threadId}/runs/${x.runId}` }
    }
    case 'runs.join': {
      const x = run()
      return { ...base, method: 'GET', path: `/threads/${x.threadId}/runs/${x.runId}/stream`, okStatuses: [200, 410] }
    }
    case 'runs.cancel': {
      const x = run()
      return { ...base, method: 'POST', path: `/threads/${x.threadId}/runs/${x.runId}/cancel`, okStatuses: [202] }
    }
    case 'conversations.search':
      return {
        ...base,
        method: 'POST',
        path: '/conversations/search',
        owned: false,
        body: json({ where: { xpertId: 'fuzz' }, limit: 20, offset: 0, order: { updatedAt: 'DESC' }, search: 'thread' }),
      }
    case 'conversations.get':
      return { ...base, method: 'GET', path: `/conversations/${anyThread()}` }
    case 'conversations.rename':
      return { ...base, method: 'PATCH', path: `/conversations/${anyThread()}`, body: json({ title: `${w.marker} renamed` }) }
    case 'conversations.delete':
      // Only disposable threads are ever deleted, so the fixtures survive the run.
      return { ...base, method: 'DELETE', path: `/conversations/${await w.createThread('alice', true)}`, okStatuses: [200, 404, 409] }
    case 'messages.list':
      return { ...base, method: 'GET', path: `/conversations/${anyThread()}/messages?limit=${r.int(1, 200)}&offset=${r.int(0, 5)}` }
    case 'feedbacks.post': {
      const m = ai()
      return {
        ...base,
        method: 'POST',
        path: `/conversations/${m.threadId}/messages/${m.messageId}/feedbacks`,
        body: json({ rating: r.pick(['like', 'dislike']), content: 'fine' }),
      }
    }
    case 'feedbacks.list': {
      const m = ai()
      return { ...base, method: 'GET', path: `/conversations/${m.threadId}/messages/${m.messageId}/feedbacks` }
    }
    case 'files.upload': {
      const boundary = `b${r.hex(16)}`
      const bytes = multipart(boundary, [
        { name: 'file', filename: 'fuzz.txt', type: 'text/plain', data: 'fuzz upload' },
        { name: 'purpose', data: 'chat_attachment' },
        { name: 'xpertId', data: 'fuzz' },
        { name: 'threadId', data: thread() },
      ])
      return { ...base, method: 'POST', path: '/contexts/file', owned: false, body: { kind: 'multipart', boundary, bytes } }
    }
    case 'files.get':
      return { ...base, method: 'GET', path: `/contexts/file/${r.pick(w.files)}` }
    case 'audio.transcribe':
      return {
        ...base,
        method: 'POST',
        path: '/audio/transcriptions',
        owned: false,
        body: { kind: 'audio', bytes: Buffer.from(encodeWav(tone(r.int(1, 20) / 10), 16_000)) },
      }
  }
}

/** A run request in one of its forms: message (with a file), resume, retry, widget action, follow-up. */
function runBody(w: World, r: Rng): unknown {
  const common = { assistant_id: 'fuzz', context: { env: { REGION: 'eu' } }, config: { tags: ['fuzz'] }, on_disconnect: r.pick(['continue', 'cancel']) }
  switch (r.int(0, 4)) {
    case 0:
      return { ...common, retry: true }
    case 1:
      return { ...common, input: { command: { resume: { decisions: [{ type: 'approve' }] } } } }
    case 2:
      return { ...common, input: { action: { action: { type: 'submit', payload: { a: 1 } }, itemId: 'w1' } } }
    case 3:
      return { ...common, followUpMode: r.pick(['queue', 'steer']), input: { input: { input: 'follow up' } } }
    default:
      return {
        ...common,
        clientMessageId: `tmp_${r.hex(6)}`,
        input: { input: { input: 'hello fuzz', files: [{ id: r.pick(w.files) }], references: [] }, state: { human: { input: 'hello fuzz' } } },
      }
  }
}
