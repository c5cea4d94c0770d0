// `pnpm test:hardening`: the full hardening suite (HARDENING_SCALE=full) — network faults,
// restarts, credentials, hostile pages, API fuzzing, hostile agent output, two tabs, load — then
// one report summed from what every test recorded (scripts/hardening-report.mjs). Exits non-zero
// when a test failed or any "lost" / "5xx" figure is above 0.
import { childEnv, install, pnpm, run } from './lib.mjs'
import { ensureChromium } from './chromium.mjs'
import { REPORT_FILE, printReport, resetReport } from './hardening-report.mjs'

const skipSetup = process.argv.includes('--no-setup')
resetReport()
const env = { HARDENING_SCALE: 'full', HARDENING_REPORT: REPORT_FILE }

let chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!skipSetup) {
  install()
  chromium = ensureChromium()
  pnpm(['run', 'build'])
}

const failures = []
const step = (name, cmd, args, extra = {}) => {
  const code =
    cmd === 'pnpm'
      ? pnpm(args, { allowFail: true, env: childEnv({ ...env, ...extra }) })
      : run(cmd, args, { allowFail: true, env: childEnv({ ...env, ...extra }) })
  if (code !== 0) failures.push(name)
}

step('hardening (node)', 'pnpm', ['exec', 'vitest', 'run', 'hardening'])
step('hardening (browser)', 'pnpm', ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts', 'hardening-', '--reporter=list'], {
  CHROMIUM_PATH: chromium,
})
step('load', process.execPath, ['bench/server.mjs', '--backends', 'sqlite', '--streams', '1000'])

const { records, bad } = printReport()
if (failures.length) console.error(`failed steps: ${failures.join(', ')}`)
if (!records) console.error('no hardening records were written')
const ok = !failures.length && !bad && records > 0
console.log(ok ? 'HARDENING PASSED' : 'HARDENING FAILED')
process.exit(ok ? 0 : 1)
