import type { Agent, AgentAppTools, AgentRun } from './types.js'

export type AgentDefinition = {
  /** Assistant id; defaults to a slug of `name`. */
  id?: string
  name: string
  description?: string
  run: AgentRun
  /** Tools the MCP Apps in its answers may call (`mcpAppTools(box)` from `@xpert-ai/chatkit-mcp`). */
  appTools?: AgentAppTools
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/

/**
 * Declares an agent: an async generator that yields text, reasoning and tool steps.
 *
 * @example
 * export default defineAgent({
 *   id: 'echo',
 *   name: 'Echo',
 *   async *run(ctx) {
 *     yield { type: 'text', text: `You said: ${ctx.input.text}` }
 *   },
 * })
 */
export function defineAgent(def: AgentDefinition): Agent {
  if (!def || typeof def.name !== 'string' || !def.name.trim()) throw new TypeError('defineAgent: `name` is required')
  if (typeof def.run !== 'function') throw new TypeError(`defineAgent(${def.name}): \`run\` must be an async generator function`)
  const id = def.id ?? slug(def.name)
  if (!ID.test(id)) throw new TypeError(`defineAgent(${def.name}): id "${id}" must match ${ID}`)
  if (def.appTools !== undefined && typeof def.appTools?.find !== 'function')
    throw new TypeError(`defineAgent(${def.name}): \`appTools\` must have a find(server, name) function`)
  return Object.freeze({ id, name: def.name, description: def.description, run: def.run, ...(def.appTools ? { appTools: def.appTools } : {}) })
}

/** True for values shaped like an agent (a user module's export is checked before registering). */
export function isAgent(v: unknown): v is Agent {
  const a = v as Agent | null
  return !!a && typeof a === 'object' && typeof a.id === 'string' && ID.test(a.id) && typeof a.name === 'string' && typeof a.run === 'function'
}

function slug(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'agent'
  )
}
