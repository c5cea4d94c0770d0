// The pure thread model's door: state shapes, the reducer that folds wire events into them, local
// actions, and stored messages turned into a thread. No fetch, no timers, no DOM (see README).
export * from './actions.js'
export { inPlace } from './in-place.js'
export { liveRun, messagesFromApi, threadFromHistory } from './from-api.js'
export { isClientToolRequest, isHITLRequest, pendingInterrupts, type InterruptPart } from './interrupts.js'
export { malformed, reduce } from './reducer.js'
export { emptyThread, INTERRUPTED, type Message, type Part, type ThreadState } from './types.js'
