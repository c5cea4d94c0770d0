// `pnpm test:hardening`: the full hardening suite (HARDENING_SCALE=full) — network faults,
// restarts, credentials, hostile pages, API fuzzing, hostile agent output, two tabs, load — then
// one report summed from what every test recorded (scripts/hardening-report.mjs). Exits non-zero
// when a test failed or any "lost" / "5xx" figure is above 0.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { ROOT, childEnv, install, pnpm, run } from './lib.mjs'
import { ensureChromium } from './chromium.mjs'
import { FIGURES, REPORT_FILE } from './hardening-report.mjs'

const skipSetup = process.argv.includes('--no-setup')
rmSync(REPORT_FILE, { force: true })
const env = { HARDENING_SCALE: 'full', HARDENING_REPORT: REPORT_FILE }

let chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!skipSetup) {
  install()
  chromium = ensureChromium()
  pnpm(['run', 'build'])
}

const failures = []
const step = (name, cmd, args, extra = {}) => {
  const code = cmd === 'pnpm'
    ? pnpm(args, { allowFail: true, env: childEnv({ ...env, ...extra }) })
    : run(cmd, args, { allowFail: true, env: childEnv({ ...env, ...extra }) })
  if (code !== 0) failures.push(name)
}

step('hardening (node)', 'pnpm', ['exec', 'vitest', 'run', 'hardening'])
step('hardening (browser)', 'pnpm', ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', 'hardening-', '--reporter=list'], { CHROMIUM_PATH: chromium })
step('load', process.execPath, ['bench/server.mjs'], { BENCH_LEVELS: '1000' })

const records = existsSync(REPORT_FILE)
  ? readFileSync(REPORT_FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
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
console.log(`\n${line}\nHardening report (${records.length} records, ${path.relative(ROOT, REPORT_FILE)})\n${line}`)
for (const [suite, s] of bySuite) {
  const figs = Object.entries(s.figures).map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(`${suite.padEnd(28)} ${figs}`)
  for (const n of s.notes) console.log(`${''.padEnd(28)} · ${n}`)
}
console.log(line)
console.log(`cuts survived      ${totals.cuts}`)
console.log(`restarts survived  ${totals.restarts}`)
console.log(`messages fuzzed    ${totals.messagesFuzzed}`)
console.log(`requests fuzzed    ${totals.requestsFuzzed}`)
console.log(`5xx seen           ${totals.fiveXX}`)
console.log(`data lost          ${totals.lost}`)
console.log(`duplicated         ${totals.duplicated}`)
console.log(`crashes            ${totals.crashes}`)
console.log(line)
const bad = totals.fiveXX + totals.lost + totals.duplicated + totals.crashes
if (failures.length) console.error(`failed steps: ${failures.join(', ')}`)
if (!records.length) console.error('no hardening records were written')
const ok = !failures.length && !bad && records.length > 0
console.log(ok ? 'HARDENING PASSED' : 'HARDENING FAILED')
process.exit(ok ? 0 : 1)
