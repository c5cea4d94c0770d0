import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll } from '../pack.mjs'
import { publishablePackages, workspacePackages } from '../workspace-packages.mjs'
import { checkAttw, checkPackContents, checkPublint } from './checks.mjs'

// Needs the packages built (`npm test` builds first). One pack of every publishable package.
const tmp = mkdtempSync(path.join(tmpdir(), 'chatkit-packaging-'))
let manifest: Record<string, string>
beforeAll(() => {
  manifest = packAll(path.join(tmp, 'pack'))
}, 120_000)
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

it('finds the publishable packages by `private`, not by a list', () => {
  const names = publishablePackages().map((p) => p.name)
  expect(names).toEqual(expect.arrayContaining(['@xpert-ai/chatkit-protocol', '@xpert-ai/chatkit-js', '@xpert-ai/chatkit-react', '@xpert-ai/chatkit-server']))
  expect(names).not.toContain('@xpert-ai/chatkit-frame')
  // The examples install the packed packages with npm: they are never workspace packages.
  expect(workspacePackages().filter((p) => p.dir.includes(`${path.sep}examples${path.sep}`))).toEqual([])
  expect(Object.keys(manifest).sort()).toEqual([...names].sort())
})

describe.each(publishablePackages().map((p) => p.name))('%s', (name) => {
  it('pack contents: README, LICENSE, no tests, every export present, source maps only self-contained', () => {
    expect(checkPackContents(manifest[name])).toEqual([])
  })
  it('publint is clean', async () => {
    expect(await checkPublint(manifest[name])).toEqual([])
  })
  it('attw is clean', { timeout: 60_000 }, () => {
    expect(checkAttw(manifest[name])).toEqual([])
  })
})

it('each check fails on a package whose `exports` points at a file that is not shipped', { timeout: 60_000 }, async () => {
  // A temp copy of the packed protocol package with one broken entry; the real package is untouched.
  const copy = path.join(tmp, 'broken')
  const unpacked = spawnSync('tar', ['-xzf', manifest['@xpert-ai/chatkit-protocol'], '-C', tmp], { encoding: 'utf8' })
  expect(unpacked.status).toBe(0)
  cpSync(path.join(tmp, 'package'), copy, { recursive: true })
  const pkgFile = path.join(copy, 'package.json')
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
  pkg.exports['.'] = { types: './dist/missing.d.ts', default: './dist/missing.js' }
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2))
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: copy, encoding: 'utf8' })
  expect(packed.status, packed.stderr).toBe(0)
  const tgz = path.join(tmp, JSON.parse(packed.stdout)[0].filename)

  expect(checkPackContents(tgz)).toEqual([
    'exports["."]["types"] points at ./dist/missing.d.ts, which is not in the tarball',
    'exports["."]["default"] points at ./dist/missing.js, which is not in the tarball',
  ])
  expect((await checkPublint(tgz)).join('\n')).toMatch(/missing\.js.*does not exist/i)
  expect(checkAttw(tgz).join('\n')).toMatch(/Resolution failed|failed to resolve/i)
})
