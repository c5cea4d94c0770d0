/** An agent misbehaved (unknown event kind, bad field, unknown tool id): the run fails with this. */
export class AgentProtocolError extends Error {
  override name = 'AgentProtocolError'
}
