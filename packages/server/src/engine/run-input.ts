import type { ResumeValue } from '@xpert-ai/chatkit-protocol'
import type { AgentAction } from '../agent/types.js'

type Json = Record<string, unknown>

/** What a run request asks for: a new message, a widget action, an interrupt's answer, or a regenerated answer. */
export type RunKind = 'message' | 'action' | 'resume' | 'retry'

export type ParsedRun = {
  kind: RunKind
  assistantId: string | undefined
  /** The user's text (`message` runs only; '' otherwise). */
  text: string
  /** Ids from `input.input.files: [{id}]`, resolved against the caller's uploads by the route. */
  fileIds: string[]
  references: unknown[]
  /** The tool the user picked in the composer (`input.input.tool`), if any. */
  tool: string | undefined
  action?: AgentAction
  resume?: ResumeValue
  clientMessageId: string | undefined
  state: Json
  context: Json
  config: Json
  onDisconnect: 'continue' | 'cancel'
  followUpMode: 'queue' | 'steer' | undefined
  /** `if_not_exists: 'create'`: the route creates the (client-named) thread when it is missing. */
  createThread: boolean
  /**
   * `parentMessageId`: where the new message goes in the thread's tree. Absent: after the shown
   * branch's head. A message run: the message the new question follows (an edited question is a
   * sibling of the one it replaces; null: a new first question). A retry: the question to answer
   * again (its new answer is a sibling of the old one). Checked against the thread by the route.
   */
  parentId?: string | null
}
