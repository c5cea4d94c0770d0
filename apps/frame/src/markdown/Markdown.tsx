import { Component } from 'preact'
import { useRef } from 'preact/hooks'
import type { Token } from 'marked'
import { createIncrementalMarkdown, type IncrementalMarkdown } from './incremental.js'
import { renderBlock } from './render.js'
import { SettledContext } from './settled.js'
import './markdown.css'

type BlockProps = { token: Token; settled: boolean }

/** Test hook: counts Block renders, so a test can prove settled blocks are not re-rendered. */
export const renderStats = { blocks: 0 }

/**
 * One top-level block. Settled blocks keep their token object, so this skips re-rendering them;
 * only the streaming tail block re-renders on each update.
 */
class Block extends Component<BlockProps> {
  override shouldComponentUpdate(next: BlockProps) {
    return next.token !== this.props.token || next.settled !== this.props.settled
  }
  override render() {
    renderStats.blocks++
    return <SettledContext.Provider value={this.props.settled}>{renderBlock(this.props.token)}</SettledContext.Provider>
  }
}

/**
 * Renders markdown `text` safely; cheap to re-render with a longer `text` while it streams.
 * `streaming`: the text may still grow, so its last block is not final yet.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const md = useRef<IncrementalMarkdown | null>(null)
  md.current ??= createIncrementalMarkdown()
  const { settled, tail } = md.current.update(text)
  const n = settled.length
  return (
    <div class="ck-md">
      {settled.map((t, i) => (
        <Block key={i} token={t} settled />
      ))}
      {tail.map((t, i) => (
        <Block key={n + i} token={t} settled={!streaming} />
      ))}
    </div>
  )
}
