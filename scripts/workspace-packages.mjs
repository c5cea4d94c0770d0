// The workspace's packages, read from pnpm-workspace.yaml: the publishable ones (no `private: true`)
// are what `scripts/pack.mjs` packs, the packaging checks lint and the release keeps on one version.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './lib.mjs'

/** The `packages:` globs of pnpm-workspace.yaml (`dir` or `dir/*`; that is all this repo uses). */
function workspaceGlobs() {
  const yaml = readFileSync(path.join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
  const block = /^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)
  if (!block) throw new Error('pnpm-workspace.yaml has no packages: list')
  return block[1]
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*-\s*/, '')
        .replace(/^['"]|['"]$/g, '')
        .trim(),
    )
    .filter(Boolean)
}

/** Every workspace package: `{ name, version, dir, pkg }`. */
export function workspacePackages() {
  const dirs = []
  for (const glob of workspaceGlobs()) {
    if (glob.startsWith('!')) continue
    if (glob.endsWith('/*')) {
      const parent = path.join(ROOT, glob.slice(0, -2))
      if (existsSync(parent)) for (const d of readdirSync(parent).sort()) dirs.push(path.join(parent, d))
    } else if (!glob.includes('*')) dirs.push(path.join(ROOT, glob))
    else throw new Error(`unsupported workspace glob ${glob}`)
  }
  return dirs
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
      return { name: pkg.name, version: pkg.version, dir, pkg }
    })
}

/** The packages that get published: every workspace package without `private: true`. */
export function publishablePackages() {
  return workspacePackages().filter((p) => p.pkg.private !== true)
}
