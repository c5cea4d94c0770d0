import { defineAgent } from '../define-agent.js'
import type { Agent } from '../types.js'
import { chunk, countWords, planDemoAnswer } from './demo-answer.js'

export type DemoAgentOptions = {
  /** Pause between chunks (ms). Default 15; tests use 0 or 1. */
  delayMs?: number
  /** Code points per chunk. Default 4. */
  chunkSize?: number
}

/**
 * The built-in `demo` agent: no network, deterministic. It streams a markdown answer (heading,
 * paragraph, list, code block, link) that echoes the question; the word "reason" adds a
 * reasoning part first and "tool" adds a tool step.
 */
export function createDemoAgent(options: DemoAgentOptions = {}): Agent {
  const delay = options.delayMs ?? 15
  const size = options.chunkSize ?? 4
  return defineAgent({
    id: 'demo',
    name: 'ChatKit demo',
    description: 'A built-in agent that streams a markdown answer without any network or model.',
    async *run(ctx) {
      const plan = planDemoAnswer(ctx.input.text)
      if (plan.reasoning) {
        for (const piece of chunk(plan.reasoning, size)) {
          await ctx.sleep(delay)
          yield { type: 'reasoning', text: piece }
        }
      }
      if (plan.tool) {
        const id = `${ctx.runId}-word_count`
        yield { type: 'tool_start', id, name: 'word_count', title: 'Count words', input: { text: ctx.input.text } }
        await ctx.sleep(delay * 10)
        yield { type: 'tool_end', id, output: countWords(ctx.input.text) }
      }
      for (const piece of chunk(plan.answer, size)) {
        await ctx.sleep(delay)
        yield { type: 'text', text: piece }
      }
    },
  })
}
