// `npm test`: the whole suite on a fresh machine. Installs what it needs (pnpm packages, Debian
// Chromium, PostgreSQL, Redis, HAProxy), builds, then typecheck → lint (Biome) → unit/integration tests (these
// include the packaging checks on the packed tarballs: scripts/packaging, scripts/release) → size
// check → knip (`pnpm knip`: any unused file, export or dependency, unlisted dependency, unresolved
// import or configuration hint fails) → end-to-end tests in real Chromium, plus the dependency audit
// (high/critical advisories in production packages fail; offline it checks pnpm-lock.yaml against
// scripts/audit-snapshot.json), and prints one summary line. The examples run apart:
// `pnpm test:examples` (.ci/run runs them).
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { ROOT, childEnv, install, pnpm } from './lib.mjs'
import { ensureChromium } from './chromium.mjs'
import { ensureServices } from './services.mjs'
import { REPORT_FILE, printReport, resetReport } from './hardening-report.mjs'

const REPORTS = path.join(ROOT, '.cache', 'reports')
rmSync(REPORTS, { recursive: true, force: true })
mkdirSync(REPORTS, { recursive: true })

// The hardening tests (quick scale here; `pnpm test:hardening` runs the full one) write a ledger.
resetReport()
process.env.HARDENING_REPORT = REPORT_FILE

install()
const chromium = ensureChromium()
// The contract suites and the route suites on PostgreSQL + Redis start throwaway instances of these.
ensureServices(['postgresql', 'redis', 'haproxy'])
pnpm(['run', 'build'])
pnpm(['exec', 'tsc', '-b'])

const failures = []
const step = (name, args, env) => {
  const code = pnpm(args, { allowFail: true, env: env ? childEnv(env) : undefined })
  if (code !== 0) failures.push(name)
}

// Biome's lint over the whole repo, warnings included (biome.json; a finding fails the step).
step('lint', ['run', 'lint'])
step('unit', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/vitest.json`])
step('size', ['run', 'size'])
step('knip', ['run', 'knip'])
step('audit', ['run', 'test:audit'])
step('e2e', ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(REPORTS, 'playwright.json'),
})

/** Counts from the runners' JSON reports (neither prints a plain "N passed, N failed" line). */
function counts() {
  let passed = 0
  let failed = 0
  try {
    const v = JSON.parse(readFileSync(path.join(REPORTS, 'vitest.json'), 'utf8'))
    passed += v.numPassedTests
    failed += v.numFailedTests
  } catch {
    failed += 1
  }
  try {
    const p = JSON.parse(readFileSync(path.join(REPORTS, 'playwright.json'), 'utf8'))
    passed += p.stats.expected + p.stats.flaky
    failed += p.stats.unexpected
  } catch {
    failed += 1
  }
  return { passed, failed }
}

const { passed, failed } = counts()
const hardening = printReport('Hardening (quick scale; full: pnpm test:hardening)')
if (hardening.bad) failures.push('hardening figures (5xx / lost / duplicated / crashes above 0)')
if (failures.length) console.error(`\nFailed steps: ${failures.join(', ')}`)
console.log(`\n${passed} passed, ${failed + failures.filter((f) => ['lint', 'size', 'knip', 'audit'].includes(f)).length} failed`)
process.exit(failures.length ? 1 : 0)
