/**
 * After a run paused for client tools: run each in the host (shown as tool steps of the paused
 * message), then resume the run with their results. Without `onClientTool` in the host, every
 * call answers with an error tool message, so the agent is told rather than left waiting.
 */
import type { ResumeValue } from '@xpert-ai/chatkit-protocol'
import * as model from './model/index.js'
import type { ThreadState } from './model/index.js'
import { runClientTool, type ClientToolInvoker } from './client-tools.js'

export type ResumeHooks = {
  set(fn: (s: ThreadState) => ThreadState): void
  now(): number
  resume(messageId: string, value: ResumeValue, summary: string): Promise<void>
}

const missing: ClientToolInvoker = async (call) => {
  throw new Error(`the host page has no onClientTool to run "${call.name}"`)
}

/** Starts answering the last message's client tool interrupt; null when there is none. */
export function resumeClientTools(state: ThreadState, invoke: ClientToolInvoker | null, hooks: ResumeHooks): Promise<void> | null {
  const last = state.messages[state.messages.length - 1]
  if (last?.role !== 'assistant') return null
  const pending = model.pendingInterrupts(last).filter((p) => model.isClientToolRequest(p.request))
  if (!pending.length) return null
  const calls = pending.flatMap((p) => (model.isClientToolRequest(p.request) ? p.request.clientToolCalls : []))
  return (async () => {
    const toolMessages = []
    for (const call of calls) {
      hooks.set((s) => model.clientToolStep(s, last.id, call, { status: 'running' }, hooks.now()))
      const out = await runClientTool(call, invoke ?? missing)
      const result = out.error
        ? { status: 'fail' as const, error: out.error }
        : { status: out.message.status === 'error' ? ('fail' as const) : ('success' as const), output: out.message.content }
      hooks.set((s) => model.clientToolStep(s, last.id, call, result, hooks.now()))
      toolMessages.push(out.message)
    }
    await hooks.resume(last.id, { toolMessages }, 'client tools')
  })()
}
