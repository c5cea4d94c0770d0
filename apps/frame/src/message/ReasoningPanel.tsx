import { useEffect, useRef } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { Markdown } from '../markdown/index.js'
import type { Part } from '../thread/index.js'
import { seconds } from './text.js'
import { useNow } from './useNow.js'

type Reasoning = Extract<Part, { type: 'reasoning' }>

/**
 * Chain-of-thought: open and counting ("Thinking… 4 s") while it streams, collapsed with its
 * duration ("Thought for 4 s") once the answer moved on.
 */
export function ReasoningPanel({ part, streaming }: { part: Reasoning; streaming: boolean }) {
  const live = streaming && part.endedAt === undefined
  const now = useNow(live)
  // Open while thinking, closed once done; in between, the user's own toggling wins.
  const ref = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.open = live
  }, [live])
  const started = part.startedAt
  let label: string
  if (live) label = started !== undefined ? t('reasoning.live', { seconds: Math.floor((now - started) / 1000) }) : t('message.thinking')
  else label = started !== undefined ? t('reasoning.done', { seconds: seconds(started, part.endedAt ?? started) }) : t('message.thoughtProcess')
  return (
    <details ref={ref} class="ck-reasoning" data-live={live ? 'true' : undefined}>
      <summary>{label}</summary>
      <div class="ck-reasoning-body">
        <Markdown text={part.text} streaming={live} />
      </div>
    </details>
  )
}
