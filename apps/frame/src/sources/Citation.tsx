import { useContext, useId, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { SourcesContext, useConversation } from '../message/context.js'
import { linkClick } from './link-click.js'
import { sourceAt } from './source-item.js'
import './sources.css'

/**
 * An inline `[n]` marker citing the answer's n-th source: a small link to it, whose card (title,
 * host, snippet) shows on hover and on keyboard focus, and hides on Escape, blur or pointer leave
 * (WCAG 1.4.13: the pointer may move onto the card without it closing). A marker without such a
 * source stays the text it was.
 */
export function Citation({ n, raw }: { n: number; raw: string }) {
  const source = sourceAt(useContext(SourcesContext), n)
  const actions = useConversation()
  const [open, setOpen] = useState(false)
  const id = useId()
  if (!source) return <>{raw}</>
  const show = () => setOpen(true)
  const hide = () => setOpen(false)
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the pointer half of hover-or-focus; keyboard users get the card from the link's focus
    <span class="ck-cite" onMouseEnter={show} onMouseLeave={hide}>
      <a
        class="ck-cite-link"
        href={source.url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t('sources.cite', { n, title: source.title })}
        aria-describedby={open ? id : undefined}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(e) => e.key === 'Escape' && hide()}
        onClick={linkClick(actions, source.url)}
      >
        {n}
      </a>
      {open && (
        <span class="ck-cite-card" role="tooltip" id={id}>
          <span class="ck-cite-title">{source.title}</span>
          <span class="ck-cite-host">{source.host}</span>
          {source.snippet && <span class="ck-cite-snippet">{source.snippet}</span>}
        </span>
      )}
    </span>
  )
}
