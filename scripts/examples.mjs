// `pnpm test:examples [name…]`: every example under examples/ (or the named ones) installed the way
// a user installs it — from the packed tarballs (scripts/pack.mjs), with npm, outside the
// workspace — then type-checked (strict, skipLibCheck: false), built and run by its scenario in
// scripts/examples/<name>.mjs. Needs `pnpm run build` first, the npm registry and Chromium.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from './lib.mjs'
import { PACK_DIR, packAll } from './pack.mjs'
import { setupExample } from './examples/setup.mjs'

const all = readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
const wanted = process.argv.slice(2)
for (const name of wanted) if (!all.includes(name)) throw new Error(`no example "${name}" (have: ${all.join(', ')})`)
const names = wanted.length ? wanted : all

const started = Date.now()
const manifest = packAll(PACK_DIR)
console.log(`packed ${Object.keys(manifest).length} packages into ${PACK_DIR}`)
const results = []
for (const name of names) {
  const t0 = Date.now()
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'chatkit-example-')), name)
  console.log(`\n▶ ${name} (${dir})`)
  try {
    setupExample(name, dir, manifest)
    const scenario = await import(`./examples/${name}.mjs`)
    await scenario.run(dir)
    results.push({ name, ok: true, s: (Date.now() - t0) / 1000 })
    rmSync(path.dirname(dir), { recursive: true, force: true })
  } catch (e) {
    console.error(`✗ ${name}: ${e instanceof Error ? (e.stack ?? e.message) : e}`)
    console.error(`  (left in ${dir} for a look)`)
    results.push({ name, ok: false, s: (Date.now() - t0) / 1000 })
  }
}
console.log('\nExamples:')
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.s.toFixed(0)} s)`)
const failed = results.filter((r) => !r.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exit(failed ? 1 : 0)
