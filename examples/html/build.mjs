// No bundler: the host SDK's dist/index.js is one self-contained ES module (penpal inlined). Copy it
// next to the page, with its types so the page script can be type-checked.
import { copyFileSync } from 'node:fs'

const dist = new URL('./node_modules/@xpert-ai/chatkit-js/dist/', import.meta.url)
copyFileSync(new URL('index.js', dist), new URL('./public/chatkit.js', import.meta.url))
copyFileSync(new URL('index.d.ts', dist), new URL('./public/chatkit.d.ts', import.meta.url))
console.log('public/chatkit.js ← @xpert-ai/chatkit-js/dist/index.js')
