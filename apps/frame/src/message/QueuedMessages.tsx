import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { useConversation } from './context.js'

/** Messages typed while an answer streams: shown as pending, sent in order when it ends. */
export function QueuedMessages({ queued }: { queued: { clientId: string; text: string }[] }) {
  const { unqueue } = useConversation()
  if (!queued.length) return null
  return (
    <ol class="ck-queued" aria-label={t('queue.label')}>
      {queued.map((q) => (
        <li key={q.clientId} class="ck-message ck-message-user" data-queued="true">
          <p class="ck-user-text">{q.text}</p>
          <span class="ck-queued-tag">{t('queue.pending')}</span>
          <button type="button" class="ck-action" aria-label={t('queue.remove')} onClick={() => unqueue(q.clientId)}>
            ×
          </button>
        </li>
      ))}
    </ol>
  )
}
