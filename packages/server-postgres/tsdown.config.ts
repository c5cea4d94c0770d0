import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  sourcemap: true,
  fixedExtension: false,
  // The client library and the server package are the user's own installs, never bundled.
  deps: { neverBundle: ['postgres', '@xpert-ai/chatkit-server', '@xpert-ai/chatkit-protocol'] },
})
