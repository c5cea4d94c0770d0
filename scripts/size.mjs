// Size check: what every page of every customer pays. Prints the numbers, fails over budget.
//   host SDK   packages/chatkit-js/dist/index.js (minified, penpal + protocol bundled)   ≤ 6 KB gzip
//   classic  packages/chatkit-js/dist/chatkit.iife.js (the same SDK, global ChatKit)       ≤ 6 KB gzip
//   launcher   packages/chatkit-js/dist/launcher.js + floating.js (imports the host SDK)  ≤ 1.5 KB gzip on top
//   pet        packages/chatkit-js/dist/pet.js + floating.js (fetched by the element only
//              for displayMode 'pet' / `pet`)                                              ≤ 6 KB gzip on top
//   React      packages/chatkit-react/dist/index.js (chatkit-js and react external)      ≤ 1.5 KB gzip on top
//   frame      entry script + CSS that the frame's index.html loads                       ≤ 45 KB gzip
//   frame      everything the frame fetches before the first send: loaded in Chromium from the
//              built server (index.html, entry, CSS, chunks loaded at boot or in idle time),
//              bytes on the wire as the server serves them (Brotli)                       ≤ 60 KB
// Build first (`pnpm build`); the last row needs Chromium (scripts/chromium.mjs).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { frameOf, serveHost } from '../bench/frame-page.mjs'
import { chromiumArgs, chromiumPath } from './chromium.mjs'
import { ROOT } from './lib.mjs'
import { freePort, startBuiltServer } from './local-server.mjs'

const KB = 1024
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
const fmt = (n) => `${(n / KB).toFixed(2)} KB`
const dist = path.join(ROOT, 'apps/frame/dist')

/** The entry script, its modulepreloads and the stylesheets of the frame's index.html, gzip -9. */
function frameEntry() {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
  const refs = new Set()
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) refs.add(m[1])
  for (const m of html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+\.(?:js|css))"/g)) refs.add(m[1])
  if (!refs.size) throw new Error('apps/frame/dist/index.html loads no script')
  let total = 0
  for (const ref of refs) total += gz(path.join(dist, ref.replace(/^\/chatkit\//, '')))
  return { total, files: refs.size }
}

/**
 * What the frame fetches before the user sends anything, as Chromium receives it: the built
 * server (compressing as it serves), a host page inserting the chat, until the frame is ready, has
 * warmed up in idle time and the network is quiet. Bytes are response bodies on the wire.
 */
async function frameBeforeFirstSend() {
  const key = 'size-check-api-key-0123456789abcdef'
  const hostPort = await freePort()
  const hostOrigin = `http://127.0.0.1:${hostPort}`
  const server = await startBuiltServer({ apiKey: key, tmpPrefix: 'ck-size-', args: ['--allowed-origins', hostOrigin] })
  let host, browser
  try {
    host = await serveHost({ port: hostPort, api: server.origin, apiKey: key })
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() })
    // The server compresses the build once after it starts: a first load waits for that, not measured.
    const files = new Map()
    for (const counted of [false, true]) {
      const context = await browser.newContext()
      if (counted) {
        context.on('requestfinished', async (req) => {
          if (!req.url().startsWith(server.origin + '/chatkit/')) return
          const sizes = await req.sizes().catch(() => null)
          const res = await req.response()
          files.set(new URL(req.url()).pathname, { bytes: sizes?.responseBodySize ?? 0, encoding: (await res?.headerValue('content-encoding')) ?? 'identity' })
        })
      }
      const page = await context.newPage()
      await page.goto(`${hostOrigin}/?xpert=demo`)
      await page.waitForFunction(() => window.__ready === true, null, { timeout: 30_000 })
      await frameOf(page, server.origin).waitForSelector('html[data-ck-warm]', { state: 'attached', timeout: 30_000 })
      await page.waitForLoadState('networkidle')
      await context.close()
    }
    return files
  } finally {
    await browser?.close()
    host?.close()
    server.stop()
  }
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
  [
    'launcher (@xpert-ai/chatkit-js/launcher + floating.js, on top)',
    bundle('packages/chatkit-js/dist/launcher.js', ['penpal', '@xpert-ai/chatkit-protocol']) + bundle('packages/chatkit-js/dist/floating.js', []),
    1.5 * KB,
  ],
  // Fetched by <xpertai-chatkit> only for a pet (import('./pet.js')), never by other pages.
  [
    'pet (dist/pet.js + floating.js, lazy, on top)',
    bundle('packages/chatkit-js/dist/pet.js', ['penpal', '@xpert-ai/chatkit-protocol', './index.js']) + bundle('packages/chatkit-js/dist/floating.js', []),
    6 * KB,
  ],
  ['React wrapper (@xpert-ai/chatkit-react, on top)', bundle('packages/chatkit-react/dist/index.js', ['@xpert-ai/chatkit-protocol']), 1.5 * KB],
]
const entry = frameEntry()
rows.push([`frame entry + CSS (${entry.files} files, gzip -9)`, entry.total, 45 * KB])
const fetched = await frameBeforeFirstSend()
let wire = 0
for (const { bytes } of fetched.values()) wire += bytes
const encodings = [...new Set([...fetched.values()].map((f) => f.encoding))].join(', ')
rows.push([`frame before the first send (${fetched.size} files, as served: ${encodings})`, wire, 60 * KB])

let over = 0
console.log('\nsize check (minified; gzip -9, or bytes on the wire as served)')
for (const [name, size, budget] of rows) {
  const ok = size <= budget
  if (!ok) over++
  console.log(`  ${ok ? '✓' : '✗'} ${name.padEnd(62)} ${fmt(size).padStart(9)}  budget ${fmt(budget)}`)
}
if (process.env.SIZE_FILES) for (const [p, f] of fetched) console.log(`      ${p.padEnd(52)} ${fmt(f.bytes).padStart(9)} ${f.encoding}`)
if (over) {
  console.error(`\n${over} bundle(s) over budget`)
  process.exit(1)
}
