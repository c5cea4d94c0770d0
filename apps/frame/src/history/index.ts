// The conversation list's door. `HistoryPanel.tsx` is a lazy chunk: `import()` it by path.
export { deleteConversation, getConversation, renameConversation, searchConversations, type ConversationPage, type ConversationSummary } from './api.js'
export { HistoryList, PAGE_SIZE, type HistoryDeps } from './store.js'
export { createHistoryVisibility, type HistoryVisibility } from './visibility.js'
