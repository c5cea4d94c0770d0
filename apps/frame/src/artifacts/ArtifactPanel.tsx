/**
 * The artifact side panel: preview and source tabs, copy, download, close (Escape too). HTML and
 * SVG preview in the sandbox sub-frame; Markdown through the answer renderer (same sanitising);
 * code highlighted. The source tab shows the text as text.
 */
import type { ArtifactSpec } from '@xpert-ai/chatkit-protocol'
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { Markdown } from '../markdown/index.js'
import { copyText } from '../message/clipboard.js'
import { saveBlob } from '../shared/save-blob.js'
import { downloadName, mimeOf } from './files.js'
import { SandboxFrame, previewDocument } from './SandboxFrame.js'

export function ArtifactPanel({ artifact: a, onClose }: { artifact: ArtifactSpec; onClose(): void }) {
  const [tab, setTab] = useState<'preview' | 'source'>('preview')
  const [copied, setCopied] = useState<boolean | null>(null)
  const id = useId()
  const panel = useRef<HTMLDivElement>(null)
  useEffect(() => panel.current?.focus(), [])
  const download = () => saveBlob(new Blob([a.content], { type: mimeOf(a) }), downloadName(a))
  const tabButton = (name: 'preview' | 'source') => (
    <button
      type="button"
      role="tab"
      id={`${id}-${name}`}
      aria-selected={tab === name}
      aria-controls={`${id}-body`}
      tabIndex={tab === name ? 0 : -1}
      onClick={() => setTab(name)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
        const next = name === 'preview' ? 'source' : 'preview'
        setTab(next)
        ;(e.currentTarget.parentElement?.querySelector(`#${CSS.escape(`${id}-${next}`)}`) as HTMLElement | null)?.focus()
      }}
    >
      {t(`artifact.${name}` as const)}
    </button>
  )
  return (
    <div
      ref={panel}
      class="ck-artifact-panel"
      role="dialog"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <div class="ck-artifact-head">
        <h2 id={`${id}-title`} class="ck-artifact-heading">
          {a.title}
        </h2>
        <button type="button" onClick={() => copyText(a.content).then(setCopied)}>
          {copied === null ? t('artifact.copy') : copied ? t('code.copied') : t('actions.copyFailed')}
        </button>
        <button type="button" onClick={download}>
          {t('artifact.download')}
        </button>
        <button type="button" aria-label={t('artifact.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div role="tablist" class="ck-artifact-tabs" aria-label={a.title}>
        {tabButton('preview')}
        {tabButton('source')}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is a tab stop (the APG tabs pattern): a long source or preview scrolls with the arrow keys */}
      <div class="ck-artifact-body" id={`${id}-body`} role="tabpanel" aria-labelledby={`${id}-${tab}`} tabIndex={0}>
        {tab === 'source' ? (
          <pre class="ck-artifact-source">
            <code>{a.content}</code>
          </pre>
        ) : (
          <Preview a={a} />
        )}
      </div>
    </div>
  )
}

/** A code file as one fenced block (longer than any backtick run in it), for the answer renderer's highlighting. */
function fenced(code: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, ...(code.match(/`+/g) ?? []).map((r) => r.length + 1)))
  return `${fence}${language}\n${code}\n${fence}`
}

function Preview({ a }: { a: ArtifactSpec }) {
  switch (a.kind) {
    case 'html':
    case 'svg':
      return <SandboxFrame html={previewDocument(a.kind, a.content)} title={a.title} />
    case 'markdown':
      return (
        <div class="ck-artifact-md">
          <Markdown text={a.content} />
        </div>
      )
    case 'code':
      return (
        <div class="ck-artifact-md">
          <Markdown text={fenced(a.content, a.language)} />
        </div>
      )
  }
}
