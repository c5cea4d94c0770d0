/**
 * Code only an answer needs, kept out of the frame's first load: following a run's event stream
 * (with its reconnects) and the message views. Fetched as soon as the user types (like the client
 * secret, so Enter waits for neither), else on the first send or a loaded conversation. A failed
 * fetch is forgotten, so the next use tries again.
 */
type Follow = typeof import('../thread/resilient-stream.js')
type Parts = typeof import('../ui/message-parts.js')

let follow: Promise<Follow> | undefined
let parts: Promise<Parts> | undefined

const retryable = <T>(p: Promise<T>, forget: () => void) => p.catch((e: unknown) => (forget(), Promise.reject(e)))

export const loadFollow = (): Promise<Follow> => (follow ??= retryable(import('../thread/resilient-stream.js'), () => (follow = undefined)))
let partsLoaded: Parts | null = null
export const loadMessageParts = (): Promise<Parts> =>
  (parts ??= retryable(
    import('../ui/message-parts.js').then((m) => (partsLoaded = m)),
    () => (parts = undefined),
  ))
/** The message views if they arrived already (typing preloads them): the first message renders at once. */
export const messageParts = (): Parts | null => partsLoaded

/** Starts both fetches; never throws (a failure surfaces where the code is used). */
export function preloadAnswerCode(): void {
  loadFollow().catch(() => {})
  loadMessageParts().catch(() => {})
}
