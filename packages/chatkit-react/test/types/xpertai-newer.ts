/**
 * Compile-time proof (run by `tsc -b`) that options shaped like the newer XpertAI ChatKit (≥ 0.6:
 * object `layout`, `messagePresentation`, `startScreen.promptsLayout`, `threadItemActions.branch`,
 * `models[].avatar`, `messageNavigation`, `toolOutputAttachments`, projects and connectors) are
 * accepted by our `createChatKit` / `useChatKit`. `apps/frame/src/options/xpertai-newer.test.ts`
 * sends the same value through the frame's validation: honoured ones apply (avatars,
 * collapseProcess and toolOutputAttachments among them), the rest are refused by name — none is an
 * invalid option.
 */
import { createChatKit } from '@xpert-ai/chatkit-js'
import type { ChatKitOptions } from '@xpert-ai/chatkit-js'
import { useChatKit } from '@xpert-ai/chatkit-react'

export const newer = {
  api: { apiUrl: 'https://api.example.com/api/ai', xpertId: 'x1', projectId: 'p1', getClientSecret: async () => ({ secret: 'cs-x-1', xpertId: 'x1' }) },
  layout: { maxWidth: 960 },
  messagePresentation: { mode: 'bubbles', collapseProcess: true },
  messageNavigation: { enabled: true },
  toolOutputAttachments: true,
  startScreen: { greeting: 'Hi', promptsLayout: 'list', prompts: [{ label: 'Plan', prompt: 'Plan my week' }] },
  threadItemActions: { feedback: true, branch: true },
  composer: {
    models: [{ id: 'fast', label: 'Fast', avatar: 'https://cdn.example.com/fast.png', default: true }],
    projects: { enabled: true },
    connectors: { enabled: true },
  },
} satisfies ChatKitOptions

export function ReactUser() {
  return useChatKit({
    ...newer,
    layout: { maxWidth: '60rem' },
    messagePresentation: { mode: 'document', collapseProcess: false },
    toolOutputAttachments: { enabled: false },
    composer: { models: [{ id: 'deep', label: 'Deep', avatar: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
  }).control
}

export function vanillaUser() {
  return createChatKit(newer)
}
