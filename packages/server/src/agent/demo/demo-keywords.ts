/** The words a user types to make the demo agent show each feature (case-insensitive, combinable). */
const DEMO_KEYWORDS = {
  reason: /\breason/i,
  tool: /\btools?\b/i,
  report: /\breport\b/i,
  long: /\blong\b/i,
  math: /\bmath\b/i,
  search: /\bsearch\b/i,
  widget: /\bwidgets?\b/i,
  client: /\bclient\b/i,
  approve: /\bapprove\b/i,
  confirm: /\bconfirm\b/i,
  effect: /\beffects?\b/i,
  usage: /\busage\b/i,
  agents: /\bagents\b/i,
  fail: /\bfail\b/i,
} as const

export type DemoKeyword = keyof typeof DEMO_KEYWORDS

export function demoKeywords(text: string): Set<DemoKeyword> {
  return new Set((Object.keys(DEMO_KEYWORDS) as DemoKeyword[]).filter((k) => DEMO_KEYWORDS[k].test(text)))
}

/** One line per keyword, listed in every demo answer so the user can discover them. */
export const KEYWORD_HELP: Record<DemoKeyword, string> = {
  reason: 'visible reasoning first',
  tool: 'a tool step',
  report: 'a tool step whose files (a CSV and a chart) show under it',
  long: 'a long answer (room to press Stop)',
  math: 'a table, a task list, math and code',
  search: 'a web search step with results',
  widget: 'a widget with a form and buttons',
  client: 'a client tool call the host page answers',
  approve: 'an approval (human in the loop)',
  confirm: 'a tool call to confirm',
  effect: 'a client effect sent to the host page',
  usage: 'a context usage report',
  agents: 'two agents taking turns',
  fail: 'an answer that fails half way',
}
