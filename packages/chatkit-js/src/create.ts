import type { ChatKitOptions } from '@xpert-ai/chatkit-protocol'
import { COMMANDS } from './commands.js'
import type { ChatKitCommands } from './commands.js'
import { TAG } from './element.js'
import type { ChatKitElement } from './element.js'

export type CreateChatKitOptions = ChatKitOptions & {
  /** An existing `<xpertai-chatkit>` to drive; a new (not yet attached) one is created otherwise. */
  element?: ChatKitElement
}

/** The element's methods, bound, plus the element to put in the page. */
export type ChatKitHandle = ChatKitCommands &
  Pick<ChatKitElement, 'setOptions' | 'destroy'> & {
    element: ChatKitElement
  }

/**
 * Creates (or takes) an `<xpertai-chatkit>` element and applies the options.
 *
 * @example
 * const chat = createChatKit({ frameUrl, api: { apiUrl, xpertId, getClientSecret } })
 * document.querySelector('#chat')!.append(chat.element)
 * chat.sendUserMessage({ text: 'Hello' }) // queued until the frame is ready
 */
export function createChatKit({ element, ...options }: CreateChatKitOptions): ChatKitHandle {
  const el = element ?? document.createElement(TAG)
  const handle = { element: el } as Record<string, unknown>
  for (const name of [...COMMANDS, 'setOptions', 'destroy'] as const) {
    handle[name] = (...args: unknown[]) => (el[name] as (...a: unknown[]) => unknown)(...args)
  }
  el.setOptions(options)
  return handle as ChatKitHandle
}
