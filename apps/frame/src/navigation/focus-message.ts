/**
 * `focusMessage({threadId, messageId})`: opens the thread if another is shown, loads older history
 * pages until the message is there, scrolls it into view, highlights it and moves focus to it.
 * Loaded with the first call (most pages never make one). Every failure is a `ChatKitError` with
 * a typed code: `not_ready`, `thread_unavailable`, `message_unavailable`, `message_load_failed`,
 * `stale_context` (a newer navigation or a thread switch came first), `message_focus_timeout`.
 */
import { ChatKitError, ErrorCodes, NavigationErrorCodes as Nav, type FocusMessageParams, type FocusMessageResult } from '@xpert-ai/chatkit-protocol'
import { ApiError } from '../api/index.js'
import type { SessionStatus } from '../app/index.js'
import type { apiSettings, options } from '../options/index.js'
import type { ThreadController } from '../thread/index.js'
import './navigation.css'

export type FocusDeps = {
  controller: Pick<ThreadController, 'state' | 'load' | 'loadOlder'>
  session: Pick<SessionStatus, 'problem'>
  doc: Document
  /** The option signals (passed in: importing them here would split the frame's entry chunk). */
  options: Pick<typeof options, 'peek'>
  apiSettings: Pick<typeof apiSettings, 'peek'>
  /** How long to wait for the element to render (ms). */
  renderTimeoutMs?: number
}

/** Bumped by every call: an older call that is still loading finds itself superseded. */
let latest = 0

const fail = (code: string, message: string) => new ChatKitError(code, `focusMessage: ${message}`)

export async function focusMessage(deps: FocusDeps, params: unknown): Promise<FocusMessageResult> {
  const { threadId, messageId } = focusTarget(params)
  const nav = deps.options.peek()?.messageNavigation
  if (nav === false || (nav && typeof nav === 'object' && nav.enabled === false)) {
    throw fail(ErrorCodes.NotSupported, 'message navigation is turned off by the option messageNavigation')
  }
  const problem = deps.session.problem.peek()
  if (!deps.apiSettings.peek()) throw fail(ErrorCodes.NotReady, 'the frame has no API configured yet (api.apiUrl)')
  if (problem) throw fail(ErrorCodes.NotReady, `the ChatKit session is not available: ${problem.message}`)
  const ticket = ++latest
  const { controller } = deps
  const state = () => controller.state.value
  const current = () => {
    if (ticket !== latest) throw fail(Nav.StaleContext, `a newer focusMessage call superseded the one for message ${messageId}`)
    if (state().threadId !== threadId) throw fail(Nav.StaleContext, `the thread changed from ${threadId} before message ${messageId} was shown`)
  }

  if (state().threadId !== threadId || state().phase === 'loading') {
    const error = await controller.load(threadId)
    if (ticket !== latest) current()
    if (error || state().threadId !== threadId) {
      const gone = error instanceof ApiError && (error.status === 404 || error.status === 403)
      const reason = error instanceof Error ? error.message : 'it did not open'
      throw gone
        ? fail(Nav.ThreadUnavailable, `thread ${threadId} is not available: ${reason}`)
        : fail(Nav.MessageLoadFailed, `thread ${threadId} failed to load: ${reason}`)
    }
  }
  // Older pages load one at a time until the message is there or nothing older is left.
  for (;;) {
    current()
    if (state().messages.some((m) => m.id === messageId)) break
    if (state().olderCount <= 0) throw fail(Nav.MessageUnavailable, `message ${messageId} is not on the shown branch of thread ${threadId}`)
    const before = state().olderCount
    if (!(await controller.loadOlder())) {
      current()
      if (state().olderCount === before) throw fail(Nav.MessageLoadFailed, `an older page of thread ${threadId} failed to load`)
    }
  }
  const el = await rendered(deps, messageId, current)
  if (!el) throw fail(Nav.MessageFocusTimeout, `message ${messageId} was loaded but did not render in time`)
  reveal(el)
  // The list may still settle (lazy parts, following the bottom): bring it back once it has.
  await frames(2)
  if (ticket === latest && !inView(el)) el.scrollIntoView({ block: 'center' })
  return { success: true, status: 'opened' }
}

async function rendered(deps: FocusDeps, messageId: string, current: () => void): Promise<HTMLElement | null> {
  const until = Date.now() + (deps.renderTimeoutMs ?? 5000)
  for (;;) {
    current()
    const el = deps.doc.querySelector<HTMLElement>(`.ck-message[data-message-id="${CSS.escape(messageId)}"]`)
    if (el) return el
    if (Date.now() > until) return null
    await new Promise((r) => setTimeout(r, 30))
  }
}

/** Scrolls to the message, focuses it and marks it (the mark animates unless reduced motion is asked for; it goes with the focus). */
function reveal(el: HTMLElement): void {
  el.scrollIntoView({ block: 'center' })
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1
  el.classList.remove('ck-target')
  void el.offsetWidth
  el.classList.add('ck-target')
  el.focus({ preventScroll: true })
  el.addEventListener('blur', () => el.classList.remove('ck-target'), { once: true })
}

function inView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect()
  return r.bottom > 0 && r.top < (el.ownerDocument.defaultView?.innerHeight ?? 0)
}

const frames = (n: number) => new Promise<void>((r) => (n <= 0 ? r() : requestAnimationFrame(() => void frames(n - 1).then(r))))

const isId = (v: unknown) => typeof v === 'string' && v.trim() !== ''

/** `{threadId, messageId}` or XpertAI's `{conversationId, threadId?, messageId}` (conversation id == thread id here). */
function focusTarget(params: unknown): { threadId: string; messageId: string } {
  const p = (params ?? {}) as Partial<FocusMessageParams>
  const threadId = p.threadId ?? p.conversationId
  if (!params || typeof params !== 'object' || !isId(threadId) || !isId(p.messageId)) {
    throw new ChatKitError(ErrorCodes.InvalidOptions, 'focusMessage expects {threadId (or conversationId): string, messageId: string}')
  }
  if (p.conversationId !== undefined && p.threadId !== undefined && p.conversationId !== p.threadId) {
    throw new ChatKitError(
      Nav.StaleContext,
      `focusMessage: conversationId ${String(p.conversationId)} and threadId ${String(p.threadId)} differ (a conversation is one thread here)`,
    )
  }
  return { threadId: threadId as string, messageId: p.messageId as string }
}
