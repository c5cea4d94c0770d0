import type { HITLRequest, WidgetRoot } from '@xpert-ai/chatkit-protocol'
import type { DemoKeyword } from './demo-keywords.js'

/** Fixed content the demo agent shows for its keywords. */

/** "search": what the web search found, citing its two results (`searchResults`) as [1] and [2]. */
export const SEARCH_SECTION = [
  '### What the search found',
  '',
  'ChatKit embeds a streaming chat in any page [1], and XpertAI hosts the agents behind it [2]. ' + 'Hover or focus a number to see its source.',
].join('\n')

export const MATH_SECTION = [
  '### Math, tables and tasks',
  '',
  "Euler's identity, inline: $e^{i\\pi}+1=0$. The Gaussian integral, as a block:",
  '',
  '$$',
  '\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}',
  '$$',
  '',
  '| Plan | Seats | Price |',
  '| --- | ---: | ---: |',
  '| Starter | 1 | $0 |',
  '| Team | 10 | $49 |',
  '',
  '- [x] Render markdown',
  '- [ ] Ship the release',
  '',
  '```ts',
  'const area = (r: number): number => Math.PI * r ** 2',
  '```',
].join('\n')

export function searchResults(query: string) {
  return {
    results: [
      { title: 'ChatKit documentation', url: 'https://github.com/xpert-ai/chatkit-js', snippet: `Embedding a chat: notes related to "${query}".` },
      { title: 'XpertAI', url: 'https://github.com/xpert-ai/xpert', snippet: 'An open agent platform with a hosted ChatKit API.' },
    ],
  }
}

/** Next questions the demo suggests: up to three features this answer did not show. */
const NEXT: [DemoKeyword, string][] = [
  ['search', 'Search the web for ChatKit'],
  ['widget', 'Show me a widget'],
  ['approve', 'Send an email I approve first'],
  ['math', 'Show me some math'],
  ['reason', 'Reason about it first'],
]

export function demoSuggestions(shown: ReadonlySet<DemoKeyword>): string[] {
  return NEXT.filter(([k]) => !shown.has(k))
    .slice(0, 3)
    .map(([, q]) => q)
}

/** A subscription card: the frame renders it and sends the buttons' actions back as runs with `input.action`. */
export const SUBSCRIBE_WIDGET: WidgetRoot = {
  type: 'Card',
  id: 'demo-subscribe',
  children: [
    { type: 'Title', value: 'Subscribe to updates' },
    { type: 'Text', value: 'Pick a plan and we will keep you posted.' },
    {
      type: 'Form',
      onSubmitAction: { type: 'demo.subscribe', payload: { source: 'widget' } },
      children: [
        { type: 'Input', name: 'email', inputType: 'email', placeholder: 'you@example.com', required: true },
        {
          type: 'Select',
          name: 'plan',
          defaultValue: 'team',
          options: [
            { value: 'starter', label: 'Starter' },
            { value: 'team', label: 'Team' },
            { value: 'enterprise', label: 'Enterprise' },
          ],
        },
        { type: 'Checkbox', name: 'agree', label: 'I agree to receive emails' },
        { type: 'Button', label: 'Subscribe', submit: true, style: 'primary', onClickAction: { type: 'demo.subscribe', payload: { source: 'widget' } } },
        { type: 'Button', label: 'Cancel', style: 'secondary', onClickAction: { type: 'demo.cancel' } },
      ],
    },
  ],
}

export const APPROVAL: HITLRequest = {
  actionRequests: [{ name: 'send_email', args: { to: 'team@example.com', subject: 'Q2 report' }, description: 'Send the Q2 report to the team' }],
  reviewConfigs: [{ actionName: 'send_email', allowedDecisions: ['approve', 'edit', 'reject', 'respond'] }],
}
