import type { OpenAITool } from '@xpert-ai/chatkit-server'
import type { McpTool } from './types.js'

/**
 * MCP tools for the built-in `openai` agent (`createOpenAIAgent({ tools })`). That agent cannot
 * pause for the user, so a tool that needs approval is not run: its call ends as a failed step
 * saying so (connect with `approve: 'none'` to run such tools without asking, or use an adapter).
 */
export function openAIToolsFromMcp(tools: McpTool[]): Record<string, OpenAITool> {
  return Object.fromEntries(
    tools.map((t) => [
      t.name,
      {
        description: t.description,
        parameters: t.inputSchema,
        async execute(args, ctx) {
          if (t.needsApproval) throw new Error(`"${t.name}" needs the user's approval, which the built-in openai agent cannot ask for; it did not run`)
          return t.call(args, { signal: ctx.signal })
        },
      } satisfies OpenAITool,
    ]),
  )
}
