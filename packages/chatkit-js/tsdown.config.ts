import { defineConfig } from 'tsdown'

// One browser file with penpal and the protocol inlined: the page pays for exactly this (≤ 6 KB gzip).
// The protocol is read from its sources (like tsc and vitest do), so no build order between the two.
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  dts: true,
  deps: { alwaysBundle: ['penpal', '@xpert-ai/chatkit-protocol'] },
  inputOptions: { resolve: { conditionNames: ['@xpert-ai/source', 'browser', 'import', 'default'] } },
})
