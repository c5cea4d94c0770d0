/** What the frame says about its connection: offline or the server's services down (banners), and a broken answer stream (a status line). */
import { t } from '../i18n/index.js'
import './connection.css'
import { isOnline, serviceDown } from '../thread/index.js'

export function OfflineBanner() {
  if (isOnline.value) return null
  return (
    <p class="ck-banner ck-banner-offline" role="status">
      {t('app.offline')}
    </p>
  )
}

/** The server answered that its database or event log is down (503): it recovers by itself; say so until it does. */
export function ServiceBanner() {
  if (!serviceDown.value || !isOnline.value) return null
  return (
    <p class="ck-banner ck-banner-service" role="status" data-code={serviceDown.value}>
      {t('app.serviceDown')}
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
