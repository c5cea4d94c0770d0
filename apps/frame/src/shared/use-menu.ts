/**
 * A menu opened from a menu button (ARIA menu pattern), for the header's Export menu and the
 * composer's model menu (whose look is `menu.css`): open/closed state, focus moves into the menu
 * when it opens (on `first(items)`, else the first item), ↑/↓ move (wrapping), Home/End jump,
 * Escape closes and returns focus to the button, Tab or focus leaving the menu closes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import './menu-item.css'
import './menu.css'

export function useMenu(itemSelector: string, first?: (items: HTMLElement[]) => HTMLElement | undefined) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>(itemSelector) ?? [])]
  useEffect(() => {
    if (open) (first?.(items()) ?? items()[0])?.focus()
  }, [open])
  const close = (refocus = true) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }
  return {
    open,
    setOpen,
    button,
    menu,
    close,
    /** The menu button's ARIA state and handlers (spread on it): a click toggles, ↓ or ↑ opens. */
    buttonProps: (listId: string) => ({
      ref: button,
      type: 'button' as const,
      'aria-haspopup': 'menu' as const,
      'aria-expanded': open ? ('true' as const) : ('false' as const),
      'aria-controls': open ? listId : undefined,
      onClick: () => setOpen(!open),
      onKeyDown: (e: KeyboardEvent) => (e.key === 'ArrowDown' || e.key === 'ArrowUp') && (e.preventDefault(), setOpen(true)),
    }),
    onMenuKeyDown: (e: KeyboardEvent) => onMenuKey(e, items(), close),
    onFocusOut: (e: FocusEvent) => {
      if (open && !(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setOpen(false)
    },
  }
}

function onMenuKey(e: KeyboardEvent, items: HTMLElement[], close: (refocus?: boolean) => void): void {
  const at = items.indexOf(document.activeElement as HTMLElement)
  const go = (i: number) => items[(i + items.length) % items.length]?.focus()
  if (e.key === 'ArrowDown') go(at + 1)
  else if (e.key === 'ArrowUp') go(at - 1)
  else if (e.key === 'Home') go(0)
  else if (e.key === 'End') go(items.length - 1)
  else if (e.key === 'Escape') close()
  else if (e.key === 'Tab') {
    close(false)
    return
  } else return
  e.preventDefault()
}
