import { t } from '../i18n/index.js'
import { scrollRegion } from '../shared/index.js'

/** Text shown as typed, not as markdown, with a note saying why (too nested, too dense, failed). */
export function Unformatted({ text, reason }: { text: string; reason?: string }) {
  return (
    <div class="ck-md-unformatted">
      <p class="ck-md-unformatted-note" role="note">
        {reason ? t('markdown.failed', { reason }) : t('markdown.plain')}
      </p>
      <pre {...scrollRegion(t('text.plain'))}>{text}</pre>
    </div>
  )
}
