import { FRAME_METHODS } from '@xpert-ai/chatkit-protocol'
import type { ForwardedMethodName, FrameMethods } from '@xpert-ai/chatkit-protocol'

/** Frame methods the element forwards as is (`setOptions` is not one: it takes the user's options). */
export type CommandName = Exclude<ForwardedMethodName, 'setOptions'>

/**
 * `focusComposer`, `setThreadId`, …, `stop`: each resolves once the frame has run it, with what
 * the frame answered (`focusMessage`: `{success: true, status: 'opened'}`; the others: nothing).
 */
export type ChatKitCommands = {
  [K in CommandName]: (...args: Parameters<FrameMethods[K]>) => Promise<ReturnType<FrameMethods[K]>>
}

/** Derived from the protocol's list, so a method added there is forwarded without touching this package. */
export const COMMANDS = FRAME_METHODS.filter((m): m is CommandName => m !== 'hello' && m !== 'setOptions')
