/**
 * Events the frame reports to the host. The host SDK dispatches each as a DOM `CustomEvent`
 * named `chatkit.<name>` on the element; React maps them to `onX` handlers.
 */
export type ChatKitEventDetails = {
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  ready: void
  error: { error: Error }
  effect: { name: string; data?: Record<string, unknown> }
  log: { name: string; data?: Record<string, unknown> }
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  'response.start': void
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  'response.end': void
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  'response.stop': void
  'thread.change': { threadId: string | null }
  'thread.load.start': { threadId: string }
  'thread.load.end': { threadId: string }
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  'history.open': void
  // biome-ignore lint/suspicious/noConfusingVoidType: public type guarded by the API surface snapshot; `void` lets listeners and handlers of payload-less events take no argument
  'history.close': void
  'tool.change': { toolId: string | null }
  resize: { height: number }
}

export type ChatKitEventName = keyof ChatKitEventDetails

/** DOM event map of `<xpertai-chatkit>`, for typed `addEventListener`. */
export type ChatKitEvents = {
  [K in ChatKitEventName as `chatkit.${K}`]: CustomEvent<ChatKitEventDetails[K]>
}

/** Event names with their React handler names: `response.end` → `onResponseEnd`. */
export const EVENT_NAMES = [
  'ready',
  'error',
  'effect',
  'log',
  'response.start',
  'response.end',
  'response.stop',
  'thread.change',
  'thread.load.start',
  'thread.load.end',
  'history.open',
  'history.close',
  'tool.change',
  'resize',
] as const satisfies readonly ChatKitEventName[]

/** `thread.load.start` → `onThreadLoadStart`. */
export function handlerName(event: ChatKitEventName): string {
  return (
    'on' +
    event
      .split('.')
      .map((p) => p[0].toUpperCase() + p.slice(1))
      .join('')
  )
}

/**
 * What crosses the bridge for an event. `error` travels as a `SerializedError`-shaped object and
 * the host rebuilds an `Error`.
 */
export type WireEventDetail<K extends ChatKitEventName> = K extends 'error' ? { error: { code: string; message: string } } : ChatKitEventDetails[K]
