/**
 * The public API of a package entry, as text to snapshot: every exported name with what it is
 * (`value` when it exists at runtime, `type` when it is only a type). Read from the sources with
 * the TypeScript checker, so it needs no build and sees exactly what the .d.ts will export.
 * An accidental export change then fails a test and shows up in review.
 */
import ts from 'typescript'

export function apiSurface(entry: string, runtime: Record<string, unknown>): string {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@xpert-ai/source'],
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
  const lines = checker.getExportsOfModule(module).map((s) => {
    const kind = Object.hasOwn(runtime, s.name) ? 'value' : 'type '
    return `${kind} ${s.name}`
  })
  // Runtime exports the checker does not know would be a build accident: list them too.
  for (const name of Object.keys(runtime)) if (!lines.some((l) => l.endsWith(' ' + name))) lines.push(`value ${name} (runtime only)`)
  return lines.sort((a, b) => a.slice(6).localeCompare(b.slice(6))).join('\n') + '\n'
}
