import { pathToFileURL } from 'node:url'
import { defineAgent, isAgent, type Agent, type AgentDefinition } from '@xpert-ai/chatkit-server'

/**
 * Loads a user's agent module (`--agent ./my-agent.js`). The module's default export (or a
 * named `agent` export) is a `defineAgent(...)` result or a definition object to pass to it.
 */
export async function loadAgentModule(path: string): Promise<Agent> {
  let mod: Record<string, unknown>
  try {
    mod = await import(pathToFileURL(path).href)
  } catch (e) {
    throw new Error(`--agent ${path}: cannot load the module (${(e as Error).message})`)
  }
  const candidate = mod.default ?? mod.agent
  if (isAgent(candidate)) return candidate
  if (candidate && typeof candidate === 'object' && typeof (candidate as AgentDefinition).run === 'function') {
    return defineAgent(candidate as AgentDefinition)
  }
  throw new Error(`--agent ${path}: export an agent as default (export default defineAgent({ name, run }))`)
}
