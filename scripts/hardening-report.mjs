// The hardening suite's shared ledger. Every hardening test (vitest or Playwright) calls
// `record()` with what it did and what it saw; `pnpm test:hardening` (scripts/hardening.mjs)
// sums the records and prints the report. `scale()` picks the quick counts `npm test` runs or the
// full ones `pnpm test:hardening` runs (HARDENING_SCALE=full).
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
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

/** Empties the ledger (at the start of a suite run). */
export function resetReport() {
  rmSync(REPORT_FILE, { force: true })
}

/**
 * Prints the summed report of everything recorded since `resetReport()`; returns the totals, the
 * number of records and `bad` (the sum of figures that must stay 0: fiveXX, lost, duplicated, crashes).
 */
export function printReport(title = 'Hardening report') {
  const records = existsSync(REPORT_FILE)
    ? readFileSync(REPORT_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : []
  const totals = Object.fromEntries(FIGURES.map((f) => [f, 0]))
  const bySuite = new Map()
  for (const r of records) {
    const s = bySuite.get(r.suite) ?? { figures: {}, notes: [] }
    for (const [k, v] of Object.entries(r.figures)) {
      totals[k] += v
      s.figures[k] = (s.figures[k] ?? 0) + v
    }
    if (r.notes) s.notes.push(r.notes)
    bySuite.set(r.suite, s)
  }
  const line = '─'.repeat(72)
  const out = [`${line}`, `${title} (${records.length} records, ${path.relative(ROOT, REPORT_FILE)})`, line]
  for (const [suite, s] of bySuite) {
    out.push(
      `${suite.padEnd(24)} ${Object.entries(s.figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    )
    for (const n of s.notes) out.push(`${''.padEnd(24)} · ${n}`)
  }
  out.push(line)
  const rows = [
    ['cuts survived', totals.cuts],
    ['restarts survived', totals.restarts],
    ['messages fuzzed', totals.messagesFuzzed],
    ['requests fuzzed', totals.requestsFuzzed],
    ['5xx seen', totals.fiveXX],
    ['data lost', totals.lost],
    ['duplicated', totals.duplicated],
    ['crashes', totals.crashes],
  ]
  for (const [k, v] of rows) out.push(`${k.padEnd(20)} ${v}`)
  out.push(line)
  console.log('\n' + out.join('\n'))
  return { totals, records: records.length, bad: totals.fiveXX + totals.lost + totals.duplicated + totals.crashes }
}
