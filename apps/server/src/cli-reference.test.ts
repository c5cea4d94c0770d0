import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { USAGE } from './config.js'

// docs/cli.md is the full CLI reference: a flag `--help` prints and the reference lacks (or one the
// reference names that no longer exists) fails here, so the two cannot drift.
it('docs/cli.md lists exactly the flags --help prints', () => {
  const flags = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]+/g)].map((m) => m[0]))
  const usage = flags(USAGE)
  const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8')
  const table = flags(
    doc
      .split('\n')
      .filter((l) => l.startsWith('| `--'))
      .join('\n'),
  )
  expect([...usage].filter((f) => !table.has(f)).sort()).toEqual([])
  expect([...table].filter((f) => !usage.has(f)).sort()).toEqual([])
})
