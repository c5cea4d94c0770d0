import { createDemoAgent, defineAgent } from '@xpert-ai/chatkit-server'

/**
 * The agent the fuzzed server runs (`--agent`): the demo agent's answers (text, tools, widgets,
 * interrupts, by keyword) without its pacing, so valid runs mixed into the fuzzing end quickly.
 */
export default defineAgent({ id: 'fuzz', name: 'Fuzz target', run: createDemoAgent({ delayMs: 0, chunkSize: 64 }).run })
