import { defineConfig } from 'vitest/config'

// Unit and integration tests import packages by name and get their sources through the
// `@xpert-ai/source` export condition, so they test what users import without a build first.
export default defineConfig({
  resolve: { conditions: ['@xpert-ai/source'] },
  ssr: { resolve: { conditions: ['@xpert-ai/source'] } },
  test: {
    include: ['packages/*/{src,test}/**/*.test.{ts,tsx}', 'apps/*/{src,test}/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
