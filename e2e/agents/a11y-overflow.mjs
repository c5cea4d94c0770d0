// What the accessibility spec needs to OVERFLOW (e2e/specs/around-a11y-scrollers.spec.ts), answered
// by the `a11y-rich` agent for a message containing "overflow(s)": a program tool step whose code and
// output are taller than their boxes, a display formula wider than the answer, a block too deeply
// nested to format (shown as plain text), a chart whose data table is wider than the frame, a
// Markdown artifact longer than its panel and an approval card whose arguments are taller than
// theirs. With "long" instead: an answer past the frame's formatting limit, its rest as plain text.

const lines = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('\n')

const CODE = lines(40, (i) => `print("line ${i}")`)
const STDOUT = lines(40, (i) => `line ${i}`)
const FORMULA = `$$\n${Array.from({ length: 60 }, (_, i) => `a_{${i}} x^{${i}}`).join(' + ')}\n$$`
// 17 quote levels: deeper than the markdown guard's MAX_NESTING (16), so shown as typed.
const NESTED = lines(40, (i) => `${'> '.repeat(17)}nested line ${i}`)
const SERIES = Array.from({ length: 12 }, (_, s) => ({ name: `Series ${s + 1}`, values: [10 + s, 20 + s, 30 + s] }))
const ARTICLE = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a long note.`).join('\n\n')
const ARGS = { to: 'team@example.com', subject: 'Q2 report', body: lines(40, (i) => `Row ${i}: figures for the quarter`) }

const ANSWER = ['## Everything that scrolls', '', FORMULA, '', NESTED, '', 'That is all.'].join('\n')

export async function* overflowAnswer(ctx) {
  const id = `${ctx.runId}-python`
  yield { type: 'tool_start', id, name: 'run_python', title: 'Run a program', input: { code: CODE } }
  yield { type: 'tool_end', id, output: { stdout: STDOUT } }
  yield { type: 'text', text: ANSWER }
  yield { type: 'chart', id: `${ctx.runId}-chart`, chart: { chartType: 'bar', title: 'Wide figures', labels: ['Q1', 'Q2', 'Q3'], series: SERIES } }
  yield { type: 'artifact', id: `${ctx.runId}-note`, artifact: { kind: 'markdown', title: 'Long note', content: ARTICLE } }
  yield { type: 'text', text: '\n\nI need your approval before sending an email.' }
  yield {
    type: 'interrupt',
    value: {
      actionRequests: [{ name: 'send_email', args: ARGS, description: 'Send the Q2 report to the team' }],
      reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'reject'] }],
    },
  }
}

/** Past the frame's 100,000-character formatting limit: one long paragraph, then the plain rest. */
export async function* longAnswer() {
  yield { type: 'text', text: `${'A long answer. '.repeat(7000)}\n\n${lines(60, (i) => `rest line ${i}`)}` }
}
