import type { InterruptRequest, MessageContent } from '@xpert-ai/chatkit-protocol'
import type { AgentAction, AgentFile, AgentInput, AgentResume } from '../agent/types.js'
import { titleFromText } from '../shapes/title.js'
import type { MessageRecord, Store, ThreadRecord } from '../store/types.js'
import { newId } from '../util/ids.js'
import { RunRefused, RunRefusalCodes } from './refusals.js'
import type { ParsedRun } from './run-input.js'

/** Everything a run needs about its turn, decided before the agent starts. */
export type Turn = {
  userMessage?: { id: string; clientMessageId?: string }
  input: AgentInput
  action?: AgentAction
  resume?: AgentResume
  retry: boolean
  /**
   * The AI message the run writes: new, or the interrupted one a resume continues. `parentId`: the
   * question a regenerated answer belongs under (a sibling of the old answer); else after the head.
   */
  ai: { id: string; parts: MessageContent[]; existing: boolean; metadata: Record<string, unknown>; parentId?: string }
  /** History stops before this message (the turn's own human message); null: the whole thread. */
  historyCut: string | null
}

/**
 * Turns a parsed request into a Turn, writing what must exist before the run starts: the
 * user's message (`message`, after the head or where `parentId` puts it), or nothing (`action`,
 * `resume`, `retry`: a regenerated answer is a new sibling of the old one). Refusals are `RunRefused`.
 */
export async function prepareTurn(store: Store, thread: ThreadRecord, req: ParsedRun, files: AgentFile[], runId: string, at: string): Promise<Turn> {
  const fresh = (metadata: Record<string, unknown> = {}) => ({ id: newId(), parts: [], existing: false, metadata })
  switch (req.kind) {
    case 'message': {
      const id = newId()
      const input: AgentInput = { text: req.text, files, references: req.references, ...(req.tool ? { tool: req.tool } : {}) }
      await store.messages.create({
        id,
        threadId: thread.id,
        runId,
        role: 'human',
        content: req.text,
        status: 'success',
        error: null,
        metadata: { clientMessageId: req.clientMessageId, files, references: req.references, ...(req.tool ? { tool: req.tool } : {}) },
        createdAt: at,
        updatedAt: at,
        ...(req.parentId !== undefined ? { parentId: req.parentId } : {}),
      })
      // The files now belong to this conversation: deleted with it, never swept as orphans.
      if (files.length)
        await store.files.attach(
          files.map((f) => f.id),
          thread.id,
        )
      const title = thread.title ? null : titleFromText(req.text)
      if (title) await store.threads.setTitle(thread.id, title, at)
      return { userMessage: { id, clientMessageId: req.clientMessageId }, input, retry: false, ai: fresh(), historyCut: id }
    }
    case 'action': {
      const human = await store.messages.last(thread.id, 'human')
      return { input: inputOf(human), action: req.action, retry: false, ai: fresh({ action: req.action }), historyCut: null }
    }
    case 'resume': {
      const ai = await store.messages.last(thread.id, 'ai')
      const interrupt = ai?.metadata.interrupt as InterruptRequest | undefined
      if (thread.status !== 'interrupted' || !ai || ai.status !== 'interrupted' || !interrupt) {
        throw new RunRefused(RunRefusalCodes.NoInterrupt, `thread ${thread.id} has no interrupt waiting for an answer`)
      }
      const human = await store.messages.last(thread.id, 'human')
      const meta = { ...ai.metadata }
      delete meta.interrupt
      return {
        input: inputOf(human),
        resume: { value: req.resume!, interrupt, messageId: ai.id },
        retry: false,
        ai: { id: ai.id, parts: ai.content as MessageContent[], existing: true, metadata: { ...meta, resumed: true } },
        historyCut: human?.id ?? null,
      }
    }
    case 'retry': {
      // The old answer stays as a sibling branch; the new one becomes the head.
      const human = req.parentId ? await store.messages.get(req.parentId) : await store.messages.last(thread.id, 'human')
      if (human?.role !== 'human' || human.threadId !== thread.id) {
        throw new RunRefused(
          RunRefusalCodes.NothingToRetry,
          req.parentId ? 'parentMessageId: not a question of this thread' : 'retry: the thread has no message to retry',
        )
      }
      const clientMessageId = human.metadata.clientMessageId as string | undefined
      return {
        userMessage: { id: human.id, ...(clientMessageId ? { clientMessageId } : {}) },
        input: inputOf(human),
        retry: true,
        ai: { ...fresh(), parentId: human.id },
        historyCut: human.id,
      }
    }
  }
}

function inputOf(human: MessageRecord | null): AgentInput {
  if (!human) return { text: '', files: [], references: [] }
  const files = Array.isArray(human.metadata.files) ? (human.metadata.files as AgentFile[]) : []
  const references = Array.isArray(human.metadata.references) ? human.metadata.references : []
  const tool = typeof human.metadata.tool === 'string' ? human.metadata.tool : undefined
  return { text: typeof human.content === 'string' ? human.content : '', files, references, ...(tool ? { tool } : {}) }
}
