import './suggest.css'
/**
 * The suggestion menu with its state, loaded the first time a `/` or `@` trigger appears. It
 * hands its keyboard handler and active option id to the composer through `control`, because
 * focus stays in the textarea (combobox pattern with `aria-activedescendant`).
 */
import type { Entity } from '@xpert-ai/chatkit-protocol'
import { useEffect } from 'preact/hooks'
import { optionId, Suggestions } from './Suggestions.js'
import type { Trigger } from './triggers.js'
import { useSuggestions, type Suggestion } from './useSuggestions.js'

export type MenuControl = {
  keys?: (e: KeyboardEvent) => Suggestion | boolean
  close?: () => void
  onActive(id: string | undefined): void
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
  control.close = menu.close
  const active = menu.open && menu.state.items.length ? optionId(menu.state.active) : undefined
  useEffect(() => control.onActive(active), [active])
  useEffect(
    () => () => {
      control.keys = undefined
      control.close = undefined
      control.onActive(undefined)
    },
    [],
  )
  return menu.open ? <Suggestions state={menu.state} onPick={(s) => onPick(s, trigger)} onHover={menu.setActive} /> : null
}
