import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { apiSurface } from '../../../scripts/api-surface.js'

// Update after a deliberate change with `pnpm exec vitest run packages/protocol/src/api-surface.test.ts -u`, and review the diff.
it('the exports of @xpert-ai/chatkit-protocol match the committed API surface', { timeout: 60_000 }, async () => {
  const entry = fileURLToPath(new URL('./index.ts', import.meta.url))
  await expect(apiSurface(entry, await import('@xpert-ai/chatkit-protocol'))).toMatchFileSnapshot('../api-surface/index.api.txt')
})
