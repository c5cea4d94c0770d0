/**
 * The penpal method maps. `FrameMethods` are implemented in the frame and called by the host;
 * `HostMethods` are implemented in the host SDK and called by the frame. Both are `type` aliases:
 * penpal's `Methods` index signature rejects interfaces.
 */
import type { SerializedError } from './errors.js'
import type { ChatKitEventName, WireEventDetail } from './events.js'
import type { SerializedOptions } from './options.js'

/** What each side says about itself in the handshake. */
export type Hello = {
  protocolVersion: string
  /** Method names this side implements (its half of the contract). */
  capabilities: string[]
  /** Package version, for error messages and logs. */
  version?: string
}

export type SendUserMessageParams = {
  text: string
  attachments?: unknown[]
  newThread?: boolean
  model?: string
  toolChoice?: { id: string }
  [key: string]: unknown
}

export type SetComposerValueParams = {
  text: string
  attachments?: unknown[]
  [key: string]: unknown
}

/** Result of a host callback, returned as data so a throwing callback never hangs the frame. */
export type CallbackResult = { ok: true; value: unknown } | { ok: false; error: SerializedError }

export type FrameMethods = {
  /** First call after the penpal connection opens. Returns the frame's hello; the host checks it. */
  hello(host: Hello): Hello
  setOptions(options: SerializedOptions): void
  focusComposer(): void
  setThreadId(threadId: string | null): void
  sendUserMessage(params: SendUserMessageParams): void
  setComposerValue(params: SetComposerValueParams): void
  fetchUpdates(): void
  sendCustomAction(action: { type: string; payload?: Record<string, unknown> }, itemId?: string): void
  showHistory(): void
  hideHistory(): void
  stop(): void
}

export type HostMethods = {
  /** Calls the host function at a dotted path listed in `SerializedOptions.callbacks`. */
  invoke(path: string, args: unknown[]): CallbackResult
  /** Reports an event; the host dispatches `chatkit.<name>`. */
  emit<K extends ChatKitEventName>(name: K, detail: WireEventDetail<K>): void
}

export type FrameMethodName = keyof FrameMethods
export type HostMethodName = keyof HostMethods

export const FRAME_METHODS = [
  'hello',
  'setOptions',
  'focusComposer',
  'setThreadId',
  'sendUserMessage',
  'setComposerValue',
  'fetchUpdates',
  'sendCustomAction',
  'showHistory',
  'hideHistory',
  'stop',
] as const satisfies readonly FrameMethodName[]

export const HOST_METHODS = ['invoke', 'emit'] as const satisfies readonly HostMethodName[]

/** Host methods the element forwards to the frame (everything but the handshake). */
export type ForwardedMethodName = Exclude<FrameMethodName, 'hello'>

/** Time limits on the bridge (ms). penpal has no default timeout; every call gets one. */
export const Timeouts = {
  handshake: 15_000,
  /** Ordinary method calls across the bridge. */
  call: 10_000,
  /** Host callbacks may wait on the user or on the network (client tools, secrets). */
  callback: 120_000,
  /** The frame waits this long for `api.getClientSecret`, then shows the failure with a Retry. */
  clientSecret: 15_000,
} as const

/** The penpal channel name both sides use. */
export const CHANNEL = 'xpertai-chatkit'
