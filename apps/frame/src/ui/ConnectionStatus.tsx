/** What the frame says about its connection: offline (a banner) and a broken answer stream (a status line). */
import { t } from '../i18n/index.js'
import './connection.css'
import { isOnline } from '../thread/connectivity.js'

export function OfflineBanner() {
  if (isOnline.value) return null
  return (
    <p class="ck-banner ck-banner-offline" role="status">
      {t('app.offline')}
    </p>
  )
}

export function Reconnecting({ on }: { on: boolean }) {
  if (!on) return null
  return (
    <p class="ck-reconnecting" role="status">
      {t('thread.reconnecting')}
    </p>
  )
}
