import { ChatKitError, EVENT_NAMES, serializeError } from '@xpert-ai/chatkit-protocol'
import type { ChatKitEventName, ErrorCode } from '@xpert-ai/chatkit-protocol'

/** Dispatches `chatkit.<name>` on the element. */
export function dispatchChatKitEvent(target: EventTarget, name: ChatKitEventName, detail?: unknown): void {
  target.dispatchEvent(new CustomEvent('chatkit.' + name, { detail }))
}

/**
 * Re-dispatches an event the frame reported. Names outside the protocol list are ignored, and so
 * is `ready`: only the host knows when the handshake (and the options push) is done. An `error`
 * arrives as `{code, message}` data and becomes a real `ChatKitError` again.
 */
export function dispatchFrameEvent(target: EventTarget, name: unknown, detail: unknown): void {
  if (name === 'ready' || !(EVENT_NAMES as readonly unknown[]).includes(name)) return
  if (name === 'error') {
    detail = { error: ChatKitError.from(serializeError((detail as { error?: unknown } | null)?.error, 'frame_error' satisfies ErrorCode)) }
  }
  dispatchChatKitEvent(target, name as ChatKitEventName, detail)
}
