/**
 * An image an agent authored (markdown, widget, message part). It loads only when the image
 * policy says so (`decideImage`: the frame's origin, the operator's `--image-origins`, small raster
 * `data:`). Any other http(s) image is a link naming its host, which the user may open in a new
 * tab (no opener, no referrer): the frame itself never fetches it, and its CSP could not anyway.
 */
import type { CSSProperties } from 'preact'
import { t } from '../i18n/index.js'
import { decideImage } from './urls.js'

export type AgentImageProps = { url: string; alt?: string; title?: string; class?: string; style?: CSSProperties }

export function AgentImage({ url, alt = '', title, class: cls, style }: AgentImageProps) {
  const d = decideImage(url)
  if ('load' in d) return <img class={cls} src={d.load} alt={alt} title={title} loading="lazy" decoding="async" referrerpolicy="no-referrer" style={style} />
  if ('ask' in d) {
    return (
      <a class="ck-image-ask" href={d.ask} title={d.ask} target="_blank" rel="noopener noreferrer">
        {alt ? `${alt} — ` : ''}
        {t('image.notLoaded', { host: d.host })}
      </a>
    )
  }
  const text = d.refuse === 'size' ? (alt ? `${alt} — ` : '') + t('image.tooLarge') : alt
  return text ? <span class="ck-image-blocked">{text}</span> : null
}
