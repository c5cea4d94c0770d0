/**
 * Files as a message shows them, fetched from the API's file route with the client secret (never
 * a third-party URL): images as thumbnails (`blob:` URLs) that open in the gallery viewer, other
 * files as name + size, downloaded on click. Under a user's own message (what it was sent with)
 * and under a tool step (what the tool produced: option `toolOutputAttachments`).
 */
import { useEffect, useMemo, useState } from 'preact/hooks'
import { formatBytes } from '../attachments/format-bytes.js'
import { Gallery } from '../gallery/Gallery.js'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { saveBlob } from '../shared/save-blob.js'
import { ownExtras, type OwnAttachment } from '../thread/model/own-extras.js'
import { useConversation } from './context.js'
import './own-extras.css'

/** The image types the server serves inline (files/sniff.ts INLINE_SAFE); SVG is a download. */
const THUMB = /^image\/(png|jpeg|gif|webp|avif)$/

/** `files`: `{id, name, mimeType, size?}` items (as `ownExtras` reads them; unusable ones are skipped). */
export function FileList({ files: raw, label }: { files: unknown; label: string }) {
  const { file } = useConversation()
  const all = useMemo(() => ownExtras(raw, []).attachments, [raw])
  const [thumbs, setThumbs] = useState<Record<string, string | false>>({})
  useEffect(() => {
    let live = true
    const made: string[] = []
    for (const a of all.filter((f) => THUMB.test(f.mimeType))) {
      file(a.id).then(
        (b) => {
          if (!live) return
          const url = URL.createObjectURL(b)
          made.push(url)
          setThumbs((s) => ({ ...s, [a.id]: url }))
        },
        () => live && setThumbs((s) => ({ ...s, [a.id]: false })),
      )
    }
    return () => {
      live = false
      for (const u of made) URL.revokeObjectURL(u)
    }
  }, [all])
  const images = all.flatMap((a) => (thumbs[a.id] ? [{ src: thumbs[a.id] as string, alt: a.name }] : []))
  // Images still loading wait for their thumbnail; one that failed is offered as a download.
  const files = all.filter((a) => !THUMB.test(a.mimeType) || thumbs[a.id] === false)
  return (
    <>
      {images.length > 0 && <Gallery images={images} />}
      {files.length > 0 && (
        <ul class="ck-own-files" aria-label={label}>
          {files.map((a) => (
            <li key={a.id}>
              <FileButton a={a} open={() => file(a.id).then((b) => saveBlob(b, a.name))} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function FileButton({ a, open }: { a: OwnAttachment; open(): Promise<void> }) {
  const [failed, setFailed] = useState(false)
  const size = a.size !== undefined ? formatBytes(a.size) : ''
  return (
    <>
      <button
        type="button"
        class="ck-own-file"
        aria-label={t('own.download', { name: size ? `${a.name}, ${size}` : a.name })}
        onClick={() =>
          open().then(
            () => setFailed(false),
            () => setFailed(true),
          )
        }
      >
        <span class="ck-own-file-name">{a.name}</span>
        {size && <span class="ck-own-file-size">{size}</span>}
      </button>
      {failed && (
        <span class="ck-own-file-error" role="alert">
          {t('own.failed', { name: a.name })}
        </span>
      )}
    </>
  )
}
