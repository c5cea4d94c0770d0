import { useId } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { useConversation } from '../message/context.js'
import { linkClick } from './link-click.js'
import { shownSources } from './source-item.js'
import './sources.css'

/** The answer's sources under it, numbered as the `[n]` markers in its text cite them. */
export function SourcesList({ list }: { list: readonly unknown[] }) {
  const actions = useConversation()
  const id = useId()
  const sources = shownSources(list)
  if (!sources.length) return null
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled list of links, not a form fieldset
    <div class="ck-sources" role="group" aria-labelledby={id}>
      <p class="ck-sources-label" id={id}>
        {t('sources.label')}
      </p>
      <ol class="ck-sources-list">
        {sources.map((s) => (
          <li key={s.n} value={s.n}>
            <a href={s.url} target="_blank" rel="noopener noreferrer" onClick={linkClick(actions, s.url)}>
              {s.title}
            </a>{' '}
            <span class="ck-sources-host">{s.host}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
