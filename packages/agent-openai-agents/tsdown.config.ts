import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  sourcemap: true,
  fixedExtension: false,
  // The framework and the server are the user's own installs (peer dependencies), never bundled.
  deps: { neverBundle: [/^@openai\//, '@xpert-ai/chatkit-server'] },
})
