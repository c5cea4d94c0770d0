// A node_modules built from packed tarballs, offline: each tarball is unpacked under its name and
// its third-party dependencies are linked from the workspace's own install (the same versions the
// lockfile pins). What the examples get from a registry install, minus the network.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../lib.mjs'
import { publishablePackages } from '../workspace-packages.mjs'

/** Where a third-party package is installed in the workspace (root first, then each package). */
function workspaceInstall(name) {
  for (const dir of [ROOT, ...publishablePackages().map((p) => p.dir)]) {
    const at = path.join(dir, 'node_modules', name)
    if (existsSync(at)) return realpathSync(at)
  }
  throw new Error(`${name} is not installed anywhere in the workspace`)
}

/**
 * Unpacks `manifest` ({ name: tarball }) into `dir/node_modules` and links `extra` plus every
 * non-workspace dependency and peer dependency of the packed packages from the workspace.
 */
export function installPacked(dir, manifest, extra = []) {
  const modules = path.join(dir, 'node_modules')
  const link = (name, target) => {
    const at = path.join(modules, name)
    if (existsSync(at)) return
    mkdirSync(path.dirname(at), { recursive: true })
    symlinkSync(target, at, 'dir')
  }
  const thirdParty = new Set(extra)
  for (const [name, tgz] of Object.entries(manifest)) {
    const to = path.join(modules, name)
    mkdirSync(to, { recursive: true })
    const r = spawnSync('tar', ['-xzf', tgz, '-C', to, '--strip-components=1'], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`cannot unpack ${tgz}: ${r.stderr}`)
    const pkg = publishablePackages().find((p) => p.name === name)?.pkg ?? {}
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) if (!manifest[dep]) thirdParty.add(dep)
  }
  for (const name of thirdParty) link(name, workspaceInstall(name))
  return modules
}
