/**
 * Options that shape the page rather than a component (XpertAI ≥ 0.6 names): `layout.maxWidth`
 * sets the conversation column width (`--ck-max-width`), `messagePresentation.mode` and
 * `startScreen.promptsLayout` become `data-*` attributes the stylesheet follows. Values arrive
 * validated; unset ones remove what a previous `setOptions` set.
 */
import type { ChatKitOptions } from '@xpert-ai/chatkit-protocol'

export function applyPresentation(root: HTMLElement, o: Partial<ChatKitOptions>): void {
  const layout = o.layout
  const maxWidth = layout && typeof layout === 'object' ? layout.maxWidth : undefined
  if (maxWidth === undefined) root.style.removeProperty('--ck-max-width')
  else root.style.setProperty('--ck-max-width', typeof maxWidth === 'number' ? `${maxWidth}px` : maxWidth)
  const mode = o.messagePresentation?.mode
  if (mode) root.dataset.presentation = mode
  else delete root.dataset.presentation
  const prompts = o.startScreen?.promptsLayout
  if (prompts) root.dataset.promptsLayout = prompts
  else delete root.dataset.promptsLayout
}
