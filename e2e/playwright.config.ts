import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs'
import { E2E } from './support/ports.js'

/**
 * End-to-end tests in real (Debian) Chromium against the real built server: the demo host site and
 * the frame are two origins, as in a real embed. Ports are not the dev defaults so a running
 * `npm start` does not collide.
 */
export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
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
  webServer: {
    command: 'node e2e/support/start-server.mjs',
    cwd: '..',
    url: `${E2E.api}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
