import type { ChatEventName, EventDataMap, StreamEnvelope } from '@xpert-ai/chatkit-protocol'
import { parseSse, type SseEvent } from './sse.js'

/** Test helpers over a run's SSE text. */
const envelopes = (events: SseEvent[]) => events.filter((e) => !e.comment).map((e) => JSON.parse(e.data) as StreamEnvelope)

export const envelopesOf = (text: string) => envelopes(parseSse(text))

/** The concatenated text deltas. */
export const textOf = (envs: StreamEnvelope[]) =>
  envs.map((e) => (e.type === 'message' && typeof e.data === 'object' && e.data.type === 'text' ? e.data.text : '')).join('')

/** Data of the `{type:'event'}` envelopes named `name`. */
export const eventsNamed = <K extends ChatEventName>(envs: StreamEnvelope[], name: K): EventDataMap[K][] =>
  envs.flatMap((e) => (e.type === 'event' && e.event === name ? [e.data as EventDataMap[K]] : []))

/** `{type:'message'}` data objects of one kind (text, reasoning, component). */
export const partsOf = (envs: StreamEnvelope[], type: string) =>
  envs.flatMap((e) => (e.type === 'message' && typeof e.data === 'object' && e.data.type === type ? [e.data as any] : []))
