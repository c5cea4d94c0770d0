import { defineConfig } from 'vitest/config'

// Unit and integration tests import packages by name and get their sources through the
// `@xpert-ai/source` export condition, so they test what users import without a build first.
export default defineConfig({
  resolve: { conditions: ['@xpert-ai/source'] },
  ssr: { resolve: { conditions: ['@xpert-ai/source'] } },
  test: {
    include: ['packages/*/{src,test}/**/*.test.{ts,tsx}', 'apps/*/{src,test}/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // CHATKIT_TEST_BACKEND=scale: every test server on PostgreSQL + Redis (see the file).
    setupFiles: ['apps/server/test/scale-setup.ts'],
    testTimeout: 20_000,
  },
})
