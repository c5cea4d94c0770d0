/**
 * axe-core injected into the real frame (through the DevTools protocol, which the frame's CSP does
 * not block), run against the WCAG 2.0/2.1/2.2 A and AA rules. Returns readable violations.
 */
import { readFileSync } from 'node:fs'
import type { Frame } from '@playwright/test'

const axeSource = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8')

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export async function axeViolations(frame: Frame): Promise<string[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource)
  const result = await frame.evaluate(
    (tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  )
  return (result.violations as { id: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[]).flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  )
}
