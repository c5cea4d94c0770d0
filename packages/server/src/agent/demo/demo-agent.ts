import { defineAgent } from '../define-agent.js'
import type { Agent, AgentContext, AgentEvent } from '../types.js'
import { chunk, countWords, planDemoAnswer } from './demo-answer.js'
import { APPROVAL, demoSuggestions, searchResults, SUBSCRIBE_WIDGET } from './demo-content.js'
import { demoReport } from './demo-report.js'
import { demoResume } from './demo-resume.js'

export type DemoAgentOptions = {
  /** Pause between chunks (ms). Default 15; tests use 0 or 1. */
  delayMs?: number
  /** Code points per chunk. Default 4. */
  chunkSize?: number
}

/**
 * The built-in `demo` agent: no network, deterministic. It streams a markdown answer that echoes
 * the question, and shows one feature per keyword (see `DEMO_KEYWORDS`): reasoning, tool steps,
 * a web search, math, a widget, a client tool call, an approval, a tool confirmation, a client
 * effect, context usage, two agents, a failure; a search answer cites its sources, and every
 * finished answer suggests next questions (features it did not show). Widget actions and interrupt answers come back
 * as `ctx.action` / `ctx.resume`.
 */
export function createDemoAgent(options: DemoAgentOptions = {}): Agent {
  const delay = options.delayMs ?? 15
  const size = options.chunkSize ?? 4
  async function* stream(ctx: AgentContext, type: 'text' | 'reasoning', text: string, agentKey?: string): AsyncGenerator<AgentEvent> {
    // The first piece goes out at once (a model's first token is what the user waits for); the
    // delay paces the ones after it.
    let first = true
    for (const piece of chunk(text, size)) {
      if (!first) await ctx.sleep(delay)
      first = false
      yield { type, text: piece, ...(agentKey ? { agentKey } : {}) }
    }
  }
  return defineAgent({
    id: 'demo',
    name: 'ChatKit demo',
    description: 'A built-in agent that streams a markdown answer without any network or model.',
    async *run(ctx) {
      if (ctx.resume) return yield* demoResume(ctx)
      if (ctx.action) {
        const payload = JSON.stringify(ctx.action.payload, null, 2)
        return yield* stream(ctx, 'text', `Received action ${ctx.action.type}\n\n\`\`\`json\n${payload}\n\`\`\``)
      }
      const plan = planDemoAnswer(ctx.input.text)
      const k = plan.keywords
      if (k.has('agents')) {
        for (const [agentKey, name, line] of [
          ['researcher', 'Researcher', 'Researcher here: I looked up the facts.\n\n'],
          ['writer', 'Writer', 'Writer here: I turned them into this answer.\n\n'],
        ] as const) {
          yield { type: 'agent_start', agentKey, name }
          yield* stream(ctx, 'text', line, agentKey)
          yield { type: 'agent_end', agentKey }
        }
      }
      if (plan.reasoning) yield* stream(ctx, 'reasoning', plan.reasoning)
      if (plan.tool) {
        const id = `${ctx.runId}-word_count`
        yield { type: 'tool_start', id, name: 'word_count', title: 'Count words', input: { text: ctx.input.text } }
        await ctx.sleep(delay * 10)
        yield { type: 'tool_end', id, output: countWords(ctx.input.text) }
      }
      if (k.has('report')) yield* demoReport(ctx, delay * 10)
      if (k.has('search')) {
        const id = `${ctx.runId}-web_search`
        yield { type: 'tool_start', id, name: 'web_search', title: 'Search the web', input: { query: ctx.input.text } }
        await ctx.sleep(delay * 10)
        const found = searchResults(ctx.input.text)
        yield { type: 'tool_end', id, output: found }
        // The answer's `[1]`, `[2]` (demo-answer.ts) cite these.
        yield { type: 'sources', sources: found.results }
      }
      if (k.has('effect')) yield { type: 'client_effect', name: 'highlight', args: { selector: '#pricing' } }
      const answer = k.has('fail') ? plan.answer.slice(0, Math.min(plan.answer.length, 120)) : plan.answer
      yield* stream(ctx, 'text', answer)
      if (k.has('fail')) return yield { type: 'error', message: 'the demo agent failed on purpose (keyword "fail")' }
      if (k.has('widget')) yield { type: 'widget', id: `${ctx.runId}-subscribe`, title: 'Subscribe', widget: SUBSCRIBE_WIDGET }
      if (k.has('usage')) {
        const inputTokens = countWords(ctx.history.map((m) => (typeof m.content === 'string' ? m.content : '')).join(' ') + ' ' + ctx.input.text).words
        const outputTokens = countWords(plan.answer).words
        yield { type: 'usage', usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, contextWindow: 8192 } }
      }
      if (!k.has('client') && !k.has('approve') && !k.has('confirm')) yield { type: 'suggestions', suggestions: demoSuggestions(k) }
      if (k.has('client')) {
        yield* stream(ctx, 'text', '\n\nAsking the host page for its title…')
        return yield { type: 'interrupt', value: { clientToolCalls: [{ id: `${ctx.runId}-host`, name: 'get_host_info', args: { fields: ['title'] } }] } }
      }
      if (k.has('approve')) {
        yield* stream(ctx, 'text', '\n\nI need your approval before sending an email.')
        return yield { type: 'interrupt', value: APPROVAL }
      }
      if (k.has('confirm')) {
        yield* stream(ctx, 'text', '\n\nPlease confirm the file deletion.')
        return yield { type: 'interrupt', value: { toolCalls: [{ id: `${ctx.runId}-delete`, name: 'delete_file', args: { path: '/tmp/x' } }] } }
      }
    },
  })
}
