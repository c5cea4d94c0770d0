// The pure thread model's door: state shapes, the reducer that folds wire events into them, local
// actions, and stored messages turned into a thread. No fetch, no timers, no DOM (see README).
export * from './actions.js'
export { applyContent, closeReasoning, kind, type ContentResult } from './content.js'
export { liveRun, messageFromApi, messagesFromApi, threadFromHistory } from './from-api.js'
export { interruptParts, isClientToolRequest, isHITLRequest, isToolCallRequest, pendingInterrupts, type InterruptPart } from './interrupts.js'
export { findMessage, hasStreamingAnswer, lastPart } from './messages.js'
export { malformed, reduce } from './reducer.js'
export { emptyThread, INTERRUPTED, type Message, type MessageStatus, type Part, type RunPhase, type ThreadState } from './types.js'
export { usageFrom } from './usage.js'
