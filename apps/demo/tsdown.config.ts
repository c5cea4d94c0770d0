import { defineConfig } from 'tsdown'

// The demo site's server (`@xpert-ai/chatkit-demo/server`), loaded by apps/server on the demo port.
export default defineConfig({
  entry: ['server/index.ts'],
  outDir: 'dist-server',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  fixedExtension: false,
})
