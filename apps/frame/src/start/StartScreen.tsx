import './start.css'
import type { StartScreenPrompt } from '@xpert-ai/chatkit-protocol'
import { Icon } from '../shared/index.js'
import { t } from '../i18n/index.js'

export type StartScreenProps = {
  greeting: string
  prompts: StartScreenPrompt[]
  /** Sends the prompt's text as the user's first message. */
  onPrompt(prompt: string): void
}

/** The empty-thread view: a greeting and starter prompts. */
export function StartScreen({ greeting, prompts, onPrompt }: StartScreenProps) {
  return (
    <div class="ck-start">
      <h2 class="ck-greeting">{greeting}</h2>
      {prompts.length > 0 && (
        <ul class="ck-prompts" aria-label={t('start.prompts')}>
          {prompts.map((p, i) => (
            <li key={i}>
              <button type="button" class="ck-prompt" onClick={() => onPrompt(p.prompt)}>
                {p.icon && <Icon name={p.icon} />}
                <span>{p.label || p.prompt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Only prompts with text are usable; anything else in the array is skipped. */
export function usablePrompts(value: unknown): StartScreenPrompt[] {
  if (!Array.isArray(value)) return []
  return value.filter((p): p is StartScreenPrompt => !!p && typeof p === 'object' && typeof p.prompt === 'string' && p.prompt.trim() !== '').slice(0, 12)
}
