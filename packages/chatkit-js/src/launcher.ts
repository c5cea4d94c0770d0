/**
 * `@xpert-ai/chatkit-js/launcher`: a floating button in a corner of the page that opens ChatKit in
 * a panel (the `displayMode: 'pet'` experience, without the animated pet). A separate entry, so
 * pages that embed ChatKit inline do not pay for it. Keyboard: the button is a real `<button>`
 * with `aria-expanded`; Escape (in the panel or inside the chat) closes it; focus then returns to
 * the button.
 */
// Through the main entry, which the build keeps external: the launcher adds only its own bytes.
import { createChatKit } from './index.js'
import type { ChatKitHandle, ChatKitOptions } from './index.js'
import { floatingToggle, OPEN_LABEL, PANEL_CSS } from './floating.js'

export type LauncherCorner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

export type LauncherOptions = ChatKitOptions & {
  /** Where the button sits. Default `bottom-right`. */
  corner?: LauncherCorner
  /** Accessible name of the button and the panel. Default `Open chat` / `Chat`. */
  label?: string
  /** Where to put the launcher. Default `document.body`. */
  container?: HTMLElement
}

export type ChatKitLauncher = ChatKitHandle & {
  button: HTMLButtonElement
  panel: HTMLElement
  readonly isOpen: boolean
  open(): void
  close(): void
  toggle(): void
}

let count = 0

/**
 * @example
 * import { createChatKitLauncher } from '@xpert-ai/chatkit-js/launcher'
 * const chat = createChatKitLauncher({ frameUrl, api: { apiUrl, xpertId, getClientSecret } })
 */
export function createChatKitLauncher({ corner = 'bottom-right', label, container = document.body, ...options }: LauncherOptions): ChatKitLauncher {
  const [v, h] = corner.split('-')
  const id = `xpertai-chatkit-panel-${++count}`
  const button = document.createElement('button')
  const panel = document.createElement('div')
  button.type = 'button'
  button.setAttribute('aria-label', label ?? OPEN_LABEL)
  button.setAttribute('aria-controls', id)
  button.dataset.chatkitLauncher = ''
  button.innerHTML = '<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M4 4h16v12H7l-3 3z"/></svg>'
  button.style.cssText = `position:fixed;${v}:20px;${h}:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;background:#2f6bff;color:#fff;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.25);display:grid;place-items:center`
  panel.id = id
  panel.setAttribute('role', 'dialog')
  panel.setAttribute('aria-label', label ?? 'Chat')
  panel.hidden = true
  panel.style.cssText = `position:fixed;${v}:88px;${h}:20px;z-index:2147483000;${PANEL_CSS}`
  const chat = createChatKit(options)
  panel.append(chat.element)
  container.append(panel, button)

  const { set } = floatingToggle(button, chat.element, (open) => (panel.hidden = !open), [panel])
  button.addEventListener('click', () => set(panel.hidden))

  const launcher = {
    ...chat,
    button,
    panel,
    open: () => set(true),
    close: () => set(false),
    toggle: () => set(panel.hidden),
    destroy() {
      chat.destroy()
      panel.remove()
      button.remove()
    },
  }
  // A getter (Object.assign or a spread would freeze its first value).
  return Object.defineProperty(launcher, 'isOpen', { get: () => !panel.hidden }) as unknown as ChatKitLauncher
}
