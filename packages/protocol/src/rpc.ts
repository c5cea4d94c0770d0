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

/** A file already uploaded to the API (chatkit-types' `Attachment`). */
export type UploadedAttachment = { type?: 'file' | 'image'; id: string; name: string; mime_type?: string; preview_url?: string }
/** A code, quote or image reference sent with a message (chatkit-types' `ChatKitReference`). */
export type MessageReference = { type: 'code' | 'quote' | 'image'; text: string; id?: string; label?: string; [key: string]: unknown }

/** What the frame does with each field: `apps/frame/src/bridge/host-message.ts`. Other fields are refused. */
export type SendUserMessageParams = {
  /** The message; optional when `content` carries the text. */
  text?: string
  /** Strings or `{text}` parts, joined with newlines when `text` is absent. */
  content?: unknown[]
  attachments?: UploadedAttachment[]
  newThread?: boolean
  /** The model for this message (`config.configurable.model`). */
  model?: string
  /** The tool for this message (`input.input.tool`). */
  toolChoice?: { id: string } | unknown
  references?: MessageReference[]
  /** Text the message replies to: sent as a quote reference. */
  reply?: string
  /** Merged into `input.state` of this run. */
  state?: Record<string, unknown>
  /** `default` / `queue`: a message sent while an answer streams waits for it. `steer` is refused. */
  followUpMode?: 'default' | 'queue' | 'steer'
  [key: string]: unknown
}

/** A partial composer update: only the given fields change. */
export type SetComposerValueParams = {
  text?: string
  selectedToolId?: string | null
  selectedModelId?: string | null
  /** Refused: attach files in the composer, or send uploaded ones with `sendUserMessage`. */
  attachments?: unknown[]
  /** Refused: the composer shows no reply or reference chips. */
  reply?: string
  references?: MessageReference[]
  appendReferences?: boolean
  [key: string]: unknown
}

/**
 * `focusMessage`: the message to show. `conversationId` is XpertAI's name for the thread here
 * (conversation id == thread id): used when `threadId` is absent, and must match it when both are given.
 */
export type FocusMessageParams = { threadId?: string; conversationId?: string; messageId: string }
/** What `focusMessage` resolves with (XpertAI's acknowledgement); failures reject with a typed code. */
export type FocusMessageResult = { success: true; status: 'opened' }

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
  /** Opens the message's thread, loads older pages until it is there, scrolls to it, highlights and focuses it. */
  focusMessage(params: FocusMessageParams): FocusMessageResult
}

/** A request the frame asks the host to perform with `api.fetch`: only plain, cloneable parts. */
export type BridgedRequest = { method: string; headers: Record<string, string>; body?: string | Blob }
/** The head of the host's response; the body follows chunk by chunk (`fetch('read', id)`). */
export type BridgedResponse = { status: number; statusText: string; headers: [string, string][] }

export type HostMethods = {
  /** Calls the host function at a dotted path listed in `SerializedOptions.callbacks`. */
  invoke(path: string, args: unknown[]): CallbackResult
  /** Reports an event; the host dispatches `chatkit.<name>`. */
  emit<K extends ChatKitEventName>(name: K, detail: WireEventDetail<K>): void
  /**
   * `api.fetch`: the host performs the frame's API request `id` with the page's own fetch (its
   * cookies, its headers), only for URLs under the configured API. `open` sends it and answers with
   * the response head; `read` answers with the next body chunk, or null at the end; `abort` cancels.
   */
  fetch(op: 'open' | 'read' | 'abort', id: number, url?: string, init?: BridgedRequest): BridgedResponse | Uint8Array | null | undefined
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
  'focusMessage',
] as const satisfies readonly FrameMethodName[]

export const HOST_METHODS = ['invoke', 'emit', 'fetch'] as const satisfies readonly HostMethodName[]

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
