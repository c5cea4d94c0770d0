// The message folder's door for the first load: the conversation context every message part reads,
// and the actions the composition root builds. Message rendering itself (`message-parts.ts`:
// MessageView, its answer text, actions, queue and usage) is a lazy chunk fetched with `import()`
// by app/answer-code.ts. Lazy parts elsewhere import the one file they need by path (listed
// exceptions in scripts/boundaries.ts): a lazy chunk importing this door makes the bundler split
// preact, signals and the strings out of the entry into a shared chunk (+3 KB gzip first load).
export { ConversationContext, useConversation, type ConversationActions } from './context.js'
export { createConversationActions } from './conversation-actions.js'
export type { ToolPart } from './ToolSteps.js'
