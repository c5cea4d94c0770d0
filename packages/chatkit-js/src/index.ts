import { defineChatKitElement } from './element.js'

export { ChatKitElement, defineChatKitElement, TAG } from './element.js'
export { createChatKit } from './create.js'
export type { ChatKitHandle, CreateChatKitOptions } from './create.js'
export { COMMANDS } from './commands.js'
export type { ChatKitCommands, CommandName } from './commands.js'
export { serializeOptions, isPlainObject } from './serialize.js'
export type { SerializeResult } from './serialize.js'
export { getCallback, invokeCallback } from './callbacks.js'
export { Bridge } from './bridge.js'
export type { BridgeState } from './bridge.js'
export type { Connector, ConnectorOptions, FrameCall, FrameLink, HostImpl } from './connector.js'
// Re-exported so the React wrapper (and users) need nothing from the protocol package at runtime.
export { ChatKitError, EVENT_NAMES, handlerName, PROTOCOL_VERSION } from '@xpert-ai/chatkit-protocol'
// The user-facing types only (options, events, method parameters), not the wire format: the
// protocol package may grow without changing this package's surface.
export type * from './public-types.js'

// Importing the SDK registers the element (guarded: SSR and a second copy are no-ops).
defineChatKitElement()
