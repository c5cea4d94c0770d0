/**
 * An artifact in the answer: a card naming it that opens the side panel (full screen on narrow
 * layouts). Focus goes to the panel and back to the card when it closes. The panel lives in a
 * layer at the end of <body> (`BodyLayer`).
 */
import { artifactProblem, type ArtifactSpec } from '@xpert-ai/chatkit-protocol'
import { useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { ArtifactPanel } from './ArtifactPanel.js'
import { BodyLayer } from './BodyLayer.js'
import './artifacts.css'

export function ArtifactCard({ artifact }: { artifact: unknown }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const problem = artifactProblem(artifact)
  if (problem)
    return (
      <div class="ck-widget-error" role="alert">
        <strong>{t('artifact.invalid')}</strong> {problem}
      </div>
    )
  const a = artifact as ArtifactSpec
  return (
    <div class="ck-artifact" data-kind={a.kind}>
      <button ref={button} type="button" class="ck-artifact-card" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        <span class="ck-artifact-kind">{t(`artifact.kind.${a.kind}` as const)}</span>
        <span class="ck-artifact-title">{a.title}</span>
        <span class="ck-artifact-open">{t('artifact.open')}</span>
      </button>
      {open && (
        <BodyLayer>
          <ArtifactPanel
            artifact={a}
            onClose={() => {
              setOpen(false)
              button.current?.focus()
            }}
          />
        </BodyLayer>
      )}
    </div>
  )
}
