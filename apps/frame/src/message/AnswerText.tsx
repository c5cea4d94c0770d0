/**
 * An answer's text. Markdown up to FORMAT_LIMIT characters; past that (a runaway agent's 5 MB
 * answer), the rest is plain text behind a button, so a giant answer neither builds a huge DOM
 * nor re-lexes megabytes while it streams. A render failure shows the text unformatted instead of
 * breaking the thread.
 */
import { Component } from 'preact'
import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { Markdown } from '../markdown/index.js'
import { Unformatted } from '../markdown/MarkdownView.js'
import { scrollRegion } from '../shared/index.js'

/** Characters formatted as markdown (~25,000 tokens: far beyond a normal answer). */
export const FORMAT_LIMIT = 100_000

/** Where the formatted part ends: the last paragraph break before the limit, if any is near. */
export function formatCut(text: string, limit = FORMAT_LIMIT): number {
  if (text.length <= limit) return text.length
  const br = text.lastIndexOf('\n\n', limit)
  return br > limit / 2 ? br : limit
}

const size = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`)

type Props = { text: string; streaming: boolean }

export class AnswerText extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null }
  override componentDidCatch(e: unknown) {
    this.setState({ error: e instanceof Error ? e.message : String(e) })
  }
  override render() {
    const { text, streaming } = this.props
    if (this.state.error) return <Unformatted text={text} reason={this.state.error} />
    const cut = formatCut(text)
    return (
      <>
        <Markdown text={cut < text.length ? text.slice(0, cut) : text} streaming={streaming && cut === text.length} />
        {cut < text.length && <Rest text={text.slice(cut)} streaming={streaming} />}
      </>
    )
  }
}

/** The plain rest is laid out in pieces this long, each skipped by layout while offscreen. */
const PIECE = 50_000

function Rest({ text, streaming }: Props) {
  const [open, setOpen] = useState(false)
  if (open) {
    const pieces = []
    for (let i = 0; i < text.length; i += PIECE) pieces.push(<pre key={i}>{text.slice(i, i + PIECE)}</pre>)
    return (
      <div class="ck-long-rest" {...scrollRegion(t('text.plain'))}>
        {pieces}
      </div>
    )
  }
  return (
    <button type="button" class="ck-long-more" disabled={streaming} aria-busy={streaming ? 'true' : undefined} onClick={() => setOpen(true)}>
      {t('message.showRest', { size: size(text.length) })}
    </button>
  )
}
