import type { RequestContext } from '../context.js'
import { jsonResponse, notFound } from '../http/errors.js'
import type { RouteParams } from '../http/router.js'

/** `GET /assistants/{id}`: name and description of the agent the caller's secret is scoped to. */
export async function getAssistant({ deps, principal }: RequestContext, { id }: RouteParams): Promise<Response> {
  const who = await principal()
  const agent = who.assistantId === id ? deps.agents.get(id) : undefined
  if (!agent) throw notFound(`assistant ${id.slice(0, 128)} not found`)
  return jsonResponse(200, {
    assistant_id: agent.id,
    id: agent.id,
    name: agent.name,
    description: agent.description ?? null,
    metadata: {},
  })
}
