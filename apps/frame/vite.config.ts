import { defaultClientConditions, defineConfig } from 'vite'
import preact from '@preact/preset-vite'
// The host SDK's build-time trim of penpal, the edits that hold for the frame's side too (no v6
// compatibility, no debug-log strings, no error stacks across the bridge).
import { EITHER_SIDE, trimPenpal } from '../../packages/chatkit-js/build/trim-penpal.js'

// The frame is served at /chatkit/ under a strict CSP (`script-src 'self'`): one module script,
// hashed assets, nothing inline, nothing fetched from a third party.
export default defineConfig({
  base: '/chatkit/',
  plugins: [preact({ devToolsInProd: false, prefreshEnabled: false }), trimPenpal(EITHER_SIDE)],
  // Workspace packages compile from source, so the frame builds without building protocol first.
  resolve: { conditions: ['@xpert-ai/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    // terser over the default (oxc): the first load is ~0.4 KB smaller gzip and Brotli (entry
    // 41.8 → 41.5 KB gzip), every lazy chunk a little; only safe transforms (no `unsafe*`).
    // Costs build time (about 4× the minify step), not runtime.
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 2 } },
    // An inlined asset would become a `data:` URL: fine for img-src, but keep everything as files
    // so the CSP story stays one rule: 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
})
