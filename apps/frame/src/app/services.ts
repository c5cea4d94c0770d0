/**
 * Wires the frame's parts together: host link → secrets → API client → thread controller →
 * the `FrameMethods` the host calls. No DOM here, so the wiring itself stays testable.
 */
import { maybeRefused } from '../options/maybe-refused.js'
import { effect } from '@preact/signals'
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { ApiClient, ClientSecrets } from '../api/index.js'
import { callHost, createFrameMethods, createHostLink, setHostLink } from '../bridge/index.js'
import { createConversationActions } from '../message/conversation-actions.js'
import { reportHistoryTo, setHistoryOpen } from '../history/visibility.js'
import { composerValue, requestFocus, selectedModel, selectedTool } from '../composer/store.js'
import { withModel } from '../composer/run-extras.js'
import { effectiveModel, validModels } from '../composer/Toolbar.js'
import { apiSettings, applyOptions, hasCallback, options, rememberSessionAssistant, requestOptions } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import { preloadAnswerCode } from './answer-code.js'
import { apiOriginIssue } from '../options/api-origin.js'
import { ThreadController } from '../thread/controller.js'
import { FRAME_VERSION } from '../version.js'
import { whenIdle } from './idle.js'
import { onSessionRetry, sessionProblem } from './session.js'
import { fail } from './status.js'
import { apiFetch } from './api-fetch.js'

export function createServices() {
  const host = createHostLink()
  setHostLink(host)
  reportHistoryTo((name) => host.emit(name, undefined))

  const secrets = new ClientSecrets(async (current) => {
    if (!hasCallback('api.getClientSecret')) {
      throw new ChatKitError(ErrorCodes.ClientSecret, 'api.getClientSecret is not set in the ChatKit options')
    }
    const result = await host.invoke('api.getClientSecret', [current])
    // `{secret, xpertId | assistantId}`: the session names its assistant (used unless api.xpertId is set).
    rememberSessionAssistant(result)
    return result as never
  }, {
    // The host could not renew the session: shown with a Retry, reported once per failed attempt.
    onProblem: (p) => {
      sessionProblem.value = p && { code: p.code, message: p.message }
      if (p) host.emitError(p)
    },
  })
  onSessionRetry(() => secrets.retry())
  // The secret is fetched ahead of need: once the frame is idle after (re)configuration, and again
  // as the user types when it is about to expire, so Enter never waits for the host.
  const warmSecret = () => {
    if (apiSettings.peek() && hasCallback('api.getClientSecret')) secrets.warm()
  }
  effect(() => void (composerValue.value && (warmSecret(), preloadAnswerCode())))

  const api = new ApiClient(() => {
    const s = apiSettings.value
    if (!s) throw new ChatKitError(ErrorCodes.InvalidOptions, 'api.apiUrl (or api.url) is missing or invalid in the ChatKit options')
    return s
  }, secrets, apiFetch(host))

  // APIs known not to create a thread from a run request (an XpertAI server): by base URL.
  const noThreadOnRun = new Set<string>()
  const apiKey = () => apiSettings.peek()?.baseUrl ?? ''
  const controller = new ThreadController({
    api,
    threadOnRun: { supported: () => !noThreadOnRun.has(apiKey()), unsupported: () => void noThreadOnRun.add(apiKey()) },
    assistantId: () => apiSettings.value?.assistantId,
    // Every run (composer, prompts, host sends, retries, queued, resumes, actions) carries the selected model.
    request: () => withModel(requestOptions.value, effectiveModel(validModels(options.value?.composer?.models), selectedModel.value)),
    emit: host.emit,
    emitError: host.emitError,
    clientTool: () => (hasCallback('onClientTool') ? (call) => callHost('onClientTool', [call]) : null),
  })
  const conversation = createConversationActions({ controller, api, host, hasCallback })

  /** Sends from the composer or the host; errors that prevent sending are shown and reported. */
  const send = (text: string, newThread = false): boolean => {
    secrets.retry()
    try {
      void controller.send(text, { newThread })
      return true
    } catch (e) {
      host.emitError(e)
      return false
    }
  }

  let lastApiUrl: string | undefined
  let lastInitialThread: string | null | undefined

  const setOptions = (serialized: unknown) => {
    const v = validateOptions(serialized)
    applyOptions(v)
    for (const issue of v.issues) host.emitError(new ChatKitError(ErrorCodes.InvalidOptions, `${issue.path}: ${issue.reason}`))
    // With api.fetch the host page makes the requests: the frame's CSP does not apply to them.
    const blocked = hasCallback('api.fetch') ? null : apiOriginIssue(apiSettings.value?.baseUrl, document, location.origin)
    if (blocked) host.emitError(new ChatKitError(ErrorCodes.InvalidOptions, `${blocked.path}: ${blocked.reason}`))
    // Options from chatkit-types this ChatKit cannot honour: named, never dropped silently (loaded
    // lazily, and only when the options mention one of them).
    const raw = (serialized as { options?: unknown }).options
    if (maybeRefused(raw, v.callbacks)) {
      void import('../options/refusals.js').then(({ refusedOptions }) => {
        for (const issue of refusedOptions(raw, v.callbacks)) host.emitError(new ChatKitError(ErrorCodes.NotSupported, `${issue.path}: ${issue.reason}`))
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

  const methods = createFrameMethods({
    version: FRAME_VERSION,
    setOptions,
    focusComposer: requestFocus,
    setComposerValue: (patch) => {
      if (patch.text !== undefined) composerValue.value = patch.text
      if (patch.toolId !== undefined) {
        selectedTool.value = patch.toolId
        host.emit('tool.change', { toolId: patch.toolId })
      }
      if (patch.modelId !== undefined) selectedModel.value = patch.modelId
    },
    sendUserMessage: (m) => {
      // Throws (back to the host) when it cannot send now.
      secrets.retry()
      void controller.send(m.text, { newThread: m.newThread, extend: m.extend })
    },
    setThreadId: (id) => controller.load(id),
    fetchUpdates: () => controller.refresh(),
    stop: () => controller.stop(),
    sendCustomAction: (input) => void controller.customAction(input),
    setHistoryOpen,
    historyEnabled: () => options.value?.history?.enabled !== false,
    hostHello: (hello) => host.greeted(hello),
    protocolMismatch: (reason) => fail('Incompatible ChatKit versions', `${reason}. Update the host SDK or the frame so their major versions match.`),
  })

  return { host, controller, methods, send, api, conversation }
}
