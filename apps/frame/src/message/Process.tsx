/**
 * One "process" disclosure per answer (`messagePresentation.collapseProcess`): a button with
 * `aria-expanded` above the answer; its body (reasoning, tool steps, earlier text) is built only
 * while open. Open while the answer streams and when it did not finish well (error, stopped,
 * interrupted); closed once it is done — unless the user chose, which always wins. Loaded only
 * when the option is on.
 */
import type { ComponentChildren, VNode } from 'preact'
import { useState } from 'preact/hooks'
import { currentLocale, t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Message } from '../thread/index.js'
import type { Block } from './groups.js'
import { splitProcess } from './process.js'
import { answerDuration } from './timing.js'
import './process.css'

export type ProcessViewProps = { blocks: Block[]; nodes: VNode[]; message: Message }

export function ProcessView({ blocks, nodes, message }: ProcessViewProps) {
  const split = splitProcess(blocks, message.status === 'streaming')
  if (!split) return <>{nodes}</>
  const pick = (at: number[]) => at.map((i) => nodes[i])
  return (
    <>
      <Disclosure message={message}>{pick(split.process)}</Disclosure>
      {pick(split.kept)}
      {pick(split.answer)}
    </>
  )
}

function Disclosure({ message, children }: { message: Message; children: ComponentChildren }) {
  const [chosen, setChosen] = useState<boolean | null>(null)
  const done = message.status === 'done'
  const open = chosen ?? !done
  const id = `ck-process-${message.id}`
  const label =
    done && message.durationMs !== undefined ? t('process.took', { duration: answerDuration(message.durationMs, currentLocale()) }) : t('process.label')
  return (
    <div class="ck-process" data-open={open ? 'true' : 'false'}>
      <button
        type="button"
        class="ck-process-toggle"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? id : undefined}
        onClick={() => setChosen(!open)}
      >
        <svg class="ck-process-chevron" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M6 4l4 4-4 4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        {label}
      </button>
      {open && (
        <div id={id} class="ck-process-body">
          {children}
        </div>
      )}
    </div>
  )
}
