/**
 * Checks a widget tree from the wire before it renders: known node types, object nodes, limits on
 * depth and size. A tree that fails becomes an inline error box; the thread goes on.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { WidgetNode } from '@xpert-ai/chatkit-protocol'

const ROOT_TYPES = new Set(['Card', 'ListView', 'Basic'])
const NODE_TYPES = new Set([
  'Box',
  'Row',
  'Col',
  'Form',
  'Spacer',
  'Divider',
  'Transition',
  'Title',
  'Caption',
  'Text',
  'Markdown',
  'Label',
  'Badge',
  'Icon',
  'Image',
  'Button',
  'Input',
  'Textarea',
  'Select',
  'DatePicker',
  'Checkbox',
  'RadioGroup',
  'ListViewItem',
  'Chart',
])
export const LIMITS = { depth: 16, nodes: 500, text: 20_000 }

/** null when `root` is a widget we can render, else why not (with the path of the bad node). */
export function widgetProblem(root: unknown): string | null {
  if (!isRecord(root)) return 'the widget is not an object'
  if (typeof root.type !== 'string' || !ROOT_TYPES.has(root.type)) return `unknown widget root type "${String(root.type)}" (expected Card, ListView or Basic)`
  let count = 0
  const walk = (node: unknown, path: string, depth: number): string | null => {
    if (++count > LIMITS.nodes) return `the widget has more than ${LIMITS.nodes} nodes`
    if (depth > LIMITS.depth) return `${path}: nested deeper than ${LIMITS.depth} levels`
    if (!isRecord(node)) return `${path}: a node must be an object`
    const type = node.type
    if (typeof type !== 'string' || (depth > 0 && !NODE_TYPES.has(type) && !ROOT_TYPES.has(type))) return `${path}: unknown node type "${String(type)}"`
    for (const [k, v] of Object.entries(node))
      if (typeof v === 'string' && v.length > LIMITS.text) return `${path}.${k}: text longer than ${LIMITS.text} characters`
    const children = node.children
    if (children === undefined) return null
    const list = Array.isArray(children) ? children : [children]
    for (let i = 0; i < list.length; i++) {
      const problem = walk(list[i], `${path}.children[${i}]`, depth + 1)
      if (problem) return problem
    }
    return null
  }
  return walk(root, root.type, 0)
}

export function childrenOf(node: WidgetNode): WidgetNode[] {
  const c = node.children
  return (Array.isArray(c) ? c : c ? [c] : []) as WidgetNode[]
}
