import './session.css'
import { retrySession, sessionProblem } from '../app/session.js'
import { t } from '../i18n/index.js'

/** Shown while the host cannot renew the session: says so, names the cause, offers Retry. */
export function SessionBanner() {
  const problem = sessionProblem.value
  if (!problem) return null
  return (
    <div class="ck-banner ck-banner-error ck-session" role="alert" data-code={problem.code}>
      <p>
        <strong>{t('session.failed')}</strong>
        <small>{problem.message}</small>
      </p>
      <button type="button" onClick={retrySession}>
        {t('actions.retry')}
      </button>
    </div>
  )
}
