/**
 * The public API of a package entry, as text to snapshot: every exported name with what it is
 * (`value` when it exists at runtime, `type` when it is only a type) and its signature: a
 * function's parameters and result, a constant's type, a class's constructor and public members,
 * a type's definition one level deep (the types it uses appear by name, each with its own line when
 * the package exports it). Read from the sources with the TypeScript checker, so it needs no build
 * and sees what the .d.ts will export. An accidental change, to a name or to a signature, then
 * fails a test and shows up in review.
 */
import ts from 'typescript'

let inherited: (p: ts.Symbol) => boolean = () => false

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType | ts.TypeFormatFlags.WriteArrowStyleSignature

export function apiSurface(entry: string, runtime: Record<string, unknown>): string {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@xpert-ai/source'],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  // Members a class or interface inherits from the platform (HTMLElement, Error) are not its API.
  const platform = (p: ts.Symbol) =>
    !!p.declarations?.length &&
    p.declarations.every((d) => {
      const sf = d.getSourceFile()
      return program.isSourceFileDefaultLibrary(sf) || /[\\/]node_modules[\\/]@types[\\/]/.test(sf.fileName)
    })
  inherited = platform
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
  const entries = checker.getExportsOfModule(module).map((exported) => {
    const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const isValue = Object.hasOwn(runtime, exported.name)
    return { name: exported.name, line: `${isValue ? 'value' : 'type '} ${exported.name}${signature(checker, s, isValue)}` }
  })
  // Runtime exports the checker does not know would be a build accident: list them too.
  for (const name of Object.keys(runtime)) if (!entries.some((e) => e.name === name)) entries.push({ name, line: `value ${name} (runtime only)` })
  // A type named through an import of another file prints as `import("/abs/path").Name`: keep the name.
  return (
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => e.line.replace(/import\("[^"]+"\)\./g, ''))
      .join('\n') + '\n'
  )
}

function signature(checker: ts.TypeChecker, s: ts.Symbol, isValue: boolean): string {
  const decl = s.declarations?.[0]
  if (!decl) return ''
  const text = (t: ts.Type, flags = 0) => checker.typeToString(t, decl, FLAGS | flags)
  if (s.flags & ts.SymbolFlags.Class) return ` class ${classShape(checker, s, decl)}`
  if (isValue) return `: ${text(checker.getTypeOfSymbolAtLocation(s, decl))}`
  const declared = checker.getDeclaredTypeOfSymbol(s)
  const params =
    declared.aliasTypeArguments?.length || (declared as ts.InterfaceType).typeParameters?.length
      ? `<${((declared as ts.InterfaceType).typeParameters ?? declared.aliasTypeArguments ?? []).map((p) => text(p)).join(', ')}>`
      : ''
  if (s.flags & ts.SymbolFlags.Interface) return `${params} = ${members(checker, declared, decl)}`
  return `${params} = ${text(declared, ts.TypeFormatFlags.InTypeAlias)}`
}

/** `{ a: A; b?: B }` from an object type's properties (for interfaces and class instances). */
function members(checker: ts.TypeChecker, type: ts.Type, decl: ts.Node): string {
  const props = checker.getPropertiesOfType(type).filter((p) => !p.name.startsWith('#') && !isPrivate(p) && !inherited(p))
  const calls = type.getCallSignatures().map((c) => checker.signatureToString(c, decl, FLAGS))
  const lines = props.map((p) => {
    const optional = p.flags & ts.SymbolFlags.Optional ? '?' : ''
    return `${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, FLAGS)}`
  })
  return `{ ${[...calls, ...lines].join('; ')} }`
}

function classShape(checker: ts.TypeChecker, s: ts.Symbol, decl: ts.Node): string {
  const ctor = checker.getTypeOfSymbolAtLocation(s, decl)
  const param = (p: ts.Symbol) => {
    const d = p.valueDeclaration as ts.ParameterDeclaration | undefined
    const optional = d && (d.questionToken || d.initializer) ? '?' : ''
    return `${d?.dotDotDotToken ? '...' : ''}${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, FLAGS)}`
  }
  const news = ctor.getConstructSignatures().map((c) => `new(${c.parameters.map(param).join(', ')})`)
  const statics = checker.getPropertiesOfType(ctor).filter((p) => p.name !== 'prototype' && !isPrivate(p) && !inherited(p))
  const staticLines = statics.map((p) => `static ${p.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, FLAGS)}`)
  const instance = members(checker, checker.getDeclaredTypeOfSymbol(s), decl).slice(2, -2)
  return `{ ${[...news, ...staticLines, instance].filter(Boolean).join('; ')} }`
}

const isPrivate = (p: ts.Symbol) =>
  (p.valueDeclaration && ts.getCombinedModifierFlags(p.valueDeclaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0 &&
  p.valueDeclaration !== undefined
