import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { useConversation } from '../message/context.js'
import './sources.css'

/** Suggested next questions under the last answer: a click sends one (the frame's one send path). */
export function Suggestions({ list }: { list: readonly unknown[] }) {
  const actions = useConversation()
  const questions = list.filter((q): q is string => typeof q === 'string' && q.trim() !== '').slice(0, 6)
  if (!questions.length) return null
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled row of buttons, not a form fieldset
    <div class="ck-suggestions" role="group" aria-label={t('suggestions.label')}>
      {questions.map((q) => (
        <button key={q} type="button" class="ck-suggestion" onClick={() => actions.appMessage(q)}>
          {q}
        </button>
      ))}
    </div>
  )
}
