import type { Agent } from './types.js'

/** Assistant id → agent. Built once from config; duplicate ids are a configuration error. */
export class AgentRegistry {
  private readonly agents = new Map<string, Agent>()

  constructor(agents: Iterable<Agent>) {
    for (const a of agents) {
      if (this.agents.has(a.id)) throw new Error(`two agents are registered under the assistant id "${a.id}"`)
      this.agents.set(a.id, a)
    }
  }

  get(id: string): Agent | undefined {
    return this.agents.get(id)
  }

  ids(): string[] {
    return [...this.agents.keys()]
  }
}
