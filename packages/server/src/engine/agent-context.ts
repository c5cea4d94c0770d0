import { agentFiles } from '../agent/agent-files.js'
import type { AgentContext } from '../agent/types.js'
import { sleep } from '../util/abortable-sleep.js'
import type { Claimed } from './active-runs.js'
import type { ExecuteDeps } from './execute-run.js'
import type { Pending } from './stored-follow-ups.js'

/** What the agent of a launched run is given: its turn, the active history, follow-ups, files and the run's abort signal. */
export function agentContextOf(deps: ExecuteDeps, p: Pending, run: Claimed, history: AgentContext['history']): AgentContext {
  const { thread, agent, req, turn } = p
  const signal = run.controller.signal
  const owner = { assistantId: agent.id, userId: thread.userId }
  return {
    threadId: thread.id,
    runId: run.runId,
    assistantId: agent.id,
    userId: thread.userId,
    history,
    input: turn.input,
    ...(turn.action ? { action: turn.action } : {}),
    ...(turn.resume ? { resume: turn.resume } : {}),
    retry: turn.retry,
    followUps: run.followUps,
    files: agentFiles(deps.store, deps.blobs, owner, (file) => deps.saveFile(owner, thread.id, file)),
    state: req.state,
    context: req.context,
    config: req.config,
    signal,
    sleep: (ms: number) => sleep(ms, signal),
  }
}
