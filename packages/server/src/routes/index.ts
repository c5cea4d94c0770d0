import type { RequestContext } from '../context.js'
import { Router } from '../http/router.js'
import { callAppTool } from './app-tools.js'
import { getAssistant } from './assistants.js'
import { createConversation, deleteConversation, getConversation, listMessages, renameConversation, searchConversations } from './conversations.js'
import { listFeedback, postFeedback } from './feedbacks.js'
import { declareUpload, getFile, sendDeclaredUpload, uploadFile } from './files.js'
import { cancelRun, getRun, joinRun, streamRun } from './runs.js'
import { createSession } from './sessions.js'
import { createThread, getThread } from './threads.js'
import { transcribeAudio } from './transcriptions.js'

/** Every route under the API base path, in one table. */
export function buildRouter(): Router<RequestContext> {
  return new Router<RequestContext>()
    .add('POST', '/v1/chatkit/sessions', createSession)
    .add('GET', '/assistants/:id', getAssistant)
    .add('POST', '/threads', createThread)
    .add('GET', '/threads/:threadId', getThread)
    .add('POST', '/threads/:threadId/runs/stream', streamRun)
    .add('GET', '/threads/:threadId/runs/:runId', getRun)
    .add('GET', '/threads/:threadId/runs/:runId/stream', joinRun)
    .add('POST', '/threads/:threadId/runs/:runId/cancel', cancelRun)
    .add('POST', '/threads/:threadId/app-tools/call', callAppTool)
    .add('POST', '/conversations', createConversation)
    .add('POST', '/conversations/search', searchConversations)
    .add('GET', '/conversations/:id', getConversation)
    .add('PATCH', '/conversations/:id', renameConversation)
    .add('DELETE', '/conversations/:id', deleteConversation)
    .add('GET', '/conversations/:id/messages', listMessages)
    .add('POST', '/conversations/:cid/messages/:mid/feedbacks', postFeedback)
    .add('GET', '/conversations/:cid/messages/:mid/feedbacks', listFeedback)
    .add('POST', '/contexts/file', uploadFile)
    .add('GET', '/contexts/file/:id', getFile)
    .add('POST', '/contexts/file/uploads', declareUpload)
    .add('PUT', '/contexts/file/uploads/:id', sendDeclaredUpload)
    .add('POST', '/audio/transcriptions', transcribeAudio)
}
