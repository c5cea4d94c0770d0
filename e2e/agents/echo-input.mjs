// The input-echo agent of e2e/specs/conversation-own-messages.spec.ts (assistant id `demo`): it
// answers every message with exactly what it received in `ctx.input` (text, files, references),
// so the spec can prove what reached the agent, after the frame and the server handled it.
export default {
  id: 'demo',
  name: 'Input echo test agent',
  async *run(ctx) {
    const { text, files, references } = ctx.input
    yield { type: 'text', text: `Echo: ${text}\n\n` }
    yield { type: 'text', text: `Files: ${files.map((f) => `${f.name} (${f.mimeType}, ${f.size} B)`).join(', ') || 'none'}\n\n` }
    yield { type: 'text', text: `References: ${JSON.stringify(references)}\n` }
  },
}
