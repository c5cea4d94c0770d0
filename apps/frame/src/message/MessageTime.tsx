import { fullDate } from '../history/relative-time.js'
import { currentLocale, t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Message } from '../thread/index.js'
import { answerDuration, messageWhen } from './timing.js'
import './message-time.css'

/**
 * Under a message, on hover or focus (its code loads with the first one): when it was sent or
 * answered, and how long the answer took. The full date and time are in the `title`.
 */
export function MessageTime({ message }: { message: Message }) {
  if (message.at === undefined || message.status === 'streaming') return null
  const locale = currentLocale()
  const iso = new Date(message.at).toISOString()
  const took =
    message.role === 'assistant' && message.durationMs !== undefined ? t('message.answeredIn', { duration: answerDuration(message.durationMs, locale) }) : null
  return (
    <span class="ck-time">
      <time dateTime={iso} title={fullDate(iso, locale)}>
        {messageWhen(message.at, locale)}
      </time>
      {took && <span class="ck-took"> · {took}</span>}
    </span>
  )
}
