/**
 * The options table: every option path of `ChatKitOptions`, every parameter of the frame methods
 * the host calls, and every event, read from the protocol's TypeScript types with the compiler API
 * (so a path added to the types shows up here by itself), joined with `scripts/options-proofs.json`,
 * which names for each row its effect and the test that proves it (or proves its refusal).
 * `scripts/options-table.test.ts` fails when a row has no proof, a proof names a test that does not
 * exist, or `docs/options-table.md` differs from what this file renders.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.resolve(import.meta.dirname, '..')
const PROTOCOL = path.join(ROOT, 'packages/protocol/src')
const ENTRY = path.join(PROTOCOL, 'index.ts')

export type Row = { kind: 'option' | 'method' | 'event'; path: string }

/** Object types are walked into only when the protocol declares them (never `Response`, DOM types…). */
function declaredInProtocol(t: ts.Type): boolean {
  const decls = (t.aliasSymbol ?? t.getSymbol())?.getDeclarations() ?? []
  return decls.length > 0 && decls.every((d) => d.getSourceFile().fileName.startsWith(PROTOCOL))
}

export function collectRows(): Row[] {
  const program = ts.createProgram([ENTRY], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const entry = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!
  const exported = (name: string): ts.Type => {
    const sym = checker.getExportsOfModule(entry).find((s) => s.name === name)
    if (!sym) throw new Error(`the protocol exports no ${name}`)
    return checker.getDeclaredTypeOfSymbol(sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym)
  }
  const rows: Row[] = []
  const seen = new Set<string>()
  const add = (kind: Row['kind'], p: string) => {
    if (!seen.has(kind + p)) rows.push({ kind, path: p }), seen.add(kind + p)
  }

  /** Walks a value's type: objects into their properties, arrays into `[]`, functions into `()` (their result). */
  const walk = (type: ts.Type, prefix: string, depth: number): void => {
    if (depth > 8) throw new Error(`options type too deep at ${prefix}`)
    const members = type.isUnion() ? type.types : [type]
    let leaf = false
    for (const m of members) {
      if (m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) continue
      if (checker.isArrayType(m)) {
        walk(checker.getTypeArguments(m as ts.TypeReference)[0], prefix + '[]', depth + 1)
        continue
      }
      const calls = m.getCallSignatures()
      if (calls.length) {
        leaf = true
        let result = calls[0].getReturnType()
        const awaited = checker.getAwaitedType(result)
        if (awaited) result = awaited
        if (prefix.endsWith('.fetch')) continue // `typeof fetch`: its result is the platform's Response
        walk(result, prefix + '()', depth + 1)
        continue
      }
      const props = m.flags & ts.TypeFlags.Object ? m.getProperties() : []
      if (!props.length || !declaredInProtocol(m)) {
        leaf = true
        continue
      }
      for (const p of props) walk(checker.getTypeOfSymbol(p), `${prefix}.${p.name}`, depth + 1)
    }
    if (leaf && prefix.includes('.')) add('option', prefix.slice(1))
  }
  walk(exported('ChatKitOptions'), '', 0)
  // Function results that are plain values (`getClientSecret()` returning a string) leave `x()`:
  // the function row itself covers them.
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i].path.endsWith('()')) rows.splice(i, 1)

  for (const method of checker.getPropertiesOfType(exported('FrameMethods'))) {
    if (method.name === 'hello') continue
    const sig = checker.getTypeOfSymbol(method).getCallSignatures()[0]
    if (!sig.getParameters().length) add('method', `${method.name}()`)
    for (const param of sig.getParameters()) {
      const t = checker.getNonNullableType(checker.getTypeOfSymbol(param))
      // `setOptions` takes the whole options (the rows above), not fields of its own.
      const props = t.flags & ts.TypeFlags.Object && declaredInProtocol(t) && method.name !== 'setOptions' ? t.getProperties() : []
      if (!props.length) add('method', `${method.name}(${param.name})`)
      for (const p of props) add('method', `${method.name}(${param.name}.${p.name})`)
    }
  }
  for (const event of checker.getPropertiesOfType(exported('ChatKitEventDetails'))) add('event', `chatkit.${event.name}`)
  return rows
}

export type Proof = {
  /** honoured: the option does what it says; refused: setting it gives a `chatkit.error` naming it; host: read by the host SDK. */
  status: 'honoured' | 'refused' | 'host'
  effect: string
  /** `file#text`: a test file (from the repository root) and a text its test title or body contains. */
  tests: string[]
}

const PROOFS_FILE = path.join(ROOT, 'scripts/options-proofs.json')
export const TABLE_FILE = path.join(ROOT, 'docs/options-table.md')

export function readProofs(): Record<string, Proof> {
  return JSON.parse(readFileSync(PROOFS_FILE, 'utf8')) as Record<string, Proof>
}

const key = (r: Row) => r.path

/** Every problem: rows without a proof, proofs without a row, tests that do not exist. */
export function problems(rows: Row[], proofs: Record<string, Proof>): string[] {
  const out: string[] = []
  const keys = new Set(rows.map(key))
  for (const r of rows) if (!proofs[key(r)]) out.push(`${key(r)}: no entry in scripts/options-proofs.json`)
  for (const k of Object.keys(proofs)) if (!keys.has(k)) out.push(`${k}: in scripts/options-proofs.json but not in the protocol types`)
  for (const [k, proof] of Object.entries(proofs)) {
    if (!['honoured', 'refused', 'host'].includes(proof.status)) out.push(`${k}: unknown status ${proof.status}`)
    if (!proof.effect?.trim()) out.push(`${k}: no effect described`)
    if (!proof.tests?.length) out.push(`${k}: names no test`)
    for (const t of proof.tests ?? []) {
      const [file, needle] = t.split('#')
      const abs = path.join(ROOT, file)
      if (!/\.(test|spec)\.tsx?$/.test(file) || !existsSync(abs)) out.push(`${k}: test file ${file} does not exist`)
      else if (!needle || !readFileSync(abs, 'utf8').includes(needle)) out.push(`${k}: ${file} has no test containing "${needle}"`)
    }
  }
  return out
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderTable(rows: Row[], proofs: Record<string, Proof>): string {
  const section = (kind: Row['kind'], title: string) => [
    `## ${title}`,
    '',
    '| Path | Status | Effect | Proven by |',
    '|---|---|---|---|',
    ...rows
      .filter((r) => r.kind === kind)
      .map((r) => {
        const p = proofs[key(r)]
        const tests = p ? p.tests.map((t) => `\`${t.split('#')[0]}\` (“${t.split('#')[1]}”)`).join('; ') : '—'
        return `| \`${cell(r.path)}\` | ${p?.status ?? '—'} | ${cell(p?.effect ?? '—')} | ${cell(tests)} |`
      }),
    '',
  ]
  return [
    '# Options, methods and events: effect and proof',
    '',
    'Generated by `scripts/options-table.ts` from the protocol types and `scripts/options-proofs.json`;',
    '`scripts/options-table.test.ts` (part of `npm test`) fails when a path has no entry, a named test',
    'does not exist, or this file is stale. Regenerate: `UPDATE_OPTIONS_TABLE=1 pnpm exec vitest run scripts/options-table.test.ts`.',
    '',
    '**honoured**: the option does what it says. **refused**: setting it reports a `chatkit.error`',
    '(`not_supported`) naming the path and why. **host**: read by the host SDK, not the frame.',
    '',
    ...section('option', 'Option paths'),
    ...section('method', 'Host methods and their parameters'),
    ...section('event', 'Events'),
  ].join('\n')
}
