import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { quote, requestFocus } from '../composer/store.js'
import './selection.css'

/** The composer's quote ("Ask about this"): what the message will ask about, removable. */
export function QuoteChip() {
  const text = quote.value
  if (!text) return null
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group (the quote and its remove button) above the composer, not a form fieldset
    <div class="ck-quote-chip" role="group" aria-label={t('quote.label')}>
      <blockquote dir="auto">{text}</blockquote>
      <button
        type="button"
        class="ck-chip-remove"
        aria-label={t('quote.remove')}
        onClick={() => {
          quote.value = null
          requestFocus()
        }}
      >
        ×
      </button>
    </div>
  )
}
