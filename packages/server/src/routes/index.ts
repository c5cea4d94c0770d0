import type { RequestContext } from '../context.js'
import { Router } from '../http/router.js'
import { getAssistant } from './assistants.js'
import { listMessages } from './conversations.js'
import { cancelRun, joinRun, streamRun } from './runs.js'
import { createSession } from './sessions.js'
import { createThread, getThread } from './threads.js'

/** Every route under the API base path, in one table. */
export function buildRouter(): Router<RequestContext> {
  return new Router<RequestContext>()
    .add('POST', '/v1/chatkit/sessions', createSession)
    .add('GET', '/assistants/:id', getAssistant)
    .add('POST', '/threads', createThread)
    .add('GET', '/threads/:threadId', getThread)
    .add('POST', '/threads/:threadId/runs/stream', streamRun)
    .add('GET', '/threads/:threadId/runs/:runId/stream', joinRun)
    .add('POST', '/threads/:threadId/runs/:runId/cancel', cancelRun)
    .add('GET', '/conversations/:id/messages', listMessages)
}
