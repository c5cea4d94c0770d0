// The render benchmark's agent (assistant id `bench`): no delays, so the frame gets tokens as fast
// as the server can stream them. "tokens N" answers with ~N tokens of markdown (headings,
// paragraphs, lists, code), one token (~4 characters) per delta; anything else gets a short answer
// (used to seed a long thread).

/** ~`tokens` tokens of varied markdown, deterministic. */
export function benchMarkdown(tokens) {
  const parts = []
  let count = 0
  for (let i = 0; count < tokens; i++) {
    const section = [
      `## Section ${i}`,
      '',
      `This paragraph ${i} explains **one idea** with some *emphasis*, a \`codespan\` and a [link](https://example.com/${i}). It keeps going for a while so that it reads like prose from a model.`,
      '',
      ...Array.from({ length: 5 }, (_, k) => `- item ${k} of list ${i} with a few words`),
      '',
      '```ts',
      ...Array.from({ length: 6 }, (_, k) => `const value${k} = compute(${i}, ${k}) // step ${k}`),
      '```',
      '',
    ].join('\n')
    parts.push(section)
    count += Math.ceil(section.length / 4)
  }
  return parts.join('\n')
}

export default {
  id: 'bench',
  name: 'Render benchmark agent',
  async *run(ctx) {
    const m = /^tokens (\d+)$/.exec(ctx.input.text.trim())
    if (!m) {
      yield { type: 'text', text: `Answer to: ${ctx.input.text}\n\n- one point\n- another point` }
      return
    }
    const text = benchMarkdown(Number(m[1]))
    for (let i = 0; i < text.length; i += 4) yield { type: 'text', text: text.slice(i, i + 4) }
  },
}
