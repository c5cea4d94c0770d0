// Finds a Chromium for Playwright, and says how to launch it. Playwright cannot download its own
// browsers on this network, so the suite uses the system one (Debian `chromium`), installing it
// with apt-get when we are root.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH
  return CANDIDATES.find((p) => existsSync(p)) ?? null
}

export function ensureChromium() {
  const found = findChromium()
  if (found) return found
  const isRoot = process.getuid?.() === 0
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0
  if (!isRoot || !hasApt) {
    console.error(
      'Chromium is required for the end-to-end tests and was not found.\n' +
        'Install it (Debian/Ubuntu: `sudo apt-get install -y --no-install-recommends chromium`)\n' +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary, then run `npm test` again.',
    )
    process.exit(1)
  }
  console.log('\n$ apt-get install chromium (for the end-to-end tests)')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env })
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (${r.status}); install chromium by hand or set CHROMIUM_PATH.`)
      process.exit(1)
    }
  }
  const installed = findChromium()
  if (!installed) {
    console.error('apt-get finished but no chromium binary was found; set CHROMIUM_PATH.')
    process.exit(1)
  }
  return installed
}

/** The Chromium the e2e tests and the benchmarks launch (CHROMIUM_PATH, else the first one found). */
export const chromiumPath = findChromium() ?? '/usr/bin/chromium'

const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'OmniboxAimPopup']

/**
 * The launch flags of the e2e tests and the benchmarks (headless, software rendering): one list,
 * so a spec and a benchmark measure the same browser. Features turned off: the omnibox popups —
 * Chromium 156 headless preloads the address bar's popup UI for each window, each in a renderer of
 * its own, and on this 2-core machine it used about half a core while a page streamed an answer
 * (found by `pnpm bench:render`; nothing here has an address bar) — plus `extraDisabled` (Chromium
 * honours only one --disable-features flag, so callers add theirs here).
 */
export function chromiumArgs(extraDisabled = []) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-features=${[...DISABLED_FEATURES, ...extraDisabled].join(',')}`,
  ]
}
