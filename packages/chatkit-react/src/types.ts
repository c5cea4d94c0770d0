import type { RefObject } from 'react'
import type { ChatKitCommands, ChatKitElement, ChatKitEventDetails, ChatKitEventName, ChatKitOptions } from '@xpert-ai/chatkit-js'

type Pascal<S extends string> = S extends `${infer A}.${infer B}` ? `${Capitalize<A>}${Pascal<B>}` : Capitalize<S>

/** `onReady`, `onError`, `onResponseEnd`, `onThreadChange`, …: one per `chatkit.*` event, given its detail. */
export type ChatKitEventHandlers = {
  [K in ChatKitEventName as `on${Pascal<K>}`]?: (detail: ChatKitEventDetails[K]) => void
}

export type UseChatKitOptions = ChatKitOptions & ChatKitEventHandlers

/** What `<ChatKit control>` needs from `useChatKit`. Its `options` change only when the data changes. */
export type ChatKitControl = {
  /** The options for the element, every function replaced by a stable caller of the latest one. */
  options: ChatKitOptions
  /** Wires a mounted element (event handlers, methods); the returned cleanup destroys it on unmount. */
  attach(element: ChatKitElement): () => void
}

export type UseChatKitReturn = ChatKitCommands & {
  /**
   * Applies options directly to the mounted element (a full replacement). The next change of the
   * options passed to `useChatKit` replaces them again.
   */
  setOptions(options: ChatKitOptions): Promise<void>
  /** Closes the connection and removes the frame; unmounting does this too. */
  destroy(): void
  control: ChatKitControl
  /** The mounted `<xpertai-chatkit>`, or null. */
  ref: RefObject<ChatKitElement | null>
}
