import type { BasicRoot } from '@xpert-ai/chatkit-protocol'
import { WidgetItem } from '../widgets/index.js'

/**
 * An entity preview (`entities.onRequestPreview` → `{preview: BasicRoot}`) drawn by the frame's
 * widget renderer, which validates the tree and shows an inline error for a bad one. Preview
 * widgets are read-only: their actions do nothing.
 */
export function WidgetPreview({ id, root }: { id: string; root: BasicRoot }) {
  return <WidgetItem id={`preview-${id}`} data={{ category: 'Dashboard', type: 'Widget', widget: root }} onAction={async () => {}} />
}
