/**
 * Issue 14's install cost: each framework adapter (and the MCP tools package) is its own small
 * package with its framework as a peer dependency; installing one pulls in no other framework
 * and no other adapter; the server package depends on no framework at all. Needs the packages
 * built (`npm test` builds first).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { workspacePackages } from '../workspace-packages.mjs'

/** Each adapter package and the framework libraries it adapts (its peers, besides the server). */
const ADAPTERS: Record<string, string[]> = {
  '@xpert-ai/chatkit-agent-ai-sdk': ['ai'],
  '@xpert-ai/chatkit-agent-langgraph': ['@langchain/core', '@langchain/langgraph'],
  '@xpert-ai/chatkit-agent-ag-ui': ['@ag-ui/client'],
  '@xpert-ai/chatkit-agent-openai-agents': ['@openai/agents'],
  '@xpert-ai/chatkit-mcp': ['@modelcontextprotocol/sdk'],
}
const FRAMEWORKS = [...new Set(Object.values(ADAPTERS).flat())]
/** An adapter's own built code, gzipped: a translation layer, not a framework. */
const OWN_CODE_GZIP_BUDGET = 6 * 1024

const byName = new Map(workspacePackages().map((p) => [p.name, p]))
const pkgOf = (name: string) => {
  const p = byName.get(name)
  if (!p) throw new Error(`workspace package ${name} not found`)
  return p
}
const imports = (code: string) => [...code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2])
const root = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])

describe.each(Object.keys(ADAPTERS))('%s', (name) => {
  const { pkg, dir } = pkgOf(name)
  const code = readFileSync(path.join(dir, 'dist/index.js'), 'utf8')

  it('has its framework and the server as peers, and no dependency but the contract package', () => {
    // The wire contract (no dependencies of its own, already installed with the server) is the one allowed.
    expect(Object.keys(pkg.dependencies ?? {}).filter((d) => d !== '@xpert-ai/chatkit-protocol')).toEqual([])
    expect(Object.keys(pkg.peerDependencies ?? {}).sort()).toEqual([...ADAPTERS[name], '@xpert-ai/chatkit-server'].sort())
  })

  it('imports its framework, and no other framework and no other adapter', () => {
    expect(imports(code).map(root)).toEqual(expect.arrayContaining(ADAPTERS[name]))
    const others = new Set([...FRAMEWORKS.filter((f) => !ADAPTERS[name].includes(f)), ...Object.keys(ADAPTERS).filter((n) => n !== name)])
    expect(
      imports(code)
        .map(root)
        .filter((r) => others.has(r)),
    ).toEqual([])
  })

  it(`its own code is small (≤ ${OWN_CODE_GZIP_BUDGET / 1024} KB gzip)`, () => {
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(OWN_CODE_GZIP_BUDGET)
  })
})

describe('@xpert-ai/chatkit-server', () => {
  it('depends on no agent framework and imports none', () => {
    const { pkg, dir } = pkgOf('@xpert-ai/chatkit-server')
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })
    expect(declared.filter((d) => FRAMEWORKS.includes(d) || d in ADAPTERS)).toEqual([])
    const code = readFileSync(path.join(dir, 'dist/index.js'), 'utf8')
    expect(
      imports(code)
        .map(root)
        .filter((r) => FRAMEWORKS.includes(r) || r in ADAPTERS),
    ).toEqual([])
  })
})
