/**
 * axe-core injected into the real frame (through the DevTools protocol, which the frame's CSP does
 * not block), run with ALL its rules: WCAG 2.0/2.1/2.2 A and AA and best-practice (landmarks,
 * regions, heading order, unique ids, scrollable regions focusable, …). Selecting by tag runs axe's
 * whole default set plus `target-size` (WCAG 2.2 AA, off by default) and its deprecated rules.
 * Only `experimental` rules (heuristics such as hidden-content, a review list of every hidden node,
 * and p-as-heading) and AAA are left out. Returns readable violations.
 */
import { readFileSync } from 'node:fs'
import type { Frame } from '@playwright/test'

const axeSource = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8')

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']

type AxeResult = { id: string; help: string; nodes: { target: string[]; failureSummary: string }[] }

async function runAxe(frame: Frame): Promise<{ violations: AxeResult[]; passes: AxeResult[]; inapplicable: AxeResult[]; incomplete: AxeResult[] }> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource)
  return frame.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS)
}

export async function axeViolations(frame: Frame): Promise<string[]> {
  const { violations } = await runAxe(frame)
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`))
}

/** The ids of every rule axe ran (whatever its outcome): proof that the helper runs all rules. */
export async function axeRulesRun(frame: Frame): Promise<string[]> {
  const r = await runAxe(frame)
  return [...r.violations, ...r.passes, ...r.inapplicable, ...r.incomplete].map((x) => x.id)
}
