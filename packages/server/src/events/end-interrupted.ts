import { ChatEvent } from '@xpert-ai/chatkit-protocol'
import { INTERRUPTED_ERROR } from '../store/recover-run.js'
import type { RunEventLog } from './run-event-log.js'

/**
 * Ends the log of a run whose process died: `on_conversation_end {status:'interrupted'}` and the
 * log's `complete` marker (not sent to clients), then the close, so a client rejoining later is
 * told. Used by every log's recovery.
 */
export async function endAsInterrupted(log: RunEventLog, runId: string): Promise<void> {
  await log.append(runId, { type: 'event', event: ChatEvent.ConversationEnd, data: { status: 'interrupted', error: INTERRUPTED_ERROR } })
  await log.append(runId, { type: 'complete' })
  await log.close(runId)
}
