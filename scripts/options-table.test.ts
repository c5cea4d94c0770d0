/**
 * Every option path, host method parameter and event of the protocol types has an entry in
 * `scripts/options-proofs.json` naming an existing test that proves its effect (or its refusal),
 * and `docs/options-table.md` is the table rendered from both. A path added to the types without a
 * proof fails here, so an accepted-but-ignored option cannot come back unnoticed.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { collectRows, problems, readProofs, renderTable, TABLE_FILE, type Row } from './options-table.js'

let rows: Row[]
const loadRows = () => (rows ??= collectRows())

describe('options table', { timeout: 120_000 }, () => {
  it('derives paths from the protocol types, callbacks and their results included', () => {
    const paths = loadRows().map((r) => r.path)
    for (const p of [
      'api.apiUrl',
      'theme.typography.fontSources[].src',
      'api.getClientSecret().xpertId',
      'entities.onTagSearch()[].interactive',
      'sendUserMessage(params.text)',
      'chatkit.response.stop',
    ]) {
      expect(paths).toContain(p)
    }
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('every row has a proof naming an existing test, and every proof a row', () => {
    expect(problems(loadRows(), readProofs())).toEqual([])
  })

  it('reports a missing entry, a stale entry and a test that does not exist', () => {
    const proofs = readProofs()
    const { 'api.apiUrl': _, ...missing } = proofs
    expect(problems(loadRows(), missing)).toContain('api.apiUrl: no entry in scripts/options-proofs.json')
    const bad = { ...proofs, 'api.nope': { status: 'honoured' as const, effect: 'x', tests: ['e2e/specs/nope.spec.ts#x'] } }
    expect(problems(loadRows(), bad)).toEqual([
      'api.nope: in scripts/options-proofs.json but not in the protocol types',
      'api.nope: test file e2e/specs/nope.spec.ts does not exist',
    ])
    const wrongTitle = {
      ...proofs,
      'api.apiUrl': { ...proofs['api.apiUrl'], tests: ['scripts/options-table.test.ts#' + ['no test', 'has this title'].join(' ')] },
    }
    expect(problems(loadRows(), wrongTitle)).toEqual([expect.stringContaining('has no test containing')])
  })

  it('docs/options-table.md is the rendered table', () => {
    const table = renderTable(loadRows(), readProofs())
    if (process.env.UPDATE_OPTIONS_TABLE) writeFileSync(TABLE_FILE, table)
    expect(readFileSync(TABLE_FILE, 'utf8'), 'stale: UPDATE_OPTIONS_TABLE=1 pnpm exec vitest run scripts/options-table.test.ts').toBe(table)
  })
})
