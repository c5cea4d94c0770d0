import { defineAgent } from '@xpert-ai/chatkit-server'

/** A custom agent: answers in capitals, one word at a time (a real agent would call a model here). */
export const shout = defineAgent({
  id: 'shout',
  name: 'Shout',
  async *run(ctx) {
    const words = `YOU SAID: ${ctx.input.text.toUpperCase()}`.split(' ')
    for (const [i, word] of words.entries()) {
      yield { type: 'text', text: (i ? ' ' : '') + word }
      await ctx.sleep(20)
    }
  },
})
