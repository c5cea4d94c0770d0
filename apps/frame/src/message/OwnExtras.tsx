/**
 * Under a user's own message: what it was sent with. Its files (`FileList`: image thumbnails that
 * open in the gallery viewer, other files downloaded on click); @-mentions as chips; a quote
 * ("Ask about this") as a block quote. Loaded with the first such message.
 */
import { useMemo } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Message } from '../thread/index.js'
import { ownExtras } from '../thread/model/own-extras.js'
import { FileList } from './FileList.js'
import './own-extras.css'

export function OwnExtras({ message }: { message: Message }) {
  const { references } = useMemo(() => ownExtras(undefined, message.sent?.references), [message.sent])
  const entities = references.flatMap((r) => (r.type === 'entity' ? [r] : []))
  const quotes = references.flatMap((r) => (r.type !== 'entity' ? [r] : []))
  return (
    <div class="ck-own-extras">
      {quotes.map((q, i) => (
        <blockquote key={i} class="ck-own-quote" dir="auto">
          {q.text}
        </blockquote>
      ))}
      <FileList files={message.sent?.files} label={t('own.files')} />
      {entities.length > 0 && (
        <ul class="ck-chips ck-own-chips" aria-label={t('own.mentions')}>
          {entities.map((e) => (
            <li key={e.id} class="ck-chip" data-entity-id={e.id}>
              <span class="ck-chip-main">@{e.title}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
