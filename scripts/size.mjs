// Size check: what every page of every customer pays. Prints the numbers, fails over budget.
//   host SDK   packages/chatkit-js/dist/index.js (minified, penpal + protocol bundled)   ≤ 6 KB gzip
//   classic  packages/chatkit-js/dist/chatkit.iife.js (the same SDK, global ChatKit)       ≤ 6 KB gzip
//   launcher   packages/chatkit-js/dist/launcher.js (imports the host SDK)                ≤ 1.5 KB gzip on top
//   React      packages/chatkit-react/dist/index.js (chatkit-js and react external)      ≤ 1.5 KB gzip on top
//   frame      JS the frame's index.html loads up front (entry + modulepreloads)         ≤ 60 KB gzip
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { ROOT } from './lib.mjs'

const KB = 1024
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
const fmt = (n) => `${(n / KB).toFixed(2)} KB`

function frameFirstLoad() {
  const dist = path.join(ROOT, 'apps/frame/dist')
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
  const refs = new Set()
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) refs.add(m[1])
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) refs.add(m[1])
  if (!refs.size) throw new Error('apps/frame/dist/index.html loads no script')
  let total = 0
  for (const ref of refs) total += gz(path.join(dist, ref.replace(/^\/chatkit\//, '')))
  return { total, files: refs.size }
}

function bundle(rel, forbidden) {
  const file = path.join(ROOT, rel)
  if (!existsSync(file)) throw new Error(`${rel} is missing: run the build first`)
  const src = readFileSync(file, 'utf8')
  for (const spec of forbidden) {
    if (new RegExp(`from\\s*["']${spec}["']|import\\(["']${spec}["']\\)`).test(src)) {
      throw new Error(`${rel} imports "${spec}" instead of bundling it`)
    }
  }
  return gz(file)
}

const rows = [
  ['host SDK (@xpert-ai/chatkit-js, penpal included)', bundle('packages/chatkit-js/dist/index.js', ['penpal', '@xpert-ai/chatkit-protocol']), 6 * KB],
  // The same SDK as a classic script, served at /chatkit/sdk/<version>/chatkit.iife.js.
  ['host SDK, classic script (chatkit.iife.js)', bundle('packages/chatkit-js/dist/chatkit.iife.js', ['penpal', '@xpert-ai/chatkit-protocol']), 6 * KB],
  // Loaded only by pages that use it, on top of the host SDK (it imports ./index.js).
  ['launcher (@xpert-ai/chatkit-js/launcher, on top)', bundle('packages/chatkit-js/dist/launcher.js', ['penpal', '@xpert-ai/chatkit-protocol']), 1.5 * KB],
  ['React wrapper (@xpert-ai/chatkit-react, on top)', bundle('packages/chatkit-react/dist/index.js', ['@xpert-ai/chatkit-protocol']), 1.5 * KB],
]
const frame = frameFirstLoad()
rows.push([`frame first-load JS (${frame.files} file${frame.files > 1 ? 's' : ''})`, frame.total, 60 * KB])

let over = 0
console.log('\nsize check (minified, gzip -9)')
for (const [name, size, budget] of rows) {
  const ok = size <= budget
  if (!ok) over++
  console.log(`  ${ok ? '✓' : '✗'} ${name.padEnd(52)} ${fmt(size).padStart(9)}  budget ${fmt(budget)}`)
}
if (over) {
  console.error(`\n${over} bundle(s) over budget`)
  process.exit(1)
}
