import { createContext } from 'preact'

/**
 * True inside a block that can no longer change (a settled block, or any block once the message
 * stopped streaming). Expensive work (highlighting, math) waits for it: a streaming code block
 * stays plain text until it is complete.
 */
export const SettledContext = createContext(true)
