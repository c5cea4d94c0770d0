/**
 * The host's `setOptions`: validate and apply, report every problem (invalid values, an API origin
 * the frame's CSP blocks, options this ChatKit cannot honour), then act on what changed: a new API
 * drops the old secret, a new `initialThread` opens that thread.
 */
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { ClientSecrets } from '../api/index.js'
import { apiOriginIssue, maybeRefused, apiSettings, applyOptions, hasCallback, options, validateOptions } from '../options/index.js'
import type { ThreadController } from '../thread/index.js'
import { whenIdle } from '../shared/index.js'

export type SetOptionsDeps = {
  secrets: Pick<ClientSecrets, 'clear' | 'retry'>
  controller: Pick<ThreadController, 'state' | 'load'>
  reportError(e: unknown): void
  /** Fetches the secret ahead of need (run once the frame is idle). */
  warmSecret(): void
}

export function createSetOptions({ secrets, controller, reportError, warmSecret }: SetOptionsDeps): (serialized: unknown) => void {
  let lastApiUrl: string | undefined
  let lastInitialThread: string | null | undefined
  return (serialized) => {
    const v = validateOptions(serialized)
    applyOptions(v)
    for (const issue of v.issues) reportError(new ChatKitError(ErrorCodes.InvalidOptions, `${issue.path}: ${issue.reason}`))
    // With api.fetch the host page makes the requests: the frame's CSP does not apply to them.
    const blocked = hasCallback('api.fetch') ? null : apiOriginIssue(apiSettings.value?.baseUrl, document, location.origin)
    if (blocked) reportError(new ChatKitError(ErrorCodes.InvalidOptions, `${blocked.path}: ${blocked.reason}`))
    // Options from chatkit-types this ChatKit cannot honour: named, never dropped silently (loaded
    // lazily, and only when the options mention one of them).
    const raw = (serialized as { options?: unknown }).options
    if (maybeRefused(raw, v.callbacks)) {
      void import('../options/refusals.js').then(({ refusedOptions }) => {
        for (const issue of refusedOptions(raw, v.callbacks)) reportError(new ChatKitError(ErrorCodes.NotSupported, `${issue.path}: ${issue.reason}`))
      })
    }
    // A different API means the old secret is worthless there.
    const apiUrl = apiSettings.value?.baseUrl
    if (apiUrl !== lastApiUrl) secrets.clear()
    // New options may carry a working getClientSecret.
    else secrets.retry()
    lastApiUrl = apiUrl
    whenIdle(warmSecret)
    // `initialThread` applies when it changes, not on every setOptions (which replace all options).
    const initial = options.value?.initialThread
    if (initial !== lastInitialThread) {
      lastInitialThread = initial
      if (typeof initial === 'string' && initial && initial !== controller.state.value.threadId) void controller.load(initial)
    }
  }
}
