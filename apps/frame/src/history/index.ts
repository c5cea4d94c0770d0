// The conversation list's door. `HistoryPanel.tsx` (with the list's paging store) is a lazy chunk:
// `import()` it by path; only types of the store pass through here, so it stays out of the first load.
export { deleteConversation, getConversation, renameConversation, searchConversations } from './api.js'
export type { HistoryDeps } from './store.js'
export { createHistoryVisibility } from './visibility.js'
