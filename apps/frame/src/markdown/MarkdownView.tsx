import { Component, render } from 'preact'
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
 * `streaming`: the text may still grow, so its last block is not final yet.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const md = useRef<IncrementalMarkdown | null>(null)
  md.current ??= createIncrementalMarkdown()
  const { settled, tail } = md.current.update(text)
  const n = settled.length
  const chunks = []
  for (let from = 0; from < n; from += CHUNK) chunks.push(<Chunk key={from} tokens={settled} from={from} />)
  return (
    <div class="ck-md">
      {chunks}
      {tail.map((t, i) => (
        <Block key={n + i} token={t} settled={!streaming} />
      ))}
    </div>
  )
}

/** Markdown touching the prose rules (block, inline, GFM); SAMPLE adds code and math. */
const PROSE = '# H\n\nA *b* **c** `d` [e](https://e.x) https://f.x ~~g~~\n\n- [ ] h\n1. i\n\n> j\n\n| k | l |\n|---|---|\n| 1 | 2 |\n\nn\n---\n'
const SAMPLE = PROSE + '\n$x$ \\(z\\)\n\n```ts\nconst m = 1\n```\n\n$$y$$\n'

/**
 * Lexes a small sample and renders its prose once, off-screen: the first lex compiles marked's
 * regular expressions and the first render warms the renderer (tens of milliseconds together),
 * which would otherwise land in the first answer's first frame. Code and math are only lexed:
 * rendering them would start the highlighter worker or fetch KaTeX, both lazy because most
 * conversations never need them.
 */
export function warmUp(): void {
  createIncrementalMarkdown().update(SAMPLE)
  const box = document.createElement('div')
  render(<Markdown text={PROSE} />, box)
  render(null, box)
}
