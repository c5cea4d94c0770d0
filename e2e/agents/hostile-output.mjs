// A hostile agent for the agent-output hardening suite (`--agent e2e/agents/hostile-output.mjs`,
// assistant id `hostile-output`). No delays: the frame gets output as fast as the server streams
// it. The first word of the message picks what it does:
//   5mb [MB]     ~5 MB of varied markdown in 16 KB deltas, ending with "END-OF-ANSWER"
//   steps [N]    N tool steps (default 10,000), then a line of text
//   deep         a widget nested 100 levels deep and one of 5,000 nodes (the frame refuses both
//                inline), between two texts
//   deeper       a widget nested 10,000 levels deep: the server ends the run with a clear error
//   badmd [huge] invalid and pathological markdown, one kind per section (huge: 100k quote and
//                50k list markers)
//   malformed    a usage event the frame cannot use (malformed stream event), then a tool input
//                with a cycle: the server ends the run with a clear error
// Anything else gets a short answer.

const KB = 1024

function markdownOf(bytes) {
  const parts = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const s = [
      `## Part ${i}`,
      '',
      `Paragraph ${i} with **bold**, *emphasis*, \`code\` and a [link](https://example.com/${i}).`,
      '',
      ...Array.from({ length: 4 }, (_, k) => `- point ${k} of part ${i}`),
      '',
      '```js',
      `const part = ${i} // a code block`,
      '```',
      '',
    ].join('\n')
    parts.push(s)
    size += s.length
  }
  return parts.join('\n').slice(0, bytes - 40) + '\n\nEND-OF-ANSWER\n'
}

function nested(depth) {
  const root = { type: 'Card', children: [] }
  let node = root
  for (let i = 0; i < depth; i++) {
    const child = { type: 'Box', children: [] }
    node.children = [child]
    node = child
  }
  node.children = [{ type: 'Text', value: 'the bottom' }]
  return root
}

/**
 * Invalid markdown that is slow or stack-hungry for naive parsers, one kind per section, under
 * the frame's 100,000-character formatting limit (so all of it goes through the markdown path).
 */
export function badMarkdown() {
  const lines = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('\n')
  return (
    [
      ['blockquotes 15k deep', '>'.repeat(15_000) + ' bottom'],
      ['quote lines', lines(150, (i) => '>'.repeat(i % 100) + ' q')],
      ['lists 7.5k deep', '- '.repeat(7_500) + 'x'],
      ['indented lists', lines(100, (i) => '  '.repeat(i) + '- item')],
      ['emphasis', '*a**a'.repeat(2_000)],
      ['underscores', '_a__a'.repeat(2_000)],
      ['brackets', '['.repeat(3_000) + 'a' + '('.repeat(3_000)],
      ['backticks', '`a``'.repeat(1_000)],
      ['angles', '<'.repeat(3_000) + 'a'],
      ['huge table', '| a | b | c |\n|---|---|---|\n' + '| 1 | **2** | `3` |\n'.repeat(500)],
      ['wide table', '|' + ' h |'.repeat(500) + '\n|' + '---|'.repeat(500)],
    ]
      .map(([title, body]) => `\n\n### ${title}\n\n${body}\n\n`)
      .join('')
      // The unclosed fence goes last: it swallows everything after it.
      .concat('\n\nAFTER-BAD-MARKDOWN\n\n```js\nconst open = "never closed"\n')
  )
}

/** 100,000 quote markers and 50,000 list markers: past the formatting limit, shown in part as plain text. */
export const hugeBadMarkdown = () => '\n\n' + '>'.repeat(100_000) + ' bottom\n\n' + '- '.repeat(50_000) + 'x\n\nAFTER-HUGE-MARKDOWN'

export default {
  id: 'hostile-output',
  name: 'Hostile output test agent',
  async *run(ctx) {
    const [word, arg] = ctx.input.text.trim().split(/\s+/)
    switch (word) {
      case '5mb': {
        const text = markdownOf(Math.round(Number(arg ?? 5) * KB * KB))
        for (let i = 0; i < text.length; i += 16 * KB) yield { type: 'text', text: text.slice(i, i + 16 * KB) }
        return
      }
      case 'steps': {
        const n = Number(arg ?? 10_000)
        for (let i = 0; i < n; i++) {
          yield { type: 'tool_start', id: `step-${i}`, name: 'lookup', title: `Lookup ${i}`, input: { i } }
          yield { type: 'tool_end', id: `step-${i}`, output: { found: i } }
        }
        yield { type: 'text', text: `All ${n} steps done.` }
        return
      }
      case 'deep':
        yield { type: 'text', text: 'Before the widgets.' }
        yield { type: 'widget', id: 'deep-widget', widget: nested(100) }
        yield {
          type: 'widget',
          id: 'wide-widget',
          widget: { type: 'Card', children: Array.from({ length: 5000 }, (_, i) => ({ type: 'Text', value: `node ${i}` })) },
        }
        yield { type: 'text', text: 'After the widgets.' }
        return
      case 'deeper':
        yield { type: 'text', text: 'Before the widget.' }
        yield { type: 'widget', id: 'deeper-widget', widget: nested(10_000) }
        yield { type: 'text', text: 'never sent' }
        return
      case 'badmd':
        yield { type: 'text', text: 'BEFORE-BAD-MARKDOWN' }
        for (const piece of (arg === 'huge' ? hugeBadMarkdown() : badMarkdown()).match(/[\s\S]{1,4096}/g)) yield { type: 'text', text: piece }
        return
      case 'malformed': {
        yield { type: 'text', text: 'Before the bad events.' }
        yield { type: 'usage', usage: { inputTokens: -1, outputTokens: -1, totalTokens: -2 } }
        const input = { query: 'cycle' }
        input.self = input
        yield { type: 'tool_start', id: 'cyclic', name: 'search', input }
        yield { type: 'text', text: 'never sent' }
        return
      }
      default:
        yield { type: 'text', text: `Answer to: ${ctx.input.text}` }
    }
  },
}
