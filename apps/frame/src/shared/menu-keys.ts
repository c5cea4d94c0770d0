/**
 * Keyboard of a menu opened from a menu button (ARIA menu pattern): ↑/↓ move (wrapping), Home/End
 * jump, Escape closes and returns focus to the button, Tab closes and lets focus move on. Used by
 * the header's Export menu and the composer's model menu, whose look is `menu.css`.
 */
import './menu.css'

export function onMenuKey(e: KeyboardEvent, items: HTMLElement[], close: (refocus?: boolean) => void): void {
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
