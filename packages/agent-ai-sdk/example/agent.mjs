// A Vercel AI SDK agent for ChatKit. Run it with any OpenAI-compatible endpoint (Ollama below):
//   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.1 \
//     node apps/server/dist/cli.js --agent packages/agent-ai-sdk/example/agent.mjs
// then pick the assistant id `ai-sdk` (options.api.xpertId) in the frame.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { createAiSdkAgent } from '@xpert-ai/chatkit-agent-ai-sdk'
import { stepCountIs, tool } from 'ai'
import { z } from 'zod'

const provider = createOpenAICompatible({
  name: 'openai-compatible',
  baseURL: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
  apiKey: process.env.OPENAI_API_KEY,
})

export default createAiSdkAgent({
  id: 'ai-sdk',
  name: 'AI SDK example',
  contextWindow: Number(process.env.OPENAI_CONTEXT_WINDOW ?? 128_000),
  streamText: {
    model: provider(process.env.OPENAI_MODEL ?? 'gpt-4o-mini'),
    system: 'You are a helpful assistant. Use the tools when they help.',
    stopWhen: stepCountIs(5),
    tools: {
      // Runs on the server: a tool step with its input and result.
      get_weather: tool({
        description: 'The current weather in a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, temperatureC: 21, sky: 'clear' }),
      }),
      // Asks the user first: approve / edit / reject in the chat, then runs (or not).
      delete_file: tool({
        description: 'Deletes a file (asks the user first)',
        inputSchema: z.object({ path: z.string() }),
        needsApproval: true,
        execute: async ({ path }) => ({ deleted: path }),
      }),
      // No execute: the host page runs it (chatkit options.onClientTool) and the answer goes back to the model.
      get_selection: tool({
        description: 'The text the user has selected on the page',
        inputSchema: z.object({}),
      }),
    },
  },
})
