/**
 * State and keyboard handling of the composer's suggestion menu (slash commands and @-mentions).
 * The textarea keeps focus; the menu is a listbox it points at with `aria-activedescendant`.
 * Arrow keys move, Enter or Tab picks, Escape closes until the user types a new trigger.
 */
import type { ChatKitSlashCommand, Entity } from '@xpert-ai/chatkit-protocol'
import { useEffect, useState } from 'preact/hooks'
import { matchCommands, type SlashOutcome, slashMenuEntry } from './slash.js'
import type { Trigger } from './triggers.js'

export type Suggestion =
  | {
      kind: 'slash'
      key: string
      label: string
      description?: string
      icon?: string
      group?: string
      hint?: string
      tags?: string[]
      disabled?: boolean
      command: ChatKitSlashCommand
      outcome: SlashOutcome
    }
  | { kind: 'mention'; key: string; label: string; description?: string; icon?: string; group?: string; entity: Entity }

export type SuggestionState = {
  trigger: Trigger | null
  items: Suggestion[]
  /** True while an @-search is in flight. */
  searching: boolean
  active: number
}

const DEBOUNCE_MS = 150

/** Grouped items (`Entity.group`, slash `category`) stay together, groups in first-seen order. */
function grouped(found: Suggestion[]): Suggestion[] {
  const order = [...new Set(found.map((i) => i.group ?? ''))]
  const groupOf = (s: Suggestion) => order.indexOf(s.group ?? '')
  return found
    .map((s, i) => [s, i] as const)
    .sort((a, b) => groupOf(a[0]) - groupOf(b[0]) || a[1] - b[1])
    .map(([s]) => s)
}

export function useSuggestions(opts: { trigger: Trigger | null; commands: unknown; searchEntities?: (q: string) => Promise<Entity[]> }) {
  const { trigger } = opts
  const [dismissed, setDismissed] = useState<string | null>(null)
  const [entities, setEntities] = useState<{ query: string; items: Entity[] } | null>(null)
  const [active, setActive] = useState(0)
  const search = opts.searchEntities

  const key = trigger ? `${trigger.kind}@${trigger.start}` : null
  const open = !!trigger && key !== dismissed && (trigger.kind === 'slash' || !!search)

  // A new query starts at the first item.
  useEffect(() => setActive(0), [key, trigger?.query])

  useEffect(() => {
    if (!open || trigger!.kind !== 'mention' || !search) return
    let live = true
    const q = trigger!.query
    const timer = setTimeout(() => {
      search(q).then(
        (items) => live && setEntities({ query: q, items }),
        () => live && setEntities({ query: q, items: [] }),
      )
    }, DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [open, trigger?.kind, trigger?.query, search])

  let items: Suggestion[] = []
  if (open && trigger!.kind === 'slash') {
    items = grouped(
      matchCommands(opts.commands, trigger!.query).map((c) => ({
        kind: 'slash',
        key: c.name,
        icon: typeof c.icon === 'string' ? c.icon : undefined,
        command: c,
        ...slashMenuEntry(c),
      })),
    )
  } else if (open && entities && entities.query === trigger!.query) {
    items = grouped(entities.items.map((e) => ({ kind: 'mention', key: e.id, label: e.title, icon: e.icon, group: e.group, entity: e })))
  }
  const searching = open && trigger!.kind === 'mention' && entities?.query !== trigger!.query
  const current = Math.min(active, Math.max(0, items.length - 1))

  return {
    open,
    state: { trigger: open ? trigger : null, items, searching, active: current } satisfies SuggestionState,
    close() {
      if (key) setDismissed(key)
    },
    setActive,
    /** Handles menu keys; returns the picked suggestion for Enter/Tab, `true` for other handled keys. */
    onKeyDown(e: KeyboardEvent): Suggestion | boolean {
      if (!open || e.isComposing) return false
      if (e.key === 'Escape') {
        e.preventDefault()
        setDismissed(key)
        return true
      }
      if (!items.length) return false
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        setActive((current + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length)
        return true
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault()
        return items[current]
      }
      return false
    },
  }
}
