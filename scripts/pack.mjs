// `node scripts/pack.mjs [dest]`: installable tarballs of every publishable package (what `npm
// publish` would upload: `workspace:*` replaced by versions, `publishConfig` applied), written to
// dest (default .cache/pack) with a manifest.json `{ name: tarball path }`. Build first.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, childEnv, pnpmCommand } from './lib.mjs'
import { publishablePackages } from './workspace-packages.mjs'

export const PACK_DIR = path.join(ROOT, '.cache', 'pack')

/** Packs every publishable package into `dest` (emptied first); returns `{ name: absolute tarball path }`. */
export function packAll(dest = PACK_DIR) {
  rmSync(dest, { recursive: true, force: true })
  mkdirSync(dest, { recursive: true })
  const [cmd, ...pre] = pnpmCommand()
  const manifest = {}
  for (const { name, dir } of publishablePackages()) {
    const r = spawnSync(cmd, [...pre, 'pack', '--json', '--pack-destination', dest], { cwd: dir, encoding: 'utf8', env: childEnv() })
    if (r.status !== 0) throw new Error(`pnpm pack failed in ${dir}:\n${r.stderr || r.stdout}`)
    manifest[name] = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).filename
  }
  writeFileSync(path.join(dest, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = packAll(process.argv[2] ? path.resolve(process.argv[2]) : PACK_DIR)
  for (const [name, file] of Object.entries(manifest)) console.log(`${name}\t${file}`)
}
