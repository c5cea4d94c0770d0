/**
 * `POST /threads/{id}/app-tools/call` `{ step, name, arguments?, approved? }`: a `tools/call` an MCP
 * App (shown in a tool step of this thread) asked the frame for. Scoped three ways: the caller owns
 * the thread; `step` is a tool step of one of its answers whose output carries the app
 * (`output.ui` with the `server` that owns it); the tool is one of that server's, found by the
 * thread's agent (`agent.appTools`). A tool that needs approval answers 409 `approval_required`
 * until the frame sends it again with `approved: true`, which only the user's click there sets
 * (the app's sub-frame cannot reach this API: it has no network and no secret).
 */
import { ApiErrorCodes } from '@xpert-ai/chatkit-protocol'
import type { Deps, RequestContext } from '../context.js'
import { readJson } from '../http/body.js'
import { badRequest, conflict, jsonResponse, notFound } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'
import { expectRecord, expectString, isRecord, limitJsonSize, optionalRecord } from '../http/validate.js'
import { requireOwnedThread } from '../services/threads.js'

/** How many of the thread's newest messages are searched for the step. */
const PAGE = 100
const MAX_ARGS_CHARS = 64 * 1024

export async function callAppTool({ req, deps, principal }: RequestContext, { threadId }: RouteParams): Promise<Response> {
  const thread = await requireOwnedThread(deps, await principal(), threadId)
  const body = expectRecord(await readJson(req, deps.maxBodyBytes), 'request body')
  const step = expectString(body.step, 'step')
  const name = expectString(body.name, 'name', 128)
  const args = optionalRecord(body.arguments, 'arguments') ?? {}
  limitJsonSize(args, 'arguments', MAX_ARGS_CHARS)
  if (body.approved !== undefined && typeof body.approved !== 'boolean') throw badRequest('approved: expected a boolean')
  const server = await appServerOf(deps, thread.id, step)
  if (!server) throw notFound(`step ${step.slice(0, 64)}: no tool step with an MCP App in this thread`)
  const tool = deps.agents.get(thread.assistantId)?.appTools?.find(server, name) ?? null
  if (!tool) throw notFound(`name: the app's MCP server "${server.slice(0, 64)}" has no tool "${name}" it may call`)
  if (tool.needsApproval && body.approved !== true) throw conflict(`"${name}" changes data: the user must approve the call`, ApiErrorCodes.ApprovalRequired)
  try {
    return jsonResponse(200, await tool.call(args, { signal: req.signal }))
  } catch (e) {
    // A tool-level failure is the app's business (MCP `isError`), not an HTTP error.
    return jsonResponse(200, { content: [{ type: 'text', text: e instanceof Error ? e.message : String(e) }], isError: true })
  }
}

/** The MCP server owning the app of tool step `step` (searched newest message first), or null. */
async function appServerOf(deps: Deps, threadId: string, step: string): Promise<string | null> {
  const { total } = await deps.store.messages.list(threadId, 0, 0)
  for (let end = total; end > 0; end -= PAGE) {
    const offset = Math.max(0, end - PAGE)
    const { items } = await deps.store.messages.list(threadId, end - offset, offset)
    for (const m of items.reverse()) {
      if (m.role !== 'ai' || !Array.isArray(m.content)) continue
      for (const part of m.content) {
        if (part.type !== 'component' || part.id !== step || part.data.category !== 'Tool') continue
        const ui = isRecord(part.data.output) ? part.data.output.ui : undefined
        return isRecord(ui) && typeof ui.server === 'string' && ui.server ? ui.server : null
      }
    }
  }
  return null
}
