import { Component } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { ComponentContent } from '@xpert-ai/chatkit-protocol'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Part } from '../thread/index.js'
import { mcpAppOf } from '../mcp-apps/detect.js'
import { JsonPreview } from './JsonPreview.js'
import { lazyComponent } from '../shared/index.js'
import { hasToolFiles } from './tool-files.js'
import { toolView } from './tool-renderers.js'
import { useNow } from './useNow.js'
import './tool-steps.css'

export type ToolPart = Extract<Part, { type: 'component' }>

const STATUS: Record<string, 'running' | 'success' | 'fail'> = { running: 'running', success: 'success', fail: 'fail', error: 'fail' }

function statusOf(data: ComponentContent['data']): 'running' | 'success' | 'fail' {
  return STATUS[String(data.status ?? 'running')] ?? 'running'
}

/** Milliseconds the step took: the server's dates when it sent both, else the frame's clock. */
function durationMs(p: ToolPart, now: number): number | null {
  const a = Date.parse(String(p.data.created_date ?? ''))
  const b = Date.parse(String(p.data.end_date ?? ''))
  if (Number.isFinite(a) && Number.isFinite(b) && b >= a) return b - a
  if (p.startedAt === undefined) return null
  return (p.endedAt ?? now) - p.startedAt
}

type StepProps = { part: ToolPart; live: boolean }

/** An MCP App (the step's `ui://` resource), shown under its step once the step succeeded; its code loads then. */
const McpApp = lazyComponent(() => import('../mcp-apps/McpApp.js').then((m) => m.McpApp))
/** The files the step produced (option `toolOutputAttachments`), under it; their code loads then. */
const FileList = lazyComponent(() => import('../ui/extras.js').then((m) => m.FileList))

/** The reducer keeps an unchanged step's part identical: only the step that changed re-renders. */
class ToolStep extends Component<StepProps> {
  override shouldComponentUpdate(next: StepProps) {
    return next.part !== this.props.part || next.live !== this.props.live
  }
  override render() {
    return <StepView {...this.props} />
  }
}

function StepView({ part, live }: StepProps) {
  // The body (views, error, JSON) is built once the step is opened: thousands of closed steps
  // stay a few elements each.
  const [open, setOpen] = useState(false)
  const { data } = part
  const status = statusOf(data)
  const now = useNow(live && status === 'running')
  const type = typeof data.type === 'string' ? data.type : 'tool'
  const title = typeof data.title === 'string' && data.title ? data.title : type
  const ms = durationMs(part, now)
  const special = open && status === 'success' ? toolView(type, data.input, data.output) : null
  const error = typeof data.error === 'string' ? data.error : status === 'fail' && typeof data.output === 'string' ? data.output : ''
  return (
    <li class="ck-step" data-tool-id={part.id} data-tool-status={status} data-tool-type={type}>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <span class="ck-step-dot" aria-hidden="true" />
          <span class="ck-step-title">{title}</span>
          <span class="ck-step-status">{t(`tool.status.${status}`)}</span>
          {ms !== null && status !== 'running' && <span class="ck-step-time">{t('tool.duration', { seconds: (ms / 1000).toFixed(1) })}</span>}
        </summary>
        {open && (
          <div class="ck-step-body">
            {special}
            {error && <p class="ck-step-error">{error}</p>}
            <JsonPreview label={t('tool.input')} value={data.input} />
            {!error && <JsonPreview label={t('tool.output')} value={data.output} />}
          </div>
        )}
      </details>
      {hasToolFiles(data) && (
        <div class="ck-step-files">
          <FileList files={data.attachments} label={t('tool.files', { title })} />
        </div>
      )}
      {status === 'success' && mcpAppOf(data.output) && <McpApp part={part} />}
    </li>
  )
}

/**
 * The steps of `parts` from index `from`, in chunks of REVEAL_SLICE steps by index. A frame of
 * "Show all" adds one chunk before the others; a chunk whose steps are all unchanged is not
 * rendered again, so a frame's work is the slice it adds, not every step shown so far.
 */
function StepChunks({ parts, from, live }: { parts: ToolPart[]; from: number; live: boolean }) {
  const chunks = []
  for (let c = Math.floor(from / REVEAL_SLICE); c * REVEAL_SLICE < parts.length; c++) {
    const slice = parts.slice(Math.max(from, c * REVEAL_SLICE), (c + 1) * REVEAL_SLICE)
    chunks.push(<StepChunk key={c} parts={slice} live={live} />)
  }
  return <>{chunks}</>
}

type ChunkProps = { parts: ToolPart[]; live: boolean }

class StepChunk extends Component<ChunkProps> {
  override shouldComponentUpdate({ parts, live }: ChunkProps) {
    const old = this.props.parts
    return live !== this.props.live || parts.length !== old.length || parts.some((p, i) => p !== old[i])
  }
  override render() {
    const { parts, live } = this.props
    return (
      <>
        {parts.map((p) => (
          <ToolStep key={p.id} part={p} live={live} />
        ))}
      </>
    )
  }
}

/** A group longer than this shows only its newest steps until the user asks for all. */
export const VISIBLE_STEPS = 20
/**
 * "Show all" adds this many earlier steps per animation frame (one chunk, the only new DOM of the
 * frame; steps off screen are not laid out, tool-steps.css): the frame stays responsive.
 */
const REVEAL_SLICE = 250

/**
 * The tool steps of a message that arrived together, as one list with a count. An agent that runs
 * thousands of steps would otherwise make every streamed update re-render thousands of rows: the
 * newest VISIBLE_STEPS are shown, with a button for the rest.
 */
export function ToolSteps({ parts, live }: { parts: ToolPart[]; live: boolean }) {
  const [extra, setExtra] = useState(0)
  const [revealing, setRevealing] = useState(false)
  const hidden = Math.max(0, parts.length - VISIBLE_STEPS - extra)
  useEffect(() => {
    if (!revealing) return
    if (!hidden) return setRevealing(false)
    const id = requestAnimationFrame(() => setExtra((n) => n + REVEAL_SLICE))
    return () => cancelAnimationFrame(id)
  }, [revealing, hidden])
  // The button leaves with the last slice: focus on it moves to the first step, not to the page.
  const more = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const focusFirst = useRef(false)
  if (!hidden && more.current && document.activeElement === more.current) focusFirst.current = true
  useLayoutEffect(() => {
    if (!focusFirst.current) return
    focusFirst.current = false
    list.current?.querySelector('summary')?.focus()
  })
  let running = 0
  let failed = 0
  for (const p of parts) {
    const s = statusOf(p.data)
    if (s === 'running') running++
    else if (s === 'fail') failed++
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of tool steps, not a form fieldset
    <div class="ck-steps" role="group" aria-label={t('tool.group', { count: parts.length })}>
      <div class="ck-steps-head">
        {t('tool.group', { count: parts.length })}
        {running > 0 && ` · ${t('tool.running', { count: running })}`}
        {failed > 0 && ` · ${t('tool.failed', { count: failed })}`}
      </div>
      {hidden > 0 && (
        <button
          ref={more}
          type="button"
          class="ck-steps-more"
          aria-disabled={revealing ? 'true' : undefined}
          aria-busy={revealing ? 'true' : undefined}
          onClick={() => setRevealing(true)}
        >
          {t('tool.showAll', { count: parts.length })}
        </button>
      )}
      <ul ref={list}>
        <StepChunks parts={parts} from={hidden} live={live} />
      </ul>
    </div>
  )
}
