import { defineConfig } from 'tsdown'

// react and @xpert-ai/chatkit-js stay external: the wrapper adds ≤ 1.5 KB gzip on top of the host SDK.
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  dts: true,
  deps: { neverBundle: ['react', 'react-dom', '@xpert-ai/chatkit-js'] },
})
