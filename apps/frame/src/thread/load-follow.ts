/**
 * The run-stream follower (`resilient-stream.ts`, with the SSE reader) is a chunk of its own, kept
 * out of the frame's first load: fetched as soon as the user types (`app/answer-code.ts`
 * preloads it), else by the first run. A failed fetch is forgotten, so the next use tries again.
 */
import { loadOnce } from '../shared/index.js'

export const loadFollow = loadOnce(() => import('./resilient-stream.js'))
