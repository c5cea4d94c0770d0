// The thread's door. `resilient-stream.ts` (the run-stream follower) is a lazy chunk, fetched by
// `app/answer-code.ts` with `import()`, and is not re-exported here.
export { ThreadController, type ThreadDeps } from './controller.js'
export { isOnline, serviceDown, type Connectivity } from './connectivity.js'
export { syncTabs } from './tab-sync.js'
export { isClientToolRequest, isHITLRequest, isToolCallRequest, pendingInterrupts, type InterruptPart } from './interrupts.js'
export { emptyThread, INTERRUPTED, type Message, type MessageStatus, type Part, type RunPhase, type ThreadState } from './types.js'
