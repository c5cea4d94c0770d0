/**
 * Images of an answer that the image policy lets load (`decideImage`), as a gallery of
 * thumbnails; each opens a viewer: a modal `<dialog>` (Escape closes it; focus stays inside),
 * ←/→ (and Home/End) step through the images, focus returns to the thumbnail it was opened from.
 * The URLs are the policy's `load` values, never the raw ones.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import './gallery.css'

export type GalleryImage = { src: string; alt: string }

export function Gallery({ images }: { images: GalleryImage[] }) {
  const [open, setOpen] = useState<number | null>(null)
  const thumbs = useRef<(HTMLButtonElement | null)[]>([])
  const close = (at: number) => {
    setOpen(null)
    thumbs.current[at]?.focus()
  }
  return (
    <>
      <ul class="ck-gallery" aria-label={t('gallery.label', { count: images.length })}>
        {images.map((img, i) => (
          <li key={i}>
            <button
              type="button"
              class="ck-gallery-thumb"
              ref={(el) => {
                thumbs.current[i] = el
              }}
              aria-haspopup="dialog"
              aria-label={t('gallery.open', { n: i + 1, count: images.length, alt: img.alt || t('gallery.untitled') })}
              onClick={() => setOpen(i)}
            >
              <img src={img.src} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
            </button>
          </li>
        ))}
      </ul>
      {open !== null && <Viewer images={images} start={open} onClose={close} />}
    </>
  )
}

function Viewer({ images, start, onClose }: { images: GalleryImage[]; start: number; onClose(at: number): void }) {
  const [at, setAt] = useState(start)
  const dialog = useRef<HTMLDialogElement>(null)
  const current = useRef(at)
  current.current = at
  // The dialog closes (so the thread is no longer inert) before focus goes back to a thumbnail.
  const done = () => {
    dialog.current?.close()
    onClose(current.current)
  }
  useEffect(() => {
    const d = dialog.current!
    d.showModal()
    const onCancel = (e: Event) => {
      e.preventDefault()
      done()
    }
    d.addEventListener('cancel', onCancel)
    return () => d.removeEventListener('cancel', onCancel)
  }, [])
  const go = (i: number) => setAt((i + images.length) % images.length)
  const img = images[at]
  return (
    <dialog
      ref={dialog}
      class="ck-viewer"
      aria-label={t('gallery.viewer', { n: at + 1, count: images.length })}
      onKeyDown={(e) => {
        const step = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: images.length - 1 }[e.key]
        if (step === undefined) return
        e.preventDefault()
        go(step)
      }}
    >
      <figure class="ck-viewer-figure">
        <img src={img.src} alt={img.alt} referrerpolicy="no-referrer" />
        <figcaption aria-live="polite">
          <span class="ck-viewer-count">{t('gallery.position', { n: at + 1, count: images.length })}</span>
          {img.alt && <span class="ck-viewer-alt">{img.alt}</span>}
        </figcaption>
      </figure>
      <div class="ck-viewer-actions">
        {images.length > 1 && (
          <button type="button" onClick={() => go(at - 1)}>
            {t('gallery.previous')}
          </button>
        )}
        {images.length > 1 && (
          <button type="button" onClick={() => go(at + 1)}>
            {t('gallery.next')}
          </button>
        )}
        <button type="button" onClick={done} autofocus>
          {t('gallery.close')}
        </button>
      </div>
    </dialog>
  )
}
