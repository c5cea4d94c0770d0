/**
 * The frame's composition root: the one place its services are built and joined. Host link →
 * session and secrets → API client → thread controller → the one send path → what the UI and the
 * host (`FrameMethods`) get. Nothing is wired through module state: the host link, history
 * reporting and the session's retry are passed to whoever needs them. No DOM is touched here except
 * through `followOptions(doc)`, so the wiring itself stays testable.
 */
import { effect } from '@preact/signals'
import { ChatKitError, ErrorCodes } from '@xpert-ai/chatkit-protocol'
import { ApiClient, ClientSecrets } from '../api/index.js'
import { AttachmentTray } from '../attachments/index.js'
import { createCallHost, createFrameMethods, createHostLink } from '../bridge/index.js'
import { composerValue, effectiveModel, requestFocus, selectedModel, selectedTool, validModels, withModel, type ComposerHost } from '../composer/index.js'
import { watchThreadTitle } from '../header/index.js'
import { createHistoryVisibility, deleteConversation, getConversation, renameConversation, searchConversations, type HistoryDeps } from '../history/index.js'
import { createConversationActions } from '../message/index.js'
import { apiSettings, hasCallback, options, rememberSessionAssistant, requestOptions } from '../options/index.js'
import { ThreadController } from '../thread/index.js'
import { FRAME_VERSION } from '../version.js'
import { preloadAnswerCode } from './answer-code.js'
import { apiFetch } from './api-fetch.js'
import { followOptions } from './follow-options.js'
import { createSendPath } from './send.js'
import { createSessionStatus } from './session.js'
import { createSetOptions } from './set-options.js'
import { fail } from './status.js'

export function composeFrame(doc: Document = document) {
  const host = createHostLink()
  const reportError = (e: unknown) => host.emitError(e)
  const callHost = createCallHost(host)
  const historyVisibility = createHistoryVisibility((name) => host.emit(name, undefined))

  const secrets: ClientSecrets = new ClientSecrets(
    async (current) => {
      if (!hasCallback('api.getClientSecret')) {
        throw new ChatKitError(ErrorCodes.ClientSecret, 'api.getClientSecret is not set in the ChatKit options')
      }
      const result = await host.invoke('api.getClientSecret', [current])
      // `{secret, xpertId | assistantId}`: the session names its assistant (used unless api.xpertId is set).
      rememberSessionAssistant(result)
      return result as never
    },
    {
      // The host could not renew the session: shown with a Retry, reported once per failed attempt.
      onProblem: (p) => {
        session.report(p)
        if (p) host.emitError(p)
      },
    },
  )
  const session = createSessionStatus(() => secrets.retry())
  // The secret is fetched ahead of need: once the frame is idle after (re)configuration, and again
  // as the user types when it is about to expire, so Enter never waits for the host.
  const warmSecret = () => {
    if (apiSettings.peek() && hasCallback('api.getClientSecret')) secrets.warm()
  }
  effect(() => void (composerValue.value && (warmSecret(), preloadAnswerCode())))

  const api = new ApiClient(
    () => {
      const s = apiSettings.value
      if (!s) throw new ChatKitError(ErrorCodes.InvalidOptions, 'api.apiUrl (or api.url) is missing or invalid in the ChatKit options')
      return s
    },
    secrets,
    apiFetch(host),
  )

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
  const sending = createSendPath({ controller, retrySession: session.retry, reportError, preload: preloadAnswerCode })
  const conversation = createConversationActions({ controller, api, host, hasCallback, callHost, sendReported: sending.sendReported })

  // The upload code loads with the first attached file.
  // Where it goes (`api.uploadStrategy`) and who sends it (`api.fetch`) are read per upload.
  const tray = new AttachmentTray({
    upload: (file, progress, signal) => {
      const strategy = options.value?.api?.uploadStrategy
      const target = {
        url: strategy?.type === 'direct' ? strategy.uploadUrl : undefined,
        twoPhase: strategy?.type === 'two_phase',
        viaHost: hasCallback('api.fetch'),
      }
      return import('../attachments/upload.js').then((m) => m.uploadFile(api, file, progress, signal, target))
    },
  })
  const history: HistoryDeps = {
    search: (q, signal) => searchConversations(api, { ...q, xpertId: apiSettings.value?.assistantId }, signal),
    rename: (id, title) => renameConversation(api, id, title),
    remove: (id) => deleteConversation(api, id),
  }
  watchThreadTitle(controller.state, (id) => getConversation(api, id))
  followOptions(doc, reportError)

  const composerHost: ComposerHost = {
    invoke: callHost,
    can: hasCallback,
    emit: host.emit,
    transcribe: (wav, signal) => api.json('POST', '/audio/transcriptions', { body: wav, signal }),
  }

  const methods = createFrameMethods({
    version: FRAME_VERSION,
    setOptions: createSetOptions({ secrets, controller, reportError, warmSecret }),
    focusComposer: requestFocus,
    setComposerValue: (patch) => {
      if (patch.text !== undefined) composerValue.value = patch.text
      if (patch.toolId !== undefined) {
        selectedTool.value = patch.toolId
        host.emit('tool.change', { toolId: patch.toolId })
      }
      if (patch.modelId !== undefined) selectedModel.value = patch.modelId
    },
    // Throws (back to the host) when it cannot send now.
    sendUserMessage: (m) => sending.send(m.text, { newThread: m.newThread, extend: m.extend }),
    setThreadId: async (id) => void (await controller.load(id)),
    fetchUpdates: () => controller.refresh(),
    stop: () => controller.stop(),
    sendCustomAction: (input) => void controller.customAction(input),
    setHistoryOpen: historyVisibility.setOpen,
    historyEnabled: () => options.value?.history?.enabled !== false,
    focusMessage: (target) => import('../navigation/focus-message.js').then((m) => m.focusMessage({ controller, session, doc, options, apiSettings }, target)),
    hostHello: (hello) => host.greeted(hello),
    protocolMismatch: (reason) => fail('Incompatible ChatKit versions', `${reason}. Update the host SDK or the frame so their major versions match.`),
  })

  /** What the UI gets: its services, never the host link itself. */
  const ui = { tray, history, historyVisibility, session, composerHost, callHost, sendDraft: sending.sendDraft, reportError }
  return { host, api, controller, conversation, methods, ui }
}

export type FrameUi = ReturnType<typeof composeFrame>['ui']
