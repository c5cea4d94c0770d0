// The hardening suite's shared ledger. Every hardening test (vitest or Playwright) calls
// `record()` with what it did and what it saw; `pnpm test:hardening` (scripts/hardening.mjs)
// sums the records and prints the report. `scale()` picks the quick counts `npm test` runs or the
// full ones `pnpm test:hardening` runs (HARDENING_SCALE=full).
import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Where records go: one JSON object per line. */
export const REPORT_FILE = process.env.HARDENING_REPORT ?? path.join(ROOT, '.cache', 'hardening', 'report.jsonl')

/** The figures the report sums; a record carries any subset. */
export const FIGURES = ['cuts', 'restarts', 'messages', 'messagesFuzzed', 'requestsFuzzed', 'fiveXX', 'lost', 'duplicated', 'crashes']

export const isFull = () => process.env.HARDENING_SCALE === 'full'

/** `quick` under `npm test`, `full` under `pnpm test:hardening`. */
export const scale = (quick, full) => (isFull() ? full : quick)

/**
 * Adds one record: `suite` names the area (e.g. "network faults"), `figures` are counts from FIGURES,
 * `notes` free text for the report (seed, timings).
 */
export function record(suite, figures, notes = '') {
  for (const [k, v] of Object.entries(figures)) {
    if (!FIGURES.includes(k)) throw new Error(`hardening record: unknown figure "${k}" (known: ${FIGURES.join(', ')})`)
    if (!Number.isFinite(v) || v < 0) throw new Error(`hardening record: figure "${k}" must be a count, got ${v}`)
  }
  mkdirSync(path.dirname(REPORT_FILE), { recursive: true })
  appendFileSync(REPORT_FILE, JSON.stringify({ suite, figures, notes, at: new Date().toISOString() }) + '\n')
}
