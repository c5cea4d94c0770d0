import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
import { defineAgent, isAgent, type Agent, type AgentDefinition } from '@xpert-ai/chatkit-server'

/** The packages an agent module may import wherever it lives, resolved to this server's own copies. */
const AGENT_API_PACKAGES = ['@xpert-ai/chatkit-server', '@xpert-ai/chatkit-protocol'] as const

let registered = false

/**
 * Lets an agent module in any folder (no node_modules of its own) `import { defineAgent } from
 * '@xpert-ai/chatkit-server'`: a module resolve hook maps the agent API packages to the copies this
 * server runs, so the agent and the server share one instance. Registered once, before the first
 * agent module loads.
 */
function registerAgentApiResolution(): void {
  if (registered) return
  registered = true
  const map = Object.fromEntries(AGENT_API_PACKAGES.map((p) => [p, import.meta.resolve(p)]))
  const hooks = `const map = ${JSON.stringify(map)};
export async function resolve(specifier, context, next) {
  return Object.hasOwn(map, specifier) ? { url: map[specifier], shortCircuit: true } : next(specifier, context);
}`
  register(`data:text/javascript,${encodeURIComponent(hooks)}`)
}

/** Imports a user's module (`--agent`, `--transcriber`) with the agent API packages resolvable; `flag` names it in the error. */
export async function importUserModule(flag: string, path: string): Promise<Record<string, unknown>> {
  registerAgentApiResolution()
  try {
    return await import(pathToFileURL(path).href)
  } catch (e) {
    throw new Error(`${flag} ${path}: cannot load the module (${(e as Error).message})`)
  }
}

/**
 * Loads a user's agent module (`--agent ./my-agent.js`). The module's default export (or a named
 * `agent` export) is an agent — a `defineAgent(...)` result, as every adapter package returns, or a
 * plain definition object (`{ id, name, run }`, which needs no import at all) — or an array of them.
 */
export async function loadAgentModule(path: string): Promise<Agent[]> {
  const mod = await importUserModule('--agent', path)
  const candidate = mod.default ?? mod.agent
  const list = Array.isArray(candidate) ? candidate : [candidate]
  if (!list.length) throw new Error(`--agent ${path}: the default export is an empty array; export at least one agent`)
  return list.map((c, i) => {
    if (isAgent(c)) return c
    if (c && typeof c === 'object' && typeof (c as AgentDefinition).run === 'function') return defineAgent(c as AgentDefinition)
    const which = Array.isArray(candidate) ? ` (item ${i} of the default export is not an agent)` : ''
    throw new Error(
      `--agent ${path}: export an agent as default (export default defineAgent({ id, name, run }) or a plain { id, name, async *run(ctx) {} } object) or an array of agents${which}`,
    )
  })
}
