import { ChatKitError, FRAME_LOADED, originNotAllowedMessage } from '@xpert-ai/chatkit-protocol'
import type { FrameLoadedMessage } from '@xpert-ai/chatkit-protocol'
import type { ChatKitEvents, ChatKitOptions, ErrorCode } from '@xpert-ai/chatkit-protocol'
import { Bridge } from './bridge.js'
import { COMMANDS } from './commands.js'
import type { ChatKitCommands } from './commands.js'
import { penpalConnector } from './connector.js'
import type { Connector } from './connector.js'
import { dispatchChatKitEvent } from './events.js'
import { resolveFrameUrl } from './frame-url.js'
import { serializeOptions } from './serialize.js'

export const TAG = 'xpertai-chatkit'

// The frame keeps its real origin (allow-same-origin) so penpal's origin checks mean something;
// it may open links in new tabs that are not sandboxed themselves, and save artifacts the user downloads.
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads'
const STYLE = ':host{display:block;height:100%}:host([layout]){height:auto}iframe{display:block;width:100%;height:100%;border:0}'

let sheet: CSSStyleSheet | undefined
/** The pet module once a page used it: from then on it sees every element's options (and removes a pet turned off). */
let pet: typeof import('./pet.js') | undefined
/**
 * The shadow root's styles as a constructable stylesheet: a host page whose CSP has no
 * `style-src 'unsafe-inline'` still sizes the frame. A `<style>` element only where
 * `adoptedStyleSheets` is missing (such browsers predate strict CSPs anyway).
 */
function adoptStyle(root: ShadowRoot) {
  // A browser with adoptedStyleSheets has constructable stylesheets (both arrived together).
  if (root.adoptedStyleSheets) {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(STYLE)
    root.adoptedStyleSheets = [sheet]
  } else root.innerHTML = `<style>${STYLE}</style>`
}

// On a server (SSR) there is no HTMLElement: the class must still be definable at import time.
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement

