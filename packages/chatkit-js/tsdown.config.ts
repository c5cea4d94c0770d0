import { defineConfig } from 'tsdown'
import { classicHostFetch } from './build/classic-host-fetch.js'
import { classicScript } from './build/classic-script.js'
import { trimPenpal } from './build/trim-penpal.js'

const common = {
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  dts: true,
  plugins: [trimPenpal()],
  inputOptions: { resolve: { conditionNames: ['@xpert-ai/source', 'browser', 'import', 'default'] } },
} as const

export default defineConfig([
  // One browser file with penpal and the protocol inlined: the page pays for exactly this (≤ 6 KB gzip).
  // The protocol is read from its sources (like tsc and vitest do), so no build order between the two.
  // `api.fetch`'s host half is a separate file (`host-fetch.js`, stable name: the classic script
  // loads it from next to itself), imported only when the frame first asks for it.
  {
    ...common,
    entry: ['src/index.ts'],
    deps: { alwaysBundle: ['penpal', '@xpert-ai/chatkit-protocol'] },
    inputOptions: { ...common.inputOptions, external: [/^\.\/pet\.js$/] },
    outputOptions: { chunkFileNames: '[name].js' },
  },
  // The same SDK as a classic script (global `ChatKit`), for pages that embed with one <script src>
  // served by the ChatKit server (`/chatkit/sdk/<version>/chatkit.iife.js`).
  {
    ...common,
    entry: { chatkit: 'src/index.ts' },
    format: 'iife',
    globalName: 'ChatKit',
    dts: false,
    clean: false,
    deps: { alwaysBundle: ['penpal', '@xpert-ai/chatkit-protocol'] },
    plugins: [...common.plugins, classicScript(), classicHostFetch()],
    // No Symbol.toStringTag 'Module' on the global: a tag nobody reads, bytes every page pays.
    outputOptions: { entryFileNames: '[name].iife.js', generatedCode: { symbols: false } },
  },
  // The launcher imports the main file (`./index.js`, kept external) and adds only its own bytes;
  // pages that embed inline never load it.
  {
    ...common,
    // The pet (`displayMode: 'pet'`) is fetched by the element itself (`import('./pet.js')`), only
    // by pages that use one; it shares floating.js with the launcher (and does not load ./index.js).
    entry: ['src/launcher.ts', 'src/pet.ts', 'src/floating.ts'],
    clean: false,
    deps: { alwaysBundle: ['@xpert-ai/chatkit-protocol'] },
    inputOptions: { ...common.inputOptions, external: [/^\.\/index\.js$/] },
  },
])
