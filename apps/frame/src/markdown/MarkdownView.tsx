import { Component } from 'preact'
import { useRef } from 'preact/hooks'
import type { Token } from 'marked'
import { createIncrementalMarkdown, type IncrementalMarkdown } from './incremental.js'
import { usePacedText } from './paced.js'
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

/** Settled blocks are grouped in chunks of this many: a frame diffs chunks, not every block. */
const CHUNK = 16

type ChunkProps = { tokens: readonly Token[]; from: number }

/**
 * A run of up to CHUNK settled blocks. A full chunk never changes, so it is diffed once; only the
 * last, partly filled chunk re-renders when blocks settle. The chunk box is `content-visibility:
 * auto` (markdown.css): once offscreen, the browser skips its layout and paint, which keeps
 * per-frame rendering work flat while a very long answer streams.
 */
class Chunk extends Component<ChunkProps> {
  override shouldComponentUpdate(next: ChunkProps) {
    const end = (p: ChunkProps) => Math.min(p.from + CHUNK, p.tokens.length)
    return next.from !== this.props.from || end(next) !== end(this.props) || next.tokens[next.from] !== this.props.tokens[this.props.from]
  }
  override render() {
    const { tokens, from } = this.props
    const blocks = []
    for (let i = from; i < Math.min(from + CHUNK, tokens.length); i++) blocks.push(<Block key={i} token={tokens[i]} settled />)
    return <div class="ck-md-chunk">{blocks}</div>
  }
}

/**
 * Renders markdown `text` safely; cheap to re-render with a longer `text` while it streams.
 * `streaming`: the text may still grow, so its last block is not final yet. A streaming text is
 * revealed at a bounded pace per frame (paced.ts); `data-revealing` marks a text not all shown yet.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const md = useRef<IncrementalMarkdown | null>(null)
  md.current ??= createIncrementalMarkdown()
  const paced = usePacedText(text, streaming)
  const live = streaming || paced.revealing
  const { settled, tail } = md.current.update(paced.shown)
  const n = settled.length
  const chunks = []
  for (let from = 0; from < n; from += CHUNK) chunks.push(<Chunk key={from} tokens={settled} from={from} />)
  return (
    <div class="ck-md" data-revealing={paced.revealing ? '' : undefined}>
      {chunks}
      {tail.map((t, i) => (
        <Block key={n + i} token={t} settled={!live} />
      ))}
    </div>
  )
}
// The idle-time warm-up ships in this chunk: it streams a sample through Markdown above.
export { warmUp, whenShown } from './warm-up.js'
// Message views take these from here (not from their own files): they load after this chunk
// anyway, and a third chunk shared by both would be one more request before the first send.
export { AgentImage } from './AgentImage.js'
export { Unformatted } from './Unformatted.js'
