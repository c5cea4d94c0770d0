import type { WidgetNode } from '@xpert-ai/chatkit-protocol'

/**
 * A Basic widget (entity preview) as plain text: every `value`/`text`/`title`/`label` string of
 * the tree, one line each. Used until the frame's widget renderer is available here; text only,
 * so a preview can never inject markup.
 */
export function WidgetPreview({ root }: { root: WidgetNode }) {
  const lines: string[] = []
  const walk = (n: unknown, depth: number) => {
    if (!n || typeof n !== 'object' || depth > 12 || lines.length > 40) return
    const node = n as Record<string, unknown>
    for (const k of ['title', 'label', 'value', 'text']) if (typeof node[k] === 'string' && node[k]) lines.push(node[k] as string)
    if (Array.isArray(node.children)) for (const c of node.children) walk(c, depth + 1)
  }
  walk(root, 0)
  return (
    <div class="ck-widget-text">
      {lines.map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </div>
  )
}
