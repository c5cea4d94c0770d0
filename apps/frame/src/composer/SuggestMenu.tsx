import './suggest.css'
/**
 * The suggestion menu with its state, loaded the first time a `/` or `@` trigger appears. It
 * hands its keyboard handler and active option id to the composer through `control`, because
 * focus stays in the textarea (combobox pattern with `aria-activedescendant`).
 */
import type { Entity } from '@xpert-ai/chatkit-protocol'
import { useEffect } from 'preact/hooks'
import { optionId, SUGGEST_ID, Suggestions } from './Suggestions.js'
import type { Trigger } from './triggers.js'
import { useSuggestions, type Suggestion } from './useSuggestions.js'

export type MenuControl = {
  keys?: (e: KeyboardEvent) => Suggestion | boolean
  /** Focus left the textarea or the menu for `to`: the menu closes unless `to` is one of them. */
  blurred?: (to: EventTarget | null) => void
  onActive(id: string | undefined): void
  focusInput(): void
}

export type SuggestMenuProps = {
  trigger: Trigger
  commands: unknown
  searchEntities?: (q: string) => Promise<Entity[]>
  control: MenuControl
  onPick(s: Suggestion, trigger: Trigger): void
}

export function SuggestMenu({ trigger, commands, searchEntities, control, onPick }: SuggestMenuProps) {
  const menu = useSuggestions({ trigger, commands, searchEntities })
  control.keys = menu.onKeyDown
  control.blurred = (to) => {
    if (!(to instanceof Element && (to.closest(`#${SUGGEST_ID}`) || to.getAttribute('aria-controls') === SUGGEST_ID))) menu.close()
  }
  const active = menu.open && menu.state.items.length ? optionId(menu.state.active) : undefined
  useEffect(() => control.onActive(active), [active])
  useEffect(
    () => () => {
      control.keys = undefined
      control.blurred = undefined
      control.onActive(undefined)
    },
    [],
  )
  // Focused (a tab stop, or a click on its scrollbar), the listbox takes the textarea's menu keys:
  // arrows move, Enter or Tab picks, Escape closes; then typing goes on in the textarea.
  const keys = (e: KeyboardEvent) => {
    const handled = menu.onKeyDown(e)
    if (handled && typeof handled === 'object') onPick(handled, trigger)
    if (handled && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') control.focusInput()
  }
  return menu.open ? (
    <Suggestions
      state={menu.state}
      onPick={(s) => onPick(s, trigger)}
      onHover={menu.setActive}
      onKeyDown={keys}
      onBlur={(e) => control.blurred?.(e.relatedTarget)}
    />
  ) : null
}