/**
 * `<xpertai-chatkit>`: mounts the ChatKit frame in a sandboxed iframe and bridges options,
 * callbacks, events and methods to it. It has no UI of its own; size it like any block element.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the methods the static block generates from COMMANDS, and the typed event listeners
export class ChatKitElement extends Base {
  /** How new elements reach their frame: penpal over postMessage. Unit tests swap it. */
  static connector: Connector = penpalConnector
  #options?: ChatKitOptions
  #iframe?: HTMLIFrameElement
  #onMessage?: (e: MessageEvent) => void
  #bridge = new Bridge(this, () => this.#options, ChatKitElement.connector)

  constructor() {
    super()
    adoptStyle(this.attachShadow({ mode: 'open' }))
    // auto-height: the frame reports its content height; the iframe follows, up to maxHeight.
    this.addEventListener('chatkit.resize', ({ detail }) => {
      const o = this.#options
      if (o?.layout === 'auto-height' && this.#iframe) this.#iframe.style.height = Math.min(detail.height, o.maxHeight || 1e9) + 'px'
    })
  }

  /** Applies a full set of options (not merged). Only a new `frameUrl` reloads the frame. Problems fire `chatkit.error`. */
  async setOptions(options: ChatKitOptions): Promise<void> {
    try {
      if (this.#bridge.state === 'destroyed') throw new ChatKitError('destroyed' satisfies ErrorCode, 'setOptions() after destroy()')
      const serialized = serializeOptions(options)
      const { problems } = serialized
      if (problems.length) {
        this.#report(new ChatKitError('invalid_options' satisfies ErrorCode, `options dropped: ${problems.join('; ')}`))
      }
      const url = resolveFrameUrl(options?.frameUrl)
      this.#options = options
      // The `layout` attribute marks auto-height (the stylesheet lets the iframe's height lead).
      this.toggleAttribute('layout', options.layout === 'auto-height') || this.#iframe?.style.removeProperty('height')
      // Ask only for what enabled features need (a change applies from the next frame load).
      const allow = 'clipboard-write' + (options.composer?.dictation?.enabled ? '; microphone' : '')
      // displayMode 'pet' / `pet`: the floating assistant, fetched only by pages that use it (./pet.js),
      // before the iframe exists so the chat never flashes inline. Afterwards every change goes to it.
      if (pet || options.pet || options.displayMode === 'pet') (pet = await import('./pet.js')).pet(this, options)
      const iframe = this.#iframe ?? this.#createIframe(url.href, allow)
      iframe.allow = allow
      if (iframe.src !== url.href) {
        this.#bridge.suspend()
        iframe.src = url.href
      } else if (this.#bridge.state === 'ready') {
        // Otherwise the next handshake sends the latest options anyway.
        await this.#bridge.call('setOptions', [serialized])
      }
    } catch (e) {
      this.#report(e as ChatKitError)
    }
  }

  /** Closes the connection and removes the frame; later calls reject with a `destroyed` error. */
  destroy(): void {
    removeEventListener('message', this.#onMessage!)
    this.#bridge.destroy()
    this.#iframe?.remove()
    this.#iframe = undefined
  }

  /** The frame document goes away with the element; moving the element back reloads it and reconnects. */
  disconnectedCallback(): void {
    this.#bridge.suspend()
  }

  static {
    // Forwarded methods are generated from the protocol's list (typed by the interface below).
    for (const name of COMMANDS) {
      ;(ChatKitElement.prototype as unknown as Record<string, unknown>)[name] = function (this: ChatKitElement, ...args: unknown[]) {
        return this.#bridge.call(name, args)
      }
    }
  }

  #createIframe(src: string, allow: string): HTMLIFrameElement {
    const iframe = (this.#iframe = document.createElement('iframe'))
    // src before insertion: an iframe inserted without one loads about:blank first (and fires load).
    iframe.src = src
    iframe.setAttribute('sandbox', SANDBOX)
    iframe.allow = allow
    iframe.title = 'ChatKit'
    iframe.referrerPolicy = 'strict-origin'
    // The frame posts FRAME_LOADED as its script starts (before its load event). A load without it
    // is a frame the server refused to this page (frame-ancestors) or that never came: say so now,
    // naming the page's origin, instead of after the handshake timeout. A short grace covers
    // message/load reordering across processes.
    let loaded: FrameLoadedMessage | null = null
    addEventListener(
      'message',
      (this.#onMessage = (e) => {
        if (e.source === iframe.contentWindow && e.data?.type === FRAME_LOADED) loaded = e.data
      }),
    )
    // Every load is a new frame document (first load, reload, deploy): handshake again.
    iframe.addEventListener('load', () => {
      const origin = new URL(iframe.src).origin
      void this.#bridge.connect(iframe.contentWindow!, origin)
      const check = () => {
        if (!loaded?.accepted) this.#bridge.fail(new ChatKitError('origin_not_allowed', originNotAllowedMessage(location.origin, origin)))
        loaded = null
      }
      if (loaded?.accepted) loaded = null
      else setTimeout(check, 500)
    })
    this.shadowRoot!.append(iframe)
    return iframe
  }

  #report(error: ChatKitError): void {
    dispatchChatKitEvent(this, 'error', { error })
  }
}

type Listener<K extends keyof ChatKitEvents> = (this: ChatKitElement, event: ChatKitEvents[K]) => unknown

export interface ChatKitElement extends ChatKitCommands {
  addEventListener<K extends keyof ChatKitEvents>(type: K, listener: Listener<K>, options?: boolean | AddEventListenerOptions): void
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void
  removeEventListener<K extends keyof ChatKitEvents>(type: K, listener: Listener<K>, options?: boolean | EventListenerOptions): void
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: HTMLElement, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void
}

declare global {
  interface HTMLElementTagNameMap {
    'xpertai-chatkit': ChatKitElement
  }
}

/** Registers `<xpertai-chatkit>` unless something already did (two copies of the SDK on one page). */
export function defineChatKitElement(): void {
  if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, ChatKitElement)
}
