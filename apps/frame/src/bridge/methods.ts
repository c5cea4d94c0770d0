/**
 * `FrameMethods`: what the host may call. Every method validates its arguments, refuses to run
 * after a protocol mismatch, and never pretends: a feature that does not exist yet throws
 * `not_supported`. Errors cross penpal as plain `SerializedError` data (`{code, message, name}`),
 * because penpal reduces thrown `Error`s to name + message and the host needs the code.
 */
import {
  ChatKitError,
  checkProtocolVersion,
  ErrorCodes,
  FRAME_METHODS,
  PROTOCOL_VERSION,
  serializeError,
  type FrameMethods,
  type Hello,
  type CustomActionInput,
  type FocusMessageResult,
} from '@xpert-ai/chatkit-protocol'
import type { ComposerPatch, HostMessage } from './host-message.js'

// The parameter checks load with the first call (most pages never make one).
const hostMessage = () => import('./host-message.js')

/** What the methods drive; the app wires the real stores, tests pass fakes. */
export type FrameMethodDeps = {
  version: string
  setOptions(serialized: unknown): void
  focusComposer(): void
  /** A partial composer update (`setComposerValue`): only the given fields change. */
  setComposerValue(patch: ComposerPatch): void
  sendUserMessage(message: HostMessage): void
  setThreadId(threadId: string | null): Promise<void>
  fetchUpdates(): Promise<void>
  stop(): Promise<void>
  /** Runs a custom action as a run request (`input.action`). */
  sendCustomAction(action: CustomActionInput): void
  setHistoryOpen(open: boolean): void
  /** False when the options turn history off (`history.enabled: false`). */
  historyEnabled?(): boolean
  /** What the host said about itself (its capabilities gate what the frame may call). */
  hostHello?(host: Hello): void
  /** Opens, loads, scrolls to, highlights and focuses a message (`navigation/focus-message.ts`). */
  focusMessage(params: unknown): Promise<FocusMessageResult>
  /** A handshake found an incompatible host: show it. */
  protocolMismatch(reason: string): void
}

export function createFrameMethods(deps: FrameMethodDeps): FrameMethods {
  let greeted = false
  let mismatch: string | null = null

  /** Wraps a method: handshake and protocol checks first, errors out as data. */
  const guarded =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<Awaited<R>> => {
      try {
        if (mismatch) throw new ChatKitError(ErrorCodes.ProtocolMismatch, `${name} refused: ${mismatch}`)
        if (!greeted) throw new ChatKitError(ErrorCodes.NotReady, `${name} called before hello`)
        return await fn(...args)
      } catch (e) {
        throw serializeError(e, ErrorCodes.InvalidOptions)
      }
    }

  const methods = {
    hello(host: Hello): Hello {
      const check = checkProtocolVersion((host as Partial<Hello> | null)?.protocolVersion, PROTOCOL_VERSION)
      greeted = true
      mismatch = check.ok ? null : check.reason
      if (!check.ok) deps.protocolMismatch(check.reason)
      else deps.hostHello?.(host)
      return { protocolVersion: PROTOCOL_VERSION, capabilities: [...FRAME_METHODS], version: deps.version }
    },

    setOptions: guarded('setOptions', (serialized: unknown) => deps.setOptions(serialized)),

    focusComposer: guarded('focusComposer', () => deps.focusComposer()),

    setThreadId: guarded('setThreadId', (threadId: unknown) => {
      if (threadId !== null && (typeof threadId !== 'string' || !threadId.trim())) {
        throw new ChatKitError(ErrorCodes.InvalidOptions, 'setThreadId expects a thread id string or null')
      }
      return deps.setThreadId(threadId)
    }),

    sendUserMessage: guarded('sendUserMessage', async (params: unknown) => deps.sendUserMessage((await hostMessage()).parseHostMessage(params))),

    setComposerValue: guarded('setComposerValue', async (params: unknown) => deps.setComposerValue((await hostMessage()).parseComposerPatch(params))),

    fetchUpdates: guarded('fetchUpdates', () => deps.fetchUpdates()),

    sendCustomAction: guarded('sendCustomAction', (action: unknown, itemId?: unknown) => {
      const a = action as CustomActionInput['action'] | null
      if (!a || typeof a !== 'object' || typeof a.type !== 'string' || !a.type) {
        throw new ChatKitError(ErrorCodes.InvalidOptions, 'sendCustomAction expects {type: non-empty string, payload?: object}')
      }
      if (a.payload !== undefined && (!a.payload || typeof a.payload !== 'object' || Array.isArray(a.payload))) {
        throw new ChatKitError(ErrorCodes.InvalidOptions, 'sendCustomAction: payload must be an object')
      }
      if (itemId !== undefined && typeof itemId !== 'string') throw new ChatKitError(ErrorCodes.InvalidOptions, 'sendCustomAction: itemId must be a string')
      const input: CustomActionInput = { action: { type: a.type, ...(a.payload ? { payload: a.payload } : {}) } }
      deps.sendCustomAction(itemId ? { ...input, itemId } : input)
    }),
    showHistory: guarded('showHistory', () => {
      if (deps.historyEnabled?.() === false) {
        throw new ChatKitError(ErrorCodes.NotSupported, 'showHistory: the history is turned off by the option history.enabled: false')
      }
      deps.setHistoryOpen(true)
    }),
    hideHistory: guarded('hideHistory', () => deps.setHistoryOpen(false)),

    stop: guarded('stop', () => deps.stop()),

    focusMessage: guarded('focusMessage', (params: unknown) => deps.focusMessage(params)),
  }
  return methods as unknown as FrameMethods
}
