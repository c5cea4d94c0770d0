// The accessibility spec's agent (assistant id `a11y-rich`, e2e/specs/around-a11y-all-rules.spec.ts):
// an answer whose code block and table are wider than any frame (each must scroll sideways), a tool
// step with a tall JSON input and output, and, for a message containing "approve", an approval card.
// A message containing "overflow" gets the scrollers of a11y-overflow.mjs instead.
import { longAnswer, overflowAnswer } from './a11y-overflow.mjs'

const WIDE_CODE = [
  '```ts',
  ...Array.from(
    { length: 12 },
    (_, i) => `export const setting${i} = { name: 'setting-${i}', description: '${'a long line that goes on and on '.repeat(4)}', enabled: ${i % 2 === 0} }`,
  ),
  '```',
].join('\n')

const COLUMNS = Array.from({ length: 14 }, (_, i) => `Column ${i + 1}`)
const WIDE_TABLE = [
  `| ${COLUMNS.join(' | ')} |`,
  `| ${COLUMNS.map(() => '---').join(' | ')} |`,
  ...Array.from({ length: 4 }, (_, r) => `| ${COLUMNS.map((_, c) => `value ${r}.${c}`).join(' | ')} |`),
].join('\n')

const ANSWER = ['## A rich answer', '', 'Here is the configuration, in full:', '', WIDE_CODE, '', 'And the numbers:', '', WIDE_TABLE, '', 'That is all.'].join(
  '\n',
)

const ROWS = Array.from({ length: 40 }, (_, i) => ({ id: i, title: `Result ${i}`, url: `https://example.com/results/${i}` }))

export default {
  id: 'a11y-rich',
  name: 'Accessibility test agent',
  async *run(ctx) {
    if (ctx.resume) {
      yield { type: 'text', text: 'Done.' }
      return
    }
    if (/\boverflows?\b/i.test(ctx.input.text)) return yield* /\blong\b/i.test(ctx.input.text) ? longAnswer() : overflowAnswer(ctx)
    yield {
      type: 'tool_start',
      id: `${ctx.runId}-lookup`,
      name: 'lookup',
      title: 'Look up the settings',
      input: { query: ctx.input.text, rows: ROWS.slice(0, 20) },
    }
    yield { type: 'tool_end', id: `${ctx.runId}-lookup`, output: { rows: ROWS } }
    for (let i = 0; i < ANSWER.length; i += 400) yield { type: 'text', text: ANSWER.slice(i, i + 400) }
    if (/\bapprove\b/i.test(ctx.input.text)) {
      yield { type: 'text', text: '\n\nI need your approval before sending an email.' }
      yield {
        type: 'interrupt',
        value: {
          actionRequests: [{ name: 'send_email', args: { to: 'team@example.com', subject: 'Q2 report' }, description: 'Send the Q2 report to the team' }],
          reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
        },
      }
    }
  },
}
