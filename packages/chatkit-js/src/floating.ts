/**
 * What the floating launcher (`./launcher.js`) and the pet (`./pet.js`, `displayMode: 'pet'`)
 * share: the chat panel's look, the rules for a character image URL, and the open/close toggle
 * (a real button with `aria-expanded`; Escape in the panel, on the button or inside the chat
 * closes it; the composer gets focus on open, the button on close). A separate file, so a page
 * with the pet does not load the launcher and the other way round.
 */
import type { ChatKitElement } from './element.js'

/** The panel the chat opens in: sized to the viewport, rounded, raised. */
export const PANEL_CSS =
  'width:min(400px,calc(100vw - 40px));height:min(640px,calc(100vh - 120px));border-radius:14px;overflow:hidden;background:#fff;box-shadow:0 8px 40px rgba(0,0,0,.3)'

/** The default accessible name of a button that opens the chat. */
export const OPEN_LABEL = 'Open chat'

export type Toggle = {
  readonly open: boolean
  set(open: boolean): void
  /** Removes the listeners (the button and panel stay). */
  off(): void
}

/**
 * Makes `button` open and close the chat: `show(open)` does the showing; `keyTargets` are where an
 * Escape keydown closes it. The caller decides what a click does (the pet ignores the click that
 * ends a drag).
 */
export function floatingToggle(button: HTMLElement, chat: ChatKitElement, show: (open: boolean) => void, keyTargets: EventTarget[]): Toggle {
  let open = false
  const set = (next: boolean) => {
    if (next === open) return
    open = next
    show(open)
    button.setAttribute('aria-expanded', String(open))
    if (open) void chat.focusComposer().catch(() => {})
    else button.focus()
  }
  const onKey = (e: Event) => (e as KeyboardEvent).key === 'Escape' && set(false)
  // Keys pressed inside the frame never reach this page: the frame reports Escape as a log event.
  const onLog = (e: Event) => (e as CustomEvent<{ name?: string }>).detail?.name === 'escape' && set(false)
  for (const t of keyTargets) t.addEventListener('keydown', onKey)
  chat.addEventListener('chatkit.log', onLog)
  button.setAttribute('aria-expanded', 'false')
  return {
    get open() {
      return open
    },
    set,
    off() {
      for (const t of keyTargets) t.removeEventListener('keydown', onKey)
      chat.removeEventListener('chatkit.log', onLog)
    },
  }
}

/**
 * A character image URL as the page may load it: http(s) (relative ones resolve against the page)
 * or an inline `data:image/…`. Anything else (`javascript:`, `file:`, `data:text/html`) is refused
 * with the reason, so a typo or an injected value never becomes a request.
 */
export function imageUrl(value: unknown): { href: string } | { error: string } {
  let url: URL | undefined
  try {
    url = typeof value === 'string' && value.trim() ? new URL(value, location.href) : undefined
  } catch {}
  if (url && (/^https?:$/.test(url.protocol) || /^data:image\//i.test(url.href))) return { href: url.href }
  return { error: `expected an http(s) or data:image/ URL, got ${JSON.stringify(value)?.slice(0, 80)}` }
}
