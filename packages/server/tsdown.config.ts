import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  // Node-only: node:http, node:crypto, and the better-sqlite3 native addon (never bundled).
  platform: 'node',
  dts: true,
  sourcemap: true,
  // package.json points at dist/index.js (a "type":"module" package needs no .mjs).
  fixedExtension: false,
  deps: { neverBundle: ['better-sqlite3'] },
})
