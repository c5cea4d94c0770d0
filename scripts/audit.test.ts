import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { findings, inRange, productionPackages } from './audit-lock.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const lock = readFileSync(join(ROOT, 'pnpm-lock.yaml'), 'utf8')
const tmp = mkdtempSync(join(tmpdir(), 'chatkit-audit-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const audit = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'audit.mjs'), '--offline', ...args], { encoding: 'utf8' })

describe('dependency audit (scripts/audit.mjs)', () => {
  it('reads the production packages of pnpm-lock.yaml, through workspace links, without dev tools', () => {
    const names = productionPackages(lock).map((p) => `${p.name}@${p.version}`)
    expect(names).toContain('better-sqlite3@12.9.0')
    expect(names.some((n) => n.startsWith('tar-fs@'))).toBe(true) // better-sqlite3 → prebuild-install → tar-fs
    expect(names.some((n) => n.startsWith('preact@'))).toBe(true) // apps/frame
    expect(names.some((n) => /^(vitest|vite|typescript|@playwright\/test)@/.test(n))).toBe(false)
  })

  it('matches advisory ranges', () => {
    const range = '<1.16.6 || >=2.0.0 <2.1.4 || >=3.0.0 <3.1.1'
    expect(['1.16.5', '2.0.0', '2.1.3', '3.1.0'].map((v) => inRange(v, range))).toEqual([true, true, true, true])
    expect(['1.16.6', '2.1.4', '2.1.6', '3.1.1', '4.0.0'].map((v) => inRange(v, range))).toEqual([false, false, false, false, false])
    expect(inRange('1.0.0-beta.1', '<1.0.0')).toBe(true)
    expect(
      findings([{ name: 'tar-fs', version: '2.1.3' }], [{ package: 'tar-fs', severity: 'high', id: 'X', title: 't', url: 'u', vulnerable_versions: range }]),
    ).toHaveLength(1)
  })

  it('offline: passes on the committed snapshot and fails, naming it, on a high advisory that hits the lockfile', () => {
    const ok = audit()
    expect(ok.status, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(
      /^audit: advisory endpoint not used \(--offline given\); checked \d+ production packages of pnpm-lock\.yaml against the committed snapshot/,
    )
    expect(ok.stdout).toMatch(/audit: 0 high\/critical/)

    const tarFs = productionPackages(lock).find((p) => p.name === 'tar-fs')!
    const snap = JSON.parse(readFileSync(join(ROOT, 'scripts', 'audit-snapshot.json'), 'utf8'))
    const bad = join(tmp, 'snapshot.json')
    const hit = (severity: string) => ({
      package: 'tar-fs',
      severity,
      id: 'GHSA-test',
      title: 'a test advisory',
      url: 'https://example.invalid',
      vulnerable_versions: `<=${tarFs.version}`,
    })
    writeFileSync(bad, JSON.stringify({ ...snap, advisories: [hit('high')] }))
    const failed = audit('--snapshot', bad)
    expect(failed.status).toBe(1)
    expect(failed.stdout).toContain(`audit: high     tar-fs@${tarFs.version} GHSA-test a test advisory`)
    expect(failed.stdout).toMatch(/audit: 1 high\/critical, 0 lower/)
    // A moderate one is printed but does not fail.
    writeFileSync(bad, JSON.stringify({ ...snap, advisories: [hit('moderate')] }))
    expect(audit('--snapshot', bad).status).toBe(0)
  })
})
