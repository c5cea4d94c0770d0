import type { ComponentContent, MessageContent, StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import type { AgentEvent } from '../agent/types.js'

/** An agent misbehaved (unknown event kind, bad field, unknown tool id): the run fails with this. */
export class AgentProtocolError extends Error {
  override name = 'AgentProtocolError'
}

/**
 * Turns agent events into (a) the wire envelopes to send and (b) the AI message's ordered content
 * parts to store. Consecutive text deltas grow one text part, consecutive reasoning deltas one
 * reasoning part; a tool step is one component part updated in place when it ends, and on the
 * wire the component is re-sent whole with the same id (the frame upserts by id).
 */
export class AnswerBuilder {
  readonly parts: MessageContent[] = []
  private readonly tools = new Map<string, ComponentContent>()

  constructor(private readonly messageId: string) {}

  apply(ev: AgentEvent): StreamEnvelope[] {
    switch (ev?.type) {
      case 'text':
      case 'reasoning':
        return this.delta(ev.type, ev.text)
      case 'tool_start':
        return this.toolStart(ev)
      case 'tool_end':
        return this.toolEnd(ev)
      default:
        throw new AgentProtocolError(`agent yielded an unknown event ${JSON.stringify((ev as { type?: unknown })?.type ?? ev)}`)
    }
  }

  private delta(type: 'text' | 'reasoning', text: unknown): StreamEnvelope[] {
    if (typeof text !== 'string') throw new AgentProtocolError(`agent ${type} event: text must be a string`)
    if (text === '') return []
    const last = this.parts[this.parts.length - 1]
    if (last && last.type === type) last.text += text
    else this.parts.push({ type, text, id: this.messageId })
    return [{ type: 'message', data: { type, text, id: this.messageId } }]
  }

  private toolStart(ev: Extract<AgentEvent, { type: 'tool_start' }>): StreamEnvelope[] {
    if (typeof ev.id !== 'string' || !ev.id) throw new AgentProtocolError('agent tool_start event: id must be a non-empty string')
    if (typeof ev.name !== 'string' || !ev.name) throw new AgentProtocolError('agent tool_start event: name must be a non-empty string')
    if (this.tools.has(ev.id)) throw new AgentProtocolError(`agent tool_start event: id "${ev.id}" was already used`)
    const part: ComponentContent = {
      type: 'component',
      id: ev.id,
      data: { category: 'Tool', type: ev.name, title: ev.title ?? ev.name, status: 'running', input: ev.input },
    }
    this.tools.set(ev.id, part)
    this.parts.push(part)
    return [{ type: 'message', data: structuredClone(part) }]
  }

  private toolEnd(ev: Extract<AgentEvent, { type: 'tool_end' }>): StreamEnvelope[] {
    const part = this.tools.get(ev.id)
    if (!part) throw new AgentProtocolError(`agent tool_end event: no running tool step with id "${String(ev.id)}"`)
    if (part.data.status !== 'running') throw new AgentProtocolError(`agent tool_end event: tool step "${ev.id}" already ended`)
    part.data.status = ev.error ? 'fail' : 'success'
    if (ev.output !== undefined) part.data.output = ev.output
    if (ev.error) part.data.error = String(ev.error)
    return [{ type: 'message', data: structuredClone(part) }]
  }

  /** Marks tool steps still running as failed (the run ended under them). */
  settle(reason: string): void {
    for (const part of this.tools.values()) {
      if (part.data.status === 'running') Object.assign(part.data, { status: 'fail', error: reason })
    }
  }
}
