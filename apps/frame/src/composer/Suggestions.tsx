import { Icon } from '../shared/index.js'
import { t } from '../i18n/index.js'
import type { Suggestion, SuggestionState } from './useSuggestions.js'

const SUGGEST_ID = 'ck-suggest' // keep in step with Composer.tsx
export const optionId = (i: number) => `ck-suggest-${i}`

/** The slash-command / mention menu above the composer. */
export function Suggestions({ state, onPick, onHover }: { state: SuggestionState; onPick(s: Suggestion): void; onHover(i: number): void }) {
  const { trigger, items, searching, active } = state
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
    <div class="ck-suggest" id={SUGGEST_ID} role="listbox" aria-label={label}>
      {groups.map((g) => (
        // biome-ignore lint/a11y/useSemanticElements: an ARIA group of options inside the listbox; a fieldset is not allowed there
        <div role="group" key={g.name} aria-label={g.name || label}>
          {g.name && (
            <div class="ck-suggest-group" aria-hidden="true">
              {g.name}
            </div>
          )}
          {g.items.map(([s, i]) => (
            // biome-ignore lint/a11y/useFocusableInteractive: an aria-activedescendant listbox: focus stays in the textarea, options are never focused
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
              {s.kind === 'slash' && s.tags?.map((tag) => <span class="ck-suggest-tag" key={tag}>{tag}</span>)}
              {s.description && <span class="ck-suggest-desc">{s.description}</span>}
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}
