/**
 * `messagePresentation.collapseProcess` (XpertAI ≥ 0.6): which blocks of an answer are its
 * process (earlier text, reasoning, ordinary tool steps), folded into one disclosure, and which
 * stay visible. The answer is the trailing run of answer blocks (text, images, widgets, artifacts)
 * holding text; anything interactive or shown for its own sake (widgets, artifacts, interrupts,
 * images, errors, tool steps with an MCP App or files) is never folded and keeps its place after the
 * disclosure. A finished answer without final text is shown in full. O(blocks), never the text.
 */
import { namesMcpApp } from '../mcp-apps/detect.js'
import type { Block } from './groups.js'
import { hasToolFiles } from './tool-files.js'

export type ProcessSplit = { process: number[]; kept: number[]; answer: number[] }

const answerKind = (b: Block) =>
  b.kind === 'images' || (b.kind === 'part' && b.part.type !== 'reasoning' && b.part.type !== 'interrupt' && b.part.type !== 'error')
const isText = (b: Block) => b.kind === 'part' && b.part.type === 'text'
const foldable = (b: Block) =>
  b.kind === 'tools'
    ? !b.parts.some((p) => namesMcpApp(p.data.output) || hasToolFiles(p.data))
    : b.kind === 'part' && (b.part.type === 'text' || b.part.type === 'reasoning')

/** Positions (in `blocks`) of the process, of the process' unfoldable blocks, and of the answer; null: show all as is. */
export function splitProcess(blocks: readonly Block[], streaming: boolean): ProcessSplit | null {
  let start = blocks.length
  while (start > 0 && answerKind(blocks[start - 1]!)) start--
  let hasText = false
  for (let i = start; i < blocks.length && !hasText; i++) hasText = isText(blocks[i]!)
  // Streaming: the newest text may not have come yet; the disclosure stays (open) meanwhile.
  if (!hasText && !streaming) return null
  const split: ProcessSplit = { process: [], kept: [], answer: [] }
  for (let i = 0; i < start; i++) (foldable(blocks[i]!) ? split.process : split.kept).push(i)
  for (let i = start; i < blocks.length; i++) split.answer.push(i)
  return split.process.length ? split : null
}
