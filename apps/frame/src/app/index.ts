// The app folder's door: the composition root (`composeFrame`), the frame's status, the idle
// scheduler, the session status type and the message-parts loader the message list uses.
export { loadMessageParts, messageParts } from './answer-code.js'
export { composeFrame, type FrameUi } from './compose.js'
export type { SessionStatus } from './session.js'
export { fail, frameStatus } from './status.js'
