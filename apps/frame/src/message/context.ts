/**
 * What message-level UI may do, provided once by the app (`createConversationActions`). A context
 * rather than props: tool steps, widgets and interrupt panels sit deep inside a message.
 */
import { signal, type Signal } from '@preact/signals'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ResumeValue, WidgetAction, WidgetRoot } from '@xpert-ai/chatkit-protocol'
import type { Message } from '../thread/index.js'

export type ConversationActions = {
  retry(): void
  /** The question being edited in place (its id), if any: an Edit click or ↑ in an empty composer. */
  editing: Signal<string | null>
  /** Opens the editor on the newest question; false when there is none or an answer streams. */
  editLast(): boolean
  /** Asks `text` in place of the question `messageId` (a new branch); rejects when refused (reported). */
  edit(messageId: string, text: string): Promise<void>
  /** Shows the branch through `messageId`; rejects (reported) when refused or failed, nothing changed. */
  switchBranch(messageId: string): Promise<void>
  /** "Branch in new chat": the branch up to `messageId` copied into a new conversation, opened. */
  branchInNewChat(messageId: string): Promise<void>
  feedback(messageId: string, rating: 'like' | 'dislike'): void
  share(message: Message): void
  resume(messageId: string, value: ResumeValue, summary: string): void
  /** A widget action: to the host's `widgets.onAction` when it has one, else to the server. */
  widgetAction(action: WidgetAction, item: { id: string; widget: WidgetRoot }): Promise<void>
  unqueue(clientId: string): void
  /** Resolves true when older messages were prepended. */
  loadOlder(): Promise<boolean>
  /** An MCP App's `tools/call` through the server (`approved` only after the user allowed it). */
  appTool(call: { step: string; name: string; arguments: Record<string, unknown>; approved: boolean }): Promise<unknown>
  /**
   * Sent as the user's message when nothing runs (an MCP App's `ui/message`, a suggested question
   * chip); false otherwise.
   */
  appMessage(text: string): boolean
  /** The bytes of an uploaded file (`GET /contexts/file/{id}`, with the client secret). */
  file(id: string): Promise<Blob>
  /**
   * A click on an agent's http(s) link (markdown, citation, sources list): true when the host's
   * `onLinkClick` took it (the link must not open), false to let it open in a new tab.
   */
  openLink(url: string): boolean
}

const noop = async () => {}
const none = async () => false
/** Used when nothing is provided (isolated component tests): every action does nothing. */
export const inertActions: ConversationActions = {
  retry: noop,
  editing: signal(null),
  editLast: () => false,
  edit: noop,
  switchBranch: noop,
  branchInNewChat: noop,
  feedback: noop,
  share: noop,
  resume: noop,
  widgetAction: noop,
  unqueue: noop,
  loadOlder: none,
  appTool: () => Promise.reject(new Error('no conversation')),
  appMessage: () => false,
  file: () => Promise.reject(new Error('no conversation')),
  openLink: () => false,
}

export const ConversationContext = createContext<ConversationActions>(inertActions)

export const useConversation = () => useContext(ConversationContext)

/** The sources of the message being rendered (its `sources` part), for the `[n]` markers in its text. */
export const SourcesContext = createContext<readonly unknown[]>([])
