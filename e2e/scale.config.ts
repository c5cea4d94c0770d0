import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs'

/**
 * `pnpm test:scale`: the frame in Chromium against three replicas on PostgreSQL + Redis behind
 * HAProxy (e2e/support/replicas.ts starts them; no shared e2e server). Kept out of `npm test` for
 * its length; `.ci/run` runs it.
 */
export default defineConfig({
  testDir: './scale',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs() },
    trace: 'retain-on-failure',
  },
})
