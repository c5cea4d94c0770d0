// @vitest-environment happy-dom
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { apiSurface } from '../../../scripts/api-surface.js'

const entry = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// Update after a deliberate change with `pnpm exec vitest run packages/chatkit-js/src/api-surface.test.ts -u`, and review the diff.
it('the exports of @xpert-ai/chatkit-js match the committed API surface', { timeout: 60_000 }, async () => {
  await expect(apiSurface(entry('./index.ts'), await import('@xpert-ai/chatkit-js'))).toMatchFileSnapshot('../api-surface/index.api.txt')
})

it('the exports of @xpert-ai/chatkit-js/launcher match the committed API surface', { timeout: 60_000 }, async () => {
  await expect(apiSurface(entry('./launcher.ts'), await import('@xpert-ai/chatkit-js/launcher'))).toMatchFileSnapshot('../api-surface/launcher.api.txt')
})
