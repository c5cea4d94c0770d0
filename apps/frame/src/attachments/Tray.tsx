import './attachments.css'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { formatBytes } from './format-bytes.js'
import type { AttachmentTray } from './store.js'
import type { Refusal } from './validate.js'

/** Files attached to the message being written: preview, name, progress, error, remove. */
export function Tray({ tray }: { tray: AttachmentTray }) {
  const items = tray.items.value
  const refusals = tray.refusals.value
  return (
    <>
      {refusals.length > 0 && (
        <div class="ck-refusals" role="alert">
          <ul>
            {refusals.map((r, i) => (
              <li key={i}>{refusalText(r)}</li>
            ))}
          </ul>
          <button type="button" class="ck-link-button" onClick={() => tray.dismissRefusals()}>
            {t('composer.dismiss')}
          </button>
        </div>
      )}
      {items.length > 0 && (
        <ul class="ck-tray" aria-label={t('composer.attachments')}>
          {items.map((a) => (
            <li key={a.key} class="ck-attachment" data-status={a.status}>
              {a.previewUrl ? (
                <img src={a.previewUrl} alt="" class="ck-attachment-preview" />
              ) : (
                <span class="ck-attachment-preview ck-attachment-file" aria-hidden="true" />
              )}
              <span class="ck-attachment-body">
                <span class="ck-attachment-name">{a.name}</span>
                <span class="ck-attachment-size">{formatBytes(a.size)}</span>
                {a.status === 'uploading' && <progress max={1} value={a.progress} aria-label={t('composer.uploading', { name: a.name })} />}
                {a.status === 'error' && <span class="ck-attachment-error">{t('composer.uploadFailed', { name: a.name, reason: a.error ?? '' })}</span>}
              </span>
              <button type="button" class="ck-chip-remove" aria-label={t('composer.remove', { name: a.name })} onClick={() => tray.remove(a.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function refusalText(r: Refusal): string {
  if (r.kind === 'tooMany') return t('composer.tooMany', { max: r.max })
  if (r.kind === 'tooLarge') return t('composer.tooLarge', { name: r.name, max: formatBytes(r.max) })
  return t('composer.wrongType', { name: r.name })
}
