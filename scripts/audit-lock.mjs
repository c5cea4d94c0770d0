// The offline half of the dependency audit: which packages (name@version) pnpm-lock.yaml installs
// for production, and which advisories of a snapshot affect them. No YAML library: pnpm's
// lockfile v9 is a fixed two-space-indented shape, read line by line, and refused if it is not v9.

/** `name@version` of every package the workspace installs for production (dependencies and optional ones, transitively). */
export function productionPackages(lockText) {
  // pnpm 12 writes one YAML document for its own install, then the project's: use the last.
  const doc = lockText
    .split(/^---$/m)
    .filter((d) => d.trim())
    .at(-1)
  if (!/^lockfileVersion: '9\.0'$/m.test(doc)) throw new Error('pnpm-lock.yaml: expected lockfileVersion 9.0 (update scripts/audit-lock.mjs for a new format)')
  const importers = section(doc, 'importers')
  const snapshots = section(doc, 'snapshots')
  const seen = new Set()
  const importersSeen = new Set()
  const visitImporter = (path) => {
    if (importersSeen.has(path)) return
    importersSeen.add(path)
    for (const d of depsOf(importers, path, ['dependencies', 'optionalDependencies'])) {
      // A workspace package (`link:../protocol`) brings its own production dependencies.
      if (d.ref.startsWith('link:')) visitImporter(join(path, d.ref.slice(5)))
      else visit(`${d.name}@${d.ref}`)
    }
  }
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const d of depsOf(snapshots, key, ['dependencies', 'optionalDependencies'])) visit(`${d.name}@${d.ref}`)
  }
  for (const path of Object.keys(importers)) visitImporter(path)
  // `react-dom@19.3.1(react@19.3.1)`: the peer suffix is not part of the version.
  return [...new Set([...seen].map((k) => k.replace(/\(.*$/, '')))].sort().map((k) => {
    const at = k.lastIndexOf('@')
    return { name: k.slice(0, at), version: k.slice(at + 1) }
  })
}

/** The entries of a top-level section: key → its indented lines. */
function section(doc, name) {
  const lines = doc.split('\n')
  const start = lines.indexOf(`${name}:`)
  const out = {}
  if (start < 0) return out
  let key = null
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break
    const m = /^ {2}(\S.*):\s*(\{\})?$/.exec(line)
    if (m) out[(key = unquote(m[1]))] = []
    else if (key && line.startsWith('    ')) out[key].push(line.slice(4))
  }
  return out
}

/** The `name: version` pairs under the given groups of one entry (importers nest `version:` one level deeper). */
function depsOf(entries, key, groups) {
  const lines = entries[key] ?? []
  const out = []
  let group = null
  let name = null
  for (const line of lines) {
    if (/^\S/.test(line)) group = line.replace(/:$/, '')
    else if (!groups.includes(group)) continue
    else if (/^ {2}\S/.test(line)) {
      const [, n, v] = /^ {2}('[^']+'|[^:]+):\s*(.*)$/.exec(line)
      name = unquote(n)
      if (v) out.push({ name, ref: unquote(v) })
    } else if (/^ {4}version: /.test(line)) out.push({ name, ref: unquote(line.slice(13)) })
  }
  return out
}

const unquote = (s) => s.trim().replace(/^'(.*)'$/, '$1')

function join(base, rel) {
  const parts = base === '.' ? [] : base.split('/')
  for (const p of rel.split('/')) {
    if (p === '..') parts.pop()
    else if (p && p !== '.') parts.push(p)
  }
  return parts.join('/') || '.'
}

/** True when `version` is in an advisory range such as `<1.2.6`, `>=2.0.0 <2.1.4 || >=3.0.0 <3.1.1`. */
export function inRange(version, range) {
  const v = parse(version)
  if (!v) return false
  return range.split('||').some((alt) =>
    alt
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((cond) => {
        const m = /^(<=|>=|<|>|=)?v?(\S+)$/.exec(cond)
        if (cond === '*') return true
        const w = m && parse(m[2])
        if (!w) throw new Error(`advisory range: cannot read "${cond}" in "${range}"`)
        const c = compare(v, w)
        return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '=': c === 0 }[m[1] ?? '=']
      }),
  )
}

function parse(s) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(s)
  return m ? { n: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? null } : null
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a.n[i] !== b.n[i]) return a.n[i] - b.n[i]
  if (a.pre === b.pre) return 0
  if (a.pre === null) return 1
  if (b.pre === null) return -1
  return a.pre < b.pre ? -1 : 1
}

/** Advisories of the snapshot that affect the given packages, with the package they hit. */
export function findings(packages, advisories) {
  const out = []
  for (const p of packages) {
    for (const a of advisories) if (a.package === p.name && inRange(p.version, a.vulnerable_versions)) out.push({ ...a, version: p.version })
  }
  return out
}
