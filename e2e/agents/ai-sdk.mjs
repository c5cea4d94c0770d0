// The Vercel AI SDK adapter for the adapters e2e spec (assistant id `ai-sdk-e2e`): a real
// createAiSdkAgent + streamText, with the AI SDK's own mock model standing in for the LLM. The
// model's reply is picked by the user's last words: `weather` calls a server tool, `delete` a tool
// that needs approval, `long` streams slowly (for a reload mid-answer), anything else is text.
import { createAiSdkAgent } from '@xpert-ai/chatkit-agent-ai-sdk'
import { simulateReadableStream, stepCountIs, tool } from 'ai'
import { MockLanguageModelV3 } from 'ai/test'
import { z } from 'zod'

const usage = { inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } }
const finish = (unified) => ({ type: 'finish', finishReason: { unified, raw: unified }, usage })
const text = (words) => [
  { type: 'text-start', id: 't' },
  ...words.map((delta) => ({ type: 'text-delta', id: 't', delta })),
  { type: 'text-end', id: 't' },
  finish('stop'),
]
const call = (toolName, input) => [{ type: 'tool-call', toolCallId: `call-${Date.now()}`, toolName, input: JSON.stringify(input) }, finish('tool-calls')]

function reply(prompt) {
  const last = prompt.at(-1)
  if (last.role === 'tool') {
    const r = last.content.find((p) => p.type === 'tool-result')
    return { chunks: text([`The tool ${r?.toolName} answered: `, JSON.stringify(r?.output?.value ?? r?.output)]) }
  }
  const said = last.content.map((p) => p.text ?? '').join('')
  if (said.includes('weather')) return { chunks: call('get_weather', { city: 'Lisbon' }) }
  if (said.includes('delete')) return { chunks: call('delete_file', { path: '/tmp/report.txt' }) }
  if (said.includes('long')) return { chunks: text(Array.from({ length: 120 }, (_, i) => `word${i} `)), delay: 40 }
  return { chunks: text(['Hello ', 'from the AI SDK.']) }
}

const model = new MockLanguageModelV3({
  doStream: async ({ prompt }) => {
    const { chunks, delay } = reply(prompt)
    return { stream: simulateReadableStream({ chunks: [{ type: 'stream-start', warnings: [] }, ...chunks], chunkDelayInMs: delay ?? 5 }) }
  },
})

export default createAiSdkAgent({
  id: 'ai-sdk-e2e',
  name: 'AI SDK (e2e)',
  streamText: {
    model,
    stopWhen: stepCountIs(4),
    tools: {
      get_weather: tool({ description: 'Weather', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temperatureC: 23 }) }),
      delete_file: tool({
        description: 'Delete a file',
        inputSchema: z.object({ path: z.string() }),
        needsApproval: true,
        execute: async ({ path }) => ({ deleted: path }),
      }),
    },
  },
})
