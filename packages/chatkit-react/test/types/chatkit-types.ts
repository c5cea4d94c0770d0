/**
 * Compile-time proof (run by `tsc -b`, never executed) that every value typed by the real
 * `@xpert-ai/chatkit-types@0.3.6` is accepted by our `useChatKit` and `createChatKit`: a user
 * switches by changing an import. If a field there stops fitting ours, this file stops compiling.
 */
import type * as Xpert from '@xpert-ai/chatkit-types'
import { createChatKit } from '@xpert-ai/chatkit-js'
import type { ChatKitOptions } from '@xpert-ai/chatkit-js'
import { useChatKit } from '@xpert-ai/chatkit-react'

// The whole type, not just one sample: any value of theirs is a value of ours.
type Accepts<A, B extends A> = B
export type OptionsFit = Accepts<ChatKitOptions, Xpert.ChatKitOptions>
export type ThemeFits = Accepts<NonNullable<ChatKitOptions['theme']>, Xpert.ChatKitTheme>
export type PetFits = Accepts<NonNullable<ChatKitOptions['pet']>, boolean | Xpert.ChatKitPetOptions>

const secret: Xpert.ChatKitClientSecretResult = { secret: 'cs-x-1', organizationId: 'org', xpertId: 'x', assistantId: 'a' }

/** One value touching every option, typed only by chatkit-types. */
export const full: Xpert.ChatKitOptions = {
  frameUrl: 'https://chat.example.com/chatkit/',
  displayMode: 'pet',
  api: { apiUrl: 'https://api.example.com/api/ai', xpertId: 'x1', getClientSecret: async () => secret },
  request: { state: { human: { a: 1 } }, context: { env: { REGION: 'eu' } }, config: { tags: ['t'] } },
  locale: 'zh-CN',
  theme: {
    colorScheme: 'dark',
    typography: {
      baseSize: 16,
      fontFamily: 'Inter',
      fontFamilyMono: 'JetBrains Mono',
      fontSources: [{ family: 'Inter', src: 'https://f/inter.woff2', weight: 400, style: 'normal', display: 'swap' }],
    },
    radius: 'soft',
    density: 'compact',
    color: { grayscale: { hue: 220, tint: 6, shade: -1 }, accent: { primary: '#2f6bff', level: 2 }, surface: { background: '#fff', foreground: '#111' } },
  },
  pet: {
    enabled: true,
    behavior: 'manual',
    ariaLabel: 'Pet',
    imageRendering: 'pixelated',
    character: {
      type: 'sprite-atlas',
      src: '/pets/boba/spritesheet.webp',
      atlas: { columns: 8, rows: 9, cellWidth: 192, cellHeight: 208, animations: { waving: { row: 3, frames: 4, frameDurations: [140, 140, 140, 280] } } },
    },
    position: { pin: 'bottom-right', draggable: true, scale: 0.5, persist: false, boundsPadding: { top: 4 }, zIndex: 50 },
  },
  initialThread: null,
  onClientTool: async ({ name, params }) => ({ content: { name, params }, status: 'success' }),
  header: {
    enabled: true,
    title: { enabled: true, text: 'Support' },
    leftAction: { icon: 'sidebar-open-left', onClick: () => {} },
    rightAction: { icon: 'close', onClick: () => {} },
  },
  history: { enabled: true, showDelete: false, showRename: true },
  startScreen: { greeting: 'Hi', prompts: [{ label: 'Plan', prompt: 'Plan my week', icon: 'calendar' }] },
  threadItemActions: { feedback: true, retry: true, share: false },
  composer: {
    placeholder: 'Ask',
    attachments: { enabled: true, maxSize: 1024, maxCount: 3, accept: { 'image/*': ['.png'] } },
    tools: [{ id: 'search', label: 'Search', icon: 'search', pinned: true }],
    models: [{ id: 'm1', label: 'Fast', default: true }],
    slashCommands: [
      { name: 'summarize', action: { type: 'submit_prompt', template: 'Summarize {{input}}' } },
      { name: 'open', action: { type: 'client_action', action: { type: 'open', payload: { x: 1 } } } },
      { name: 'skill', action: { type: 'select_capability', capability: { type: 'skill', id: 's' } } },
    ],
  },
  disclaimer: { text: 'AI can be wrong', highContrast: true },
  entities: {
    onTagSearch: async (q) => [{ id: q, title: q, group: 'People', data: { k: 'v' } }],
    onClick: () => {},
    onRequestPreview: async () => ({ preview: null }),
  },
  widgets: { onAction: async () => {} },
}

export const custom: Xpert.ChatKitOptions = {
  api: {
    url: 'https://api.example.com/chatkit',
    domainKey: 'dk',
    fetch,
    uploadStrategy: { type: 'direct', uploadUrl: 'https://u' },
    apiUrl: 'https://api.example.com',
  },
  theme: 'light',
}

export function ReactUser() {
  const chat = useChatKit({ ...full, onResponseEnd: () => {}, onThreadChange: ({ threadId }) => void threadId })
  void chat.sendUserMessage({ text: 'hi', newThread: true })
  return chat.control
}

export function vanillaUser() {
  const chat = createChatKit(full)
  const other = createChatKit(custom)
  chat.element.addEventListener('chatkit.thread.change', (e) => void e.detail.threadId)
  void other.setOptions(full)
  return chat.stop()
}
