import { ChatKitError } from '@xpert-ai/chatkit-protocol'
import type { ChatKitOptions } from '@xpert-ai/chatkit-protocol'
import { COMMANDS } from './commands.js'
import type { ChatKitCommands } from './commands.js'
import { TAG } from './element.js'
import type { ChatKitElement } from './element.js'
import { resolveFrameUrl } from './frame-url.js'

export type CreateChatKitOptions = ChatKitOptions & {
  /**
   * Where the chat goes: a container element in the page (an `<xpertai-chatkit>` is mounted inside
   * it), or an existing `<xpertai-chatkit>` to drive. Left out: a new, not yet attached element.
   */
  element?: Element | ChatKitElement
}

/** The element's methods, bound, plus the element to put in the page. */
export type ChatKitHandle = ChatKitCommands &
  Pick<ChatKitElement, 'setOptions' | 'destroy'> & {
    element: ChatKitElement
  }

/**
 * Creates (or takes) an `<xpertai-chatkit>` element and applies the options. Throws a
 * `ChatKitError` (`invalid_options`) naming what was passed when it cannot work: no options, no
 * `frameUrl`, or an `element` that is not an element in the page (`null` from a `getElementById`
 * that found nothing, a text node, a detached node).
 *
 * @example
 * const chat = createChatKit({ element: document.getElementById('chat'), frameUrl, api: { apiUrl, xpertId, getClientSecret } })
 * chat.sendUserMessage({ text: 'Hello' }) // queued until the frame is ready
 */
export function createChatKit(options: CreateChatKitOptions): ChatKitHandle {
  if (!options || typeof options !== 'object') throw invalid('createChatKit(options): expected an options object', options)
  const { element, ...rest } = options
  resolveFrameUrl(rest.frameUrl)
  let el = element as ChatKitElement
  if (!el && !('element' in options)) el = document.createElement(TAG)
  else if (el?.localName !== TAG) {
    if (el?.nodeType !== 1 || !el.isConnected) {
      throw invalid(`createChatKit: element must be a container element in the page, or an <${TAG}>`, element)
    }
    el = el.appendChild(document.createElement(TAG))
  }
  const handle = { element: el } as Record<string, unknown>
  for (const name of [...COMMANDS, 'setOptions', 'destroy'] as const) {
    handle[name] = (el[name] as () => unknown).bind(el)
  }
  el.setOptions(rest)
  return handle as ChatKitHandle
}

function invalid(expected: string, got: unknown): ChatKitError {
  const n = got as Node | null
  const what =
    n?.nodeType === 1
      ? `a detached <${(n as Element).localName}>`
      : n?.nodeType
        ? `a ${n.nodeName} node`
        : typeof got === 'string'
          ? `the string "${got}"`
          : String(got)
  return new ChatKitError('invalid_options', `${expected}, got ${what}`)
}
