import { t } from '../i18n/index.js'
import { Markdown } from '../markdown/Markdown.js'
import type { Part } from '../thread/types.js'
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
  const started = part.startedAt
  let label: string
  if (live) label = started !== undefined ? t('reasoning.live', { seconds: Math.floor((now - started) / 1000) }) : t('message.thinking')
  else label = started !== undefined ? t('reasoning.done', { seconds: seconds(started, part.endedAt ?? started) }) : t('message.thoughtProcess')
  return (
    <details class="ck-reasoning" open={live} data-live={live ? 'true' : undefined}>
      <summary>{label}</summary>
      <div class="ck-reasoning-body">
        <Markdown text={part.text} streaming={live} />
      </div>
    </details>
  )
}
