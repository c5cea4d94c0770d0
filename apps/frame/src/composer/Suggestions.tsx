import { useEffect } from 'preact/hooks'
import { Icon } from '../shared/index.js'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Suggestion, SuggestionState } from './useSuggestions.js'

export const SUGGEST_ID = 'ck-suggest' // keep in step with Composer.tsx
export const optionId = (i: number) => `ck-suggest-${i}`

type Props = { state: SuggestionState; onPick(s: Suggestion): void; onHover(i: number): void; onKeyDown(e: KeyboardEvent): void; onBlur(e: FocusEvent): void }

/**
 * The slash-command / mention menu above the composer. The textarea drives it (aria-activedescendant);
 * the listbox is also a tab stop with the same keys, so a long menu is reachable and scrolls by
 * keyboard from anywhere (axe scrollable-region-focusable).
 */
export function Suggestions({ state, onPick, onHover, onKeyDown, onBlur }: Props) {
  const { trigger, items, searching, active } = state
  // The active option stays in view as the keys move it through a long menu.
  useEffect(() => document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' }), [active])
  if (!trigger) return null
  const label = t(trigger.kind === 'slash' ? 'composer.commands' : 'composer.mentions')
  if (!items.length) {
    return (
      <div class="ck-suggest ck-suggest-empty" role="status">
        {searching ? t('composer.searching') : t('composer.noResults')}
      </div>
    )
  }
  const groups: { name: string; items: [Suggestion, number][] }[] = []
  items.forEach((s, i) => {
    const name = s.group ?? ''
    const last = groups[groups.length - 1]
    if (last && last.name === name) last.items.push([s, i])
    else groups.push({ name, items: [[s, i]] })
  })
  return (
    <div
      class="ck-suggest"
      id={SUGGEST_ID}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={optionId(active)}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
    >
      {groups.map((g) => (
        // biome-ignore lint/a11y/useSemanticElements: an ARIA group of options inside the listbox; a fieldset is not allowed there
        <div role="group" key={g.name} aria-label={g.name || label}>
          {g.name && (
            <div class="ck-suggest-group" aria-hidden="true">
              {g.name}
            </div>
          )}
          {g.items.map(([s, i]) => (
            // biome-ignore lint/a11y/useFocusableInteractive: an aria-activedescendant listbox: focus stays in the textarea or the listbox, options are never focused
            <div
              key={s.key + i}
              id={optionId(i)}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              aria-disabled={s.kind === 'slash' && s.disabled ? 'true' : undefined}
              class="ck-suggest-option"
              // mousedown, not click: the textarea must keep focus.
              onMouseDown={(e) => {
                e.preventDefault()
                onPick(s)
              }}
              onMouseEnter={() => onHover(i)}
            >
              {s.icon && <Icon name={s.icon} size={16} />}
              <span class="ck-suggest-label">
                <bdi>{s.label}</bdi>
                {s.kind === 'slash' && s.hint && <span class="ck-suggest-hint"> {s.hint}</span>}
              </span>
              {s.kind === 'slash' &&
                s.tags?.map((tag) => (
                  <span class="ck-suggest-tag" key={tag}>
                    {tag}
                  </span>
                ))}
              {s.description && <span class="ck-suggest-desc">{s.description}</span>}
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}
