/**
 * The message-level actions, wired to the thread controller and the host. Widget actions go to the
 * host's `widgets.onAction` when it has one, else to the server as a custom action run; share is a
 * host `log` event (`message.share`), since share is not one of the SDK's named events.
 */
import { signal } from '@preact/signals'
import type { WidgetAction, WidgetRoot } from '@xpert-ai/chatkit-protocol'
import { callAppTool, listMessages, type ApiClient } from '../api/index.js'
import type { CallHost, HostLink } from '../bridge/index.js'
import { requestFocus } from '../composer/index.js'
import { fetchNewestPage, latestQuestion, type ThreadController, type Message } from '../thread/index.js'
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
  const editing = signal<string | null>(null)
  /** The branch code loads with its first use; a refusal or failure is reported, and rejects. */
  const branches = async (fn: (m: typeof import('../thread/branches.js')) => unknown) => {
    try {
      await fn(await import('../thread/branches.js'))
    } catch (e) {
      host.emitError(e)
      throw e
    }
  }
  // After a run that made a version (an edit, a retry): its ‹ 2 / 2 › comes from the stored path.
  // A failure is reported by `branches`; nothing else waits on it.
  const learn = () => branches((m) => m.learnBranches(controller, (id, page) => listMessages(api, id, page))).catch(() => {})
  return {
    // The new answer is a sibling of the old one.
    retry: () => guard(() => controller.retry().then(learn)),
    editing,
    editLast() {
      const q = latestQuestion(controller.state.value)
      if (!q || controller.running || controller.state.value.phase !== 'idle') return false
      editing.value = q.id
      return true
    },
    // Sent: the keyboard goes on in the composer (the edited question's place is the new one now).
    edit: (id, text) => branches((m) => void m.editQuestion(controller, id, text).then(learn)).then(requestFocus),
    switchBranch: (id) => branches((m) => m.switchBranch(controller, api, id, (threadId) => fetchNewestPage(api, threadId))),
    branchInNewChat: (id) => branches((m) => m.branchInNewChat(controller, api, id)),
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
