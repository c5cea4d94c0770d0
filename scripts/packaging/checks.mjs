// The packaging checks run on a packed tarball (exactly what `npm publish` uploads): publint,
// Are the Types Wrong (attw) and our own rules for what a tarball may contain. Each returns a list
// of problems as readable strings; an empty list means clean.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { ROOT } from '../lib.mjs'

/** Paths inside a tarball, without npm's `package/` prefix. */
function tarballFiles(tgz) {
  const r = spawnSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`cannot list ${tgz}: ${r.stderr}`)
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''))
}

/** One file of a tarball as text. */
function tarballText(tgz, file) {
  const r = spawnSync('tar', ['-xzOf', tgz, `package/${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`cannot read ${file} from ${tgz}: ${r.stderr}`)
  return r.stdout
}

/** Every file path a manifest points at (exports conditions, main, module, types, bin). */
function manifestTargets(pkg) {
  const out = []
  const walk = (v, where) => {
    if (typeof v === 'string') out.push([where, v])
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}[${JSON.stringify(k)}]`)
  }
  walk(pkg.exports, 'exports')
  for (const key of ['main', 'module', 'types', 'typings', 'bin']) walk(pkg[key], key)
  return out.filter(([, target]) => !target.includes('*'))
}

const TEST_FILE = /(^|\/)(test|tests|__tests__|e2e|fixtures)\/|\.(test|spec|test-helper)\.[cm]?[jt]sx?$|(^|\/)(tsconfig[^/]*\.json|vitest\.config\.[cm]?[jt]s)$/

/**
 * Our rules: package.json, README.md, CHANGELOG.md and LICENSE present; no tests, fixtures or build configs;
 * every path the manifest points at is in the tarball; a source map only where it is intended:
 * referenced by its script and self-contained (`sourcesContent` for every source, since `src/` is
 * not shipped).
 */
export function checkPackContents(tgz) {
  const files = tarballFiles(tgz)
  const has = new Set(files)
  const problems = []
  for (const required of ['package.json', 'README.md', 'CHANGELOG.md']) if (!has.has(required)) problems.push(`${required} is missing`)
  if (!files.some((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f))) problems.push('LICENSE is missing')
  for (const f of files) if (TEST_FILE.test(f)) problems.push(`${f} is a test or build file`)
  const pkg = JSON.parse(tarballText(tgz, 'package.json'))
  for (const [where, target] of manifestTargets(pkg)) {
    if (!has.has(path.posix.normalize(target))) problems.push(`${where} points at ${target}, which is not in the tarball`)
  }
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const script = map.slice(0, -'.map'.length)
    const ref = `sourceMappingURL=${path.posix.basename(map)}`
    if (!has.has(script) || !tarballText(tgz, script).includes(ref)) problems.push(`${map} is not referenced by ${script}`)
    const m = JSON.parse(tarballText(tgz, map))
    if (!Array.isArray(m.sourcesContent) || m.sourcesContent.length !== m.sources.length || m.sourcesContent.some((s) => typeof s !== 'string')) {
      problems.push(`${map} lacks sourcesContent (it would point at sources that are not shipped)`)
    }
  }
  return problems
}

/** publint on the tarball; errors and warnings are problems (suggestions are not). */
export async function checkPublint(tgz) {
  const buf = readFileSync(tgz)
  const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'warning' })
  return messages.map((m) => `publint ${m.type}: ${formatMessage(m, pkg, { color: false })}`)
}

/**
 * attw on the tarball. Our packages are ESM-only (`"type": "module"`, import conditions only), so
 * the profile is `esm-only`: CommonJS `require` and node10 resolution are out of scope by design.
 */
export function checkAttw(tgz) {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'attw')
  const r = spawnSync(bin, [tgz, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'], { encoding: 'utf8' })
  if (r.error) throw r.error
  return r.status === 0 ? [] : [`attw: ${(r.stdout + r.stderr).trim()}`]
}
