/**
 * Code only an answer needs, kept out of the frame's first load: following a run's event stream
 * (with its reconnects) and the message views. Fetched as soon as the user types (like the client
 * secret, so Enter waits for neither), else on the first send or a loaded conversation. A failed
 * fetch is forgotten, so the next use tries again.
 */
import { loadFollow } from '../thread/index.js'
import { loadOnce } from '../shared/index.js'

type Parts = typeof import('../message/message-parts.js')

let partsLoaded: Parts | null = null
export const loadMessageParts = loadOnce(() => import('../message/message-parts.js').then((m) => (partsLoaded = m)))
/** The message views if they arrived already (typing preloads them): the first message renders at once. */
export const messageParts = (): Parts | null => partsLoaded

/** Starts both fetches; never throws (a failure surfaces where the code is used). */
export function preloadAnswerCode(): void {
  loadFollow().catch(() => {})
  loadMessageParts().catch(() => {})
}
