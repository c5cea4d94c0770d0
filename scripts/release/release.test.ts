import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../lib.mjs'
import { publishablePackages } from '../workspace-packages.mjs'
import { matchesPattern, protocolMajorFor, readProtocolVersion, versionProblems } from './rules.mjs'

const packages = publishablePackages()
const config = JSON.parse(readFileSync(path.join(ROOT, '.changeset', 'config.json'), 'utf8'))

describe('release rules', () => {
  it('the rules read the PROTOCOL_VERSION the protocol package exports', async () => {
    const source = path.join(ROOT, 'packages', 'protocol', 'src', 'version.ts')
    expect(readProtocolVersion()).toBe(((await import(source)) as { PROTOCOL_VERSION: string }).PROTOCOL_VERSION)
  })

  it('every publishable package is on one version line that speaks the current protocol major', () => {
    expect(versionProblems(packages, readProtocolVersion())).toEqual([])
  })

  it('catches a package off the line and a protocol major that does not match the package major', () => {
    const line = [
      { name: 'a', version: '2.0.0' },
      { name: 'b', version: '2.0.0' },
    ]
    expect(versionProblems(line, '2.3.0')).toEqual([])
    expect(versionProblems(line, '1.4.0')).toEqual([
      'a@2.0.0 must speak protocol 2.x, but PROTOCOL_VERSION is 1.4.0',
      'b@2.0.0 must speak protocol 2.x, but PROTOCOL_VERSION is 1.4.0',
    ])
    expect(versionProblems([...line, { name: 'c', version: '2.1.0' }], '2.0.0')[0]).toMatch(/one version line expected/)
    expect(protocolMajorFor('0.4.2')).toBe(1)
    expect(() => protocolMajorFor('latest')).toThrow('not a semver version: latest')
  })

  it('Changesets keeps every publishable package, and nothing private, in one fixed group', () => {
    expect(config.fixed).toHaveLength(1)
    const [group] = config.fixed as string[][]
    for (const p of packages)
      expect(
        group.some((pattern) => matchesPattern(pattern, p.name)),
        p.name,
      ).toBe(true)
    expect(config.privatePackages).toEqual({ version: false, tag: false })
    expect(matchesPattern('@xpert-ai/*', '@xpert-ai/chatkit-agent-ai-sdk')).toBe(true)
    expect(matchesPattern('@xpert-ai/*', '@other/chatkit')).toBe(false)
  })

  it.each(packages.map((p) => [p.name, p] as const))('%s has a CHANGELOG.md that starts at its version and is shipped', (_, p) => {
    const file = path.join(p.dir, 'CHANGELOG.md')
    expect(existsSync(file)).toBe(true)
    expect(/^## (\S+)/m.exec(readFileSync(file, 'utf8'))?.[1]).toBe(p.version)
    expect(p.pkg.files).toContain('CHANGELOG.md')
  })
})
