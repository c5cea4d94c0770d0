import { errorText, jsonSafe, unknownEventStep, type AgentEvent } from '@xpert-ai/chatkit-server'
import type { TextStreamPart, ToolSet } from 'ai'

/** A tool call the run stopped on: approval before it runs, or the host page runs it. */
export type PendingCall = { toolCallId: string; toolName: string; input: Record<string, unknown> }

export type StreamOutcome = { approvals: PendingCall[]; clientCalls: PendingCall[]; failed: boolean }

export type StreamEventsOptions = {
  /** The tools given to `streamText`: tells client tools (no `execute`) and approval tools apart. */
  tools?: ToolSet
  /** Prefix for tool step ids (unique per run: a resumed run appends to the same answer). */
  idPrefix: string
  contextWindow?: number
}

/** Parts with nothing to show of their own: their content arrives in other parts. */
const SILENT = new Set([
  'start',
  'start-step',
  'finish-step',
  'text-start',
  'text-end',
  'reasoning-start',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-end',
  'raw',
  'abort',
])

/**
 * `streamText(...).fullStream` → ChatKit agent events. Text and reasoning deltas stream through;
 * each tool call is a tool step ended by its result, error or denial; web sources become the
 * answer's `sources`; document sources and files are completed steps; `finish` gives usage; an
 * `error` part ends the run as an error. Calls that need approval or belong to the host page are
 * collected in `outcome` instead of shown as running.
 */
export async function* streamEvents(
  stream: AsyncIterable<TextStreamPart<ToolSet>>,
  o: StreamEventsOptions,
  outcome: StreamOutcome,
): AsyncGenerator<AgentEvent> {
  const started = new Set<string>()
  const held = new Map<string, PendingCall>()
  const step = (toolCallId: string) => `${o.idPrefix}${toolCallId}`
  let n = 0
  for await (const part of stream) {
    switch (part.type) {
      case 'text-delta':
        if (part.text) yield { type: 'text', text: part.text }
        break
      case 'reasoning-delta':
        if (part.text) yield { type: 'reasoning', text: part.text }
        break
      case 'tool-call': {
        const call = { toolCallId: part.toolCallId, toolName: part.toolName, input: asArgs(part.input) }
        const tool = o.tools?.[part.toolName]
        if (!part.providerExecuted && tool && (tool.needsApproval || !tool.execute)) held.set(part.toolCallId, call)
        else {
          started.add(part.toolCallId)
          yield { type: 'tool_start', id: step(part.toolCallId), name: part.toolName, input: jsonSafe(part.input) }
        }
        break
      }
      case 'tool-approval-request':
        held.delete(part.toolCall.toolCallId)
        outcome.approvals.push({ toolCallId: part.toolCall.toolCallId, toolName: part.toolCall.toolName, input: asArgs(part.toolCall.input) })
        break
      case 'tool-result':
      case 'tool-error':
      case 'tool-output-denied': {
        held.delete(part.toolCallId)
        if (!started.has(part.toolCallId)) {
          started.add(part.toolCallId)
          yield { type: 'tool_start', id: step(part.toolCallId), name: part.toolName, input: jsonSafe('input' in part ? part.input : undefined) }
        }
        if (part.type === 'tool-result') yield { type: 'tool_end', id: step(part.toolCallId), output: jsonSafe(part.output) }
        else yield { type: 'tool_end', id: step(part.toolCallId), error: part.type === 'tool-error' ? errorText(part.error) : 'denied: the tool did not run' }
        break
      }
      case 'source': {
        // A web source (http(s) URL) is one of the answer's sources, cited as [n] in its order;
        // a document source (or any other URL) stays a completed step.
        if (part.sourceType === 'url' && /^https?:/i.test(part.url)) {
          yield { type: 'sources', sources: [{ url: part.url, ...(part.title ? { title: part.title } : {}) }] }
          break
        }
        const id = `${o.idPrefix}source-${++n}`
        const what =
          part.sourceType === 'url' ? { url: part.url, title: part.title } : { title: part.title, mediaType: part.mediaType, filename: part.filename }
        yield { type: 'tool_start', id, name: 'source', title: part.title || (part.sourceType === 'url' ? part.url : 'Source') }
        yield { type: 'tool_end', id, output: jsonSafe(what) }
        break
      }
      case 'file': {
        const id = `${o.idPrefix}file-${++n}`
        yield { type: 'tool_start', id, name: 'file', title: `Generated file (${part.file.mediaType})` }
        yield { type: 'tool_end', id, output: { mediaType: part.file.mediaType, base64: part.file.base64 } }
        break
      }
      case 'finish': {
        const u = part.totalUsage
        if (u && typeof u.inputTokens === 'number') {
          const output = u.outputTokens ?? 0
          yield {
            type: 'usage',
            usage: {
              inputTokens: u.inputTokens,
              outputTokens: output,
              totalTokens: u.totalTokens ?? u.inputTokens + output,
              ...(o.contextWindow ? { contextWindow: o.contextWindow } : {}),
            },
          }
        }
        break
      }
      case 'error':
        outcome.failed = true
        yield { type: 'error', message: errorText(part.error) }
        return
      default:
        if (!SILENT.has(part.type)) yield* unknownEventStep('AI SDK', String(part.type), `${o.idPrefix}event-${++n}`, part)
    }
  }
  // A held call that got neither an approval request nor a result is one the host page must run.
  outcome.clientCalls.push(...held.values())
}

function asArgs(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { input: v }
}
