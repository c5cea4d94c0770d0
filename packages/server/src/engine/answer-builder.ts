import {
  type ApiAttachment,
  artifactProblem,
  chartProblem,
  type ComponentContent,
  type ImageUrlContent,
  type MessageContent,
  type SourcesContent,
  type StreamEnvelope,
  type SuggestionsContent,
} from '@xpert-ai/chatkit-protocol'
import type { AgentEvent } from '../agent/types.js'
import { AgentProtocolError } from './agent-protocol-error.js'
import { checkSources, checkSuggestions } from './sources-event.js'
import { wireValue } from './wire-value.js'

type PartEvent = Extract<
  AgentEvent,
  { type: 'text' | 'reasoning' | 'tool_start' | 'tool_end' | 'widget' | 'image' | 'chart' | 'artifact' | 'sources' | 'suggestions' }
>

/**
 * Turns the agent events that shape the answer into (a) wire envelopes and (b) the AI message's
 * ordered content parts to store. Consecutive text deltas of one speaker grow one text part
 * (reasoning likewise); a tool step is one component part updated in place when it ends, and on
 * the wire the component is re-sent whole with the same id (the frame upserts by id). A resumed
 * run starts from the interrupted message's parts, so its text appends to the same answer.
 */
export class AnswerBuilder {
  readonly parts: MessageContent[]
  private readonly components = new Map<string, ComponentContent>()
  private widgets = 0

  constructor(
    private readonly messageId: string,
    initial: MessageContent[] = [],
  ) {
    this.parts = structuredClone(initial)
    for (const p of this.parts) if (p.type === 'component') this.components.set(p.id, p)
  }

  apply(ev: PartEvent, speaker: string | undefined): StreamEnvelope[] {
    switch (ev.type) {
      case 'text':
      case 'reasoning':
        return this.delta(ev.type, ev.text, ev.agentKey ?? speaker)
      case 'tool_start':
        return this.toolStart(ev)
      case 'tool_end':
        return this.toolEnd(ev)
      case 'widget':
        return this.widget(ev)
      case 'image':
        return this.image(ev)
      case 'chart':
        return this.chart(ev)
      case 'artifact':
        return this.artifact(ev)
      case 'sources':
        return this.sources(ev)
      case 'suggestions':
        return this.suggestions(ev)
    }
  }

  private delta(type: 'text' | 'reasoning', text: unknown, agentKey: string | undefined): StreamEnvelope[] {
    if (typeof text !== 'string') throw new AgentProtocolError(`agent ${type} event: text must be a string`)
    if (text === '') return []
    // Sources and suggestions are about the whole answer, not a place in it: text flows past them.
    const last = this.parts.findLast((p) => p.type !== 'sources' && p.type !== 'suggestions')
    const who = agentKey ? { agentKey } : {}
    if (last && last.type === type && last.agentKey === agentKey) last.text += text
    else this.parts.push({ type, text, id: this.messageId, ...who })
    return [{ type: 'message', data: { type, text, id: this.messageId, ...who } }]
  }

  private toolStart(ev: Extract<AgentEvent, { type: 'tool_start' }>): StreamEnvelope[] {
    if (typeof ev.id !== 'string' || !ev.id) throw new AgentProtocolError('agent tool_start event: id must be a non-empty string')
    if (typeof ev.name !== 'string' || !ev.name) throw new AgentProtocolError('agent tool_start event: name must be a non-empty string')
    if (this.components.has(ev.id)) throw new AgentProtocolError(`agent tool_start event: id "${ev.id}" was already used`)
    if (ev.title !== undefined && typeof ev.title !== 'string') throw new AgentProtocolError('agent tool_start event: title must be a string')
    const input = wireValue(ev.input, 'agent tool_start event: input')
    const part: ComponentContent = {
      type: 'component',
      id: ev.id,
      data: { category: 'Tool', type: ev.name, title: ev.title ?? ev.name, status: 'running', input, created_date: new Date().toISOString() },
    }
    return this.add(part)
  }

  private toolEnd(ev: Extract<AgentEvent, { type: 'tool_end' }>): StreamEnvelope[] {
    const part = this.components.get(ev.id)
    if (part?.data.category !== 'Tool') throw new AgentProtocolError(`agent tool_end event: no running tool step with id "${String(ev.id)}"`)
    if (part.data.status !== 'running') throw new AgentProtocolError(`agent tool_end event: tool step "${ev.id}" already ended`)
    const raw: unknown = ev.error
    const error = raw instanceof Error ? raw.message || raw.name : raw
    if (error !== undefined && error !== null && typeof error !== 'string') throw new AgentProtocolError('agent tool_end event: error must be a string')
    const output = wireValue(ev.output, 'agent tool_end event: output')
    part.data.status = error ? 'fail' : 'success'
    part.data.end_date = new Date().toISOString()
    if (output !== undefined) part.data.output = output
    if (error) part.data.error = error
    // Resolved by execute-run (tool-attachments.ts): stored files of the user, as the frame shows them.
    if (ev.attachments?.length) part.data.attachments = ev.attachments as ApiAttachment[]
    return [{ type: 'message', data: structuredClone(part) }]
  }

