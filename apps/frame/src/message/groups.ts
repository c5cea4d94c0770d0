import type { WidgetComponentData } from '@xpert-ai/chatkit-protocol'
import type { Part } from '../thread/index.js'
import type { ToolPart } from './ToolSteps.js'

/** What a message shows, in order: tool steps that arrived together are one group. */
export type ImagePart = Extract<Part, { type: 'image' }>
export type Block =
  | { kind: 'part'; part: Part; index: number }
  | { kind: 'tools'; parts: ToolPart[]; index: number }
  /** Images that arrived one after another: one gallery. */
  | { kind: 'images'; parts: ImagePart[]; index: number }

export function isWidget(p: Part): p is ToolPart & { data: WidgetComponentData } {
  return p.type === 'component' && p.data.type === 'Widget' && !!p.data.widget
}

/** An artifact (`{category:'Dashboard', type:'Artifact', artifact}`): a card of its own, not a tool step. */
export function isArtifact(p: Part): boolean {
  return p.type === 'component' && p.data.type === 'Artifact' && !!p.data.artifact
}

export function groupParts(parts: Part[]): Block[] {
  const blocks: Block[] = []
  parts.forEach((part, index) => {
    const prev = blocks[blocks.length - 1]
    if (part.type === 'component' && !isWidget(part) && !isArtifact(part)) {
      if (prev?.kind === 'tools') prev.parts.push(part)
      else blocks.push({ kind: 'tools', parts: [part], index })
    } else if (part.type === 'image') {
      if (prev?.kind === 'images') prev.parts.push(part)
      else blocks.push({ kind: 'images', parts: [part], index })
    } else if (part.type !== 'sources' && part.type !== 'suggestions') blocks.push({ kind: 'part', part, index })
  })
  return blocks
}
