import { MATH_SECTION, SEARCH_SECTION } from './demo-content.js'
import { demoKeywords, KEYWORD_HELP, type DemoKeyword } from './demo-keywords.js'

/**
 * The demo agent's answer, computed from the user's text only (no clock, no randomness), so a
 * test can compute the exact answer it expects.
 */
export type DemoPlan = { keywords: Set<DemoKeyword>; reasoning: string | null; tool: boolean; answer: string }

export function planDemoAnswer(userText: string): DemoPlan {
  const text = userText.replace(/\s+/g, ' ').trim()
  const words = text ? text.split(' ').length : 0
  const keywords = demoKeywords(text)
  const shown = text.length > 120 ? text.slice(0, 119) + '…' : text
  const answer = [
    `## You asked: ${escapeMarkdown(shown)}`,
    '',
    'This is the **ChatKit demo agent**. It runs on your own server, needs no network, and streams ' +
      'this answer in small pieces so you can watch it arrive.',
    '',
    `- Your message has ${words} ${words === 1 ? 'word' : 'words'} and ${[...text].length} characters.`,
    '- Include one of these words (they combine) to see more:',
    ...(Object.keys(KEYWORD_HELP) as DemoKeyword[]).map((k) => `  - *${k}*: ${KEYWORD_HELP[k]}`),
    '',
    '```ts',
    `const question = ${JSON.stringify(shown)}`,
    `console.log(question.split(' ').length) // ${words}`,
    '```',
    '',
    'Plug in your own agent with `--agent ./my-agent.js`; see [XpertAI on GitHub](https://github.com/xpert-ai).',
    ...(keywords.has('search') ? ['', SEARCH_SECTION] : []),
    ...(keywords.has('math') ? ['', MATH_SECTION] : []),
    ...(keywords.has('long') ? ['', ...LONG_SECTION] : []),
  ].join('\n')
  const reasoning = keywords.has('reason')
    ? `The user wrote ${words} ${words === 1 ? 'word' : 'words'}. I will restate the question, ` +
      'summarize it as a list, and show it as code.' +
      (keywords.has('long') ? LONG_REASONING : '')
    : null
  return { keywords, reasoning, tool: keywords.has('tool'), answer }
}

/** "reason" with "long": about 3 s more of thinking, so the live "Thinking…" state can be watched. */
const LONG_REASONING = Array.from({ length: 8 }, (_, i) => ` Step ${i + 1}: weigh the question once more and check the plan.`).join('')

/** "long" appends this: about 4 400 characters, ~16 s of streaming at the default pace (room to stop it). */
const LONG_SECTION = Array.from(
  { length: 40 },
  (_, i) => `${i + 1}. Paragraph ${i + 1} of the long answer: streaming keeps going so you can stop it, scroll, or watch it grow.`,
)

/** Word statistics, the demo tool's output. */
export function countWords(text: string): { words: number; characters: number } {
  const t = text.replace(/\s+/g, ' ').trim()
  return { words: t ? t.split(' ').length : 0, characters: [...t].length }
}

/** Echoed text must render as text, not as markdown structure or HTML. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => '\\' + c)
}

/** Splits into pieces of `size` code points (never halves a surrogate pair). */
export function chunk(text: string, size: number): string[] {
  const chars = [...text]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''))
  return out
}