  private widget(ev: Extract<AgentEvent, { type: 'widget' }>): StreamEnvelope[] {
    const w = ev.widget as { type?: unknown } | null
    if (!w || typeof w !== 'object' || typeof w.type !== 'string')
      throw new AgentProtocolError('agent widget event: widget must be a widget tree with a root `type`')
    if (ev.id !== undefined && (typeof ev.id !== 'string' || !ev.id)) throw new AgentProtocolError('agent widget event: id must be a non-empty string')
    if (ev.title !== undefined && typeof ev.title !== 'string') throw new AgentProtocolError('agent widget event: title must be a string')
    const id = ev.id ?? `${this.messageId}-widget-${++this.widgets}`
    if (this.components.has(id)) throw new AgentProtocolError(`agent widget event: id "${id}" was already used`)
    const widget = wireValue(ev.widget, 'agent widget event: widget') as typeof ev.widget
    return this.add({ type: 'component', id, data: { category: 'Dashboard', type: 'Widget', ...(ev.title ? { title: ev.title } : {}), widget } })
  }

  private chart(ev: Extract<AgentEvent, { type: 'chart' }>): StreamEnvelope[] {
    const problem = chartProblem(ev.chart)
    if (problem) throw new AgentProtocolError(`agent chart event: ${problem}`)
    const { chartType, labels, series, unit, title } = ev.chart
    const chart = {
      type: 'Chart',
      chartType,
      labels,
      series: series.map((s) => ({ name: s.name, values: s.values })),
      ...(unit ? { unit } : {}),
      ...(title ? { title } : {}),
    }
    return this.widget({ type: 'widget', id: ev.id, ...(title ? { title } : {}), widget: { type: 'Card', children: [chart] } })
  }

  private artifact(ev: Extract<AgentEvent, { type: 'artifact' }>): StreamEnvelope[] {
    const problem = artifactProblem(ev.artifact)
    if (problem) throw new AgentProtocolError(`agent artifact event: ${problem}`)
    if (ev.id !== undefined && (typeof ev.id !== 'string' || !ev.id)) throw new AgentProtocolError('agent artifact event: id must be a non-empty string')
    const id = ev.id ?? `${this.messageId}-artifact-${++this.widgets}`
    if (this.components.has(id)) throw new AgentProtocolError(`agent artifact event: id "${id}" was already used`)
    const { kind, title, content, language, filename } = ev.artifact
    const artifact = { kind, title, content, ...(language ? { language } : {}), ...(filename ? { filename } : {}) }
    return this.add({ type: 'component', id, data: { category: 'Dashboard', type: 'Artifact', title, artifact } })
  }

  private image(ev: Extract<AgentEvent, { type: 'image' }>): StreamEnvelope[] {
    if (typeof ev.url !== 'string' || !ev.url.trim()) throw new AgentProtocolError('agent image event: url must be a non-empty string')
    if (ev.alt !== undefined && (typeof ev.alt !== 'string' || ev.alt.length > 500))
      throw new AgentProtocolError('agent image event: alt must be a string of at most 500 characters')
    const part: ImageUrlContent = { type: 'image_url', image_url: { url: ev.url, ...(ev.alt ? { alt: ev.alt } : {}) } }
    this.parts.push(part)
    return [{ type: 'message', data: structuredClone(part) }]
  }

  /** One `sources` part per message, grown by each event and re-sent whole (so `[n]` stays stable). */
  private sources(ev: Extract<AgentEvent, { type: 'sources' }>): StreamEnvelope[] {
    const found = this.parts.find((p): p is SourcesContent => p.type === 'sources')
    const items = checkSources(ev, found?.sources.length ?? 0)
    return this.single(found, { type: 'sources', sources: [...(found?.sources ?? []), ...items] })
  }

  /** One `suggestions` part per message: a later event replaces the questions. */
  private suggestions(ev: Extract<AgentEvent, { type: 'suggestions' }>): StreamEnvelope[] {
    const found = this.parts.find((p): p is SuggestionsContent => p.type === 'suggestions')
    return this.single(found, { type: 'suggestions', suggestions: checkSuggestions(ev) })
  }

  /** Puts `next` where `found` was (or last), checked before anything changed. */
  private single(found: MessageContent | undefined, next: SourcesContent | SuggestionsContent): StreamEnvelope[] {
    if (found) this.parts[this.parts.indexOf(found)] = next
    else this.parts.push(next)
    return [{ type: 'message', data: structuredClone(next) }]
  }

  private add(part: ComponentContent): StreamEnvelope[] {
    this.components.set(part.id, part)
    this.parts.push(part)
    return [{ type: 'message', data: structuredClone(part) }]
  }

  /** Marks tool steps still running as failed (the run ended under them). */
  settle(reason: string): void {
    for (const part of this.components.values()) {
      if (part.data.category === 'Tool' && part.data.status === 'running') Object.assign(part.data, { status: 'fail', error: reason })
    }
  }
}
