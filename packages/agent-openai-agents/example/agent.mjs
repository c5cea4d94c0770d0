// An OpenAI Agents SDK agent for ChatKit: a triage agent with a tool, a tool that asks first, and a
// handoff. OpenAI by default (OPENAI_API_KEY); any OpenAI-compatible chat-completions endpoint with
// OPENAI_BASE_URL (Ollama below):
//   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 \
//     node apps/server/dist/cli.js --agent packages/agent-openai-agents/example/agent.mjs
// then pick the assistant id `agents-sdk`.
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents'
import { createOpenAIAgentsAgent } from '@xpert-ai/chatkit-agent-openai-agents'
import { z } from 'zod'

// Traces go to OpenAI's dashboard unless disabled; keep them off for a local endpoint.
if (process.env.OPENAI_BASE_URL) setTracingDisabled(true)

const runner = new Runner({
  modelProvider: new OpenAIProvider({
    apiKey: process.env.OPENAI_API_KEY ?? 'not-needed',
    baseURL: process.env.OPENAI_BASE_URL,
    useResponses: !process.env.OPENAI_BASE_URL,
  }),
  model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
})

const billing = new Agent({ name: 'Billing', instructions: 'You answer questions about invoices and payments.' })

const triage = new Agent({
  name: 'Triage',
  instructions: 'Help the user. Hand billing questions to Billing.',
  handoffs: [billing],
  tools: [
    tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => `${city}: 21°C, clear`,
    }),
    tool({
      name: 'delete_file',
      description: 'Deletes a file (asks the user first)',
      parameters: z.object({ path: z.string() }),
      needsApproval: true,
      execute: async ({ path }) => `deleted ${path}`,
    }),
  ],
})

export default createOpenAIAgentsAgent({ id: 'agents-sdk', name: 'OpenAI Agents SDK example', agent: triage, runner })
