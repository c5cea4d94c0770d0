import { pathToFileURL } from 'node:url'
import { defineAgent, isAgent, type Agent, type AgentDefinition } from '@xpert-ai/chatkit-server'

/**
 * Loads a user's agent module (`--agent ./my-agent.js`). The module's default export (or a
 * named `agent` export) is an agent — a `defineAgent(...)` result, as every adapter package
 * returns, or a definition object to pass to it — or an array of them.
 */
export async function loadAgentModule(path: string): Promise<Agent[]> {
  let mod: Record<string, unknown>
  try {
    mod = await import(pathToFileURL(path).href)
  } catch (e) {
    throw new Error(`--agent ${path}: cannot load the module (${(e as Error).message})`)
  }
  const candidate = mod.default ?? mod.agent
  const list = Array.isArray(candidate) ? candidate : [candidate]
  if (!list.length) throw new Error(`--agent ${path}: the default export is an empty array; export at least one agent`)
  return list.map((c, i) => {
    if (isAgent(c)) return c
    if (c && typeof c === 'object' && typeof (c as AgentDefinition).run === 'function') return defineAgent(c as AgentDefinition)
    const which = Array.isArray(candidate) ? ` (item ${i} of the default export is not an agent)` : ''
    throw new Error(`--agent ${path}: export an agent as default (export default defineAgent({ name, run })) or an array of agents${which}`)
  })
}
