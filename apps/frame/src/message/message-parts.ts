/**
 * What the message list shows once a conversation has messages: its own chunk, fetched when the
 * first message appears (a send, a loaded thread), so the frame's first load carries only the
 * start screen and the composer.
 */
export { MessageView } from './MessageView.js'
export { QueuedMessages } from './QueuedMessages.js'
export { UsageMeter } from './UsageMeter.js'
