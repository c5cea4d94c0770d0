import { defineAgent } from '@xpert-ai/chatkit-server'

/** A custom agent: counts the words it was sent, streaming its answer in two parts. */
export const counter = defineAgent({
  id: 'counter',
  name: 'Word counter',
  async *run(ctx) {
    const words = ctx.input.text.split(/\s+/).filter(Boolean).length
    yield { type: 'text', text: 'You sent ' }
    await ctx.sleep(20)
    yield { type: 'text', text: `${words} word${words === 1 ? '' : 's'}.` }
  },
})
