import './session.css'
import type { SessionStatus } from '../app/index.js'
import { t } from '../i18n/index.js'

/** Shown while the host cannot renew the session: says so, names the cause, offers Retry. */
export function SessionBanner({ session }: { session: SessionStatus }) {
  const problem = session.problem.value
  if (!problem) return null
  return (
    <div class="ck-banner ck-banner-error ck-session" role="alert" data-code={problem.code}>
      <p>
        <strong>{t('session.failed')}</strong>
        <small>{problem.message}</small>
      </p>
      <button type="button" onClick={session.retry}>
        {t('actions.retry')}
      </button>
    </div>
  )
}
