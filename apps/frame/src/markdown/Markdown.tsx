import { Component } from 'preact'
import { useRef } from 'preact/hooks'
import type { Token } from 'marked'
import { createIncrementalMarkdown, type IncrementalMarkdown } from './incremental.js'
import { renderBlock } from './render.js'

/**
 * One top-level block. Settled blocks keep their token object, so this skips re-rendering them;
 * only the streaming tail block re-renders on each update.
 */
class Block extends Component<{ token: Token }> {
  override shouldComponentUpdate(next: { token: Token }) {
    return next.token !== this.props.token
  }
  override render() {
    return <>{renderBlock(this.props.token)}</>
  }
}

/** Renders markdown `text` safely; cheap to re-render with a longer `text` while it streams. */
export function Markdown({ text }: { text: string }) {
  const md = useRef<IncrementalMarkdown | null>(null)
  md.current ??= createIncrementalMarkdown()
  const { settled, tail } = md.current.update(text)
  const n = settled.length
  return (
    <div class="ck-md">
      {settled.map((t, i) => (
        <Block key={i} token={t} />
      ))}
      {tail.map((t, i) => (
        <Block key={n + i} token={t} />
      ))}
    </div>
  )
}
