/**
 * The message-level actions, wired to the thread controller and the host. Widget actions go to the
 * host's `widgets.onAction` when it has one, else to the server as a custom action run; share is a
 * host `log` event (`message.share`), since share is not one of the SDK's named events.
 */
import type { WidgetAction, WidgetRoot } from '@xpert-ai/chatkit-protocol'
import { callAppTool, type ApiClient } from '../api/index.js'
import type { CallHost, HostLink } from '../bridge/index.js'
import type { ThreadController, Message } from '../thread/index.js'
import type { ConversationActions } from './context.js'
import { messageText } from './text.js'

export type ConversationDeps = {
  controller: ThreadController
  api: ApiClient
  host: Pick<HostLink, 'emit' | 'emitError'>
  hasCallback(path: string): boolean
  callHost: CallHost
  /** The frame's one send path (`app/send.ts`): a refusal is reported, false. */
  sendReported(text: string): boolean
}

export function createConversationActions({ controller, api, host, hasCallback, callHost, sendReported }: ConversationDeps): ConversationActions {
  /** Runs a controller action; one refused (e.g. a run is active) is reported, not thrown at the UI. */
  const guard = (fn: () => Promise<void>) => {
    try {
      void fn()
    } catch (e) {
      host.emitError(e)
    }
  }
  return {
    retry: () => guard(() => controller.retry()),
    feedback: (id, rating) => void controller.feedback(id, rating),
    share(message: Message) {
      const threadId = controller.state.value.threadId
      host.emit('log', { name: 'message.share', data: { threadId, itemIds: [message.id], content: messageText(message) } })
    },
    resume: (id, value, summary) => guard(() => controller.resume(id, value, summary)),
    async widgetAction(action: WidgetAction, item: { id: string; widget: WidgetRoot }) {
      if (hasCallback('widgets.onAction')) {
        await callHost('widgets.onAction', [action, item])
        return
      }
      await controller.customAction({ action: { type: action.type, ...(action.payload ? { payload: action.payload } : {}) }, itemId: item.id })
    },
    unqueue: (clientId) => controller.unqueue(clientId),
    loadOlder: () => controller.loadOlder(),
    async appTool(call) {
      const threadId = controller.state.value.threadId
      if (!threadId) throw new Error('the conversation is not saved yet')
      return callAppTool(api, threadId, call)
    },
    openLink(url) {
      if (!hasCallback('onLinkClick')) return false
      void callHost('onLinkClick', [{ url }]).catch((e: unknown) => host.emitError(e))
      return true
    },
    appMessage(text) {
      if (controller.state.value.phase !== 'idle') return false
      return sendReported(text)
    },
    file: (id) => api.request('GET', `/contexts/file/${encodeURIComponent(id)}`).then((r) => r.blob()),
  }
}
