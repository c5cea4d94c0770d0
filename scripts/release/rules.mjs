// The release rules the tests hold the repo to (docs/releasing.md explains them):
// - one version line: every publishable package has the same version (a Changesets fixed group);
// - the package major is the protocol major: a breaking change of the host ⇄ frame protocol
//   (PROTOCOL_VERSION's major) is a major release of every package, and nothing else moves the
//   protocol major. The 0.x line predates that rule's first stable release and speaks protocol 1.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../lib.mjs'

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/

/** Major of a `major.minor.patch[-pre]` version; throws on anything else. */
function major(version) {
  const m = SEMVER.exec(String(version))
  if (!m) throw new Error(`not a semver version: ${version}`)
  return Number(m[1])
}

/** The protocol major that packages at `packageVersion` must speak. */
export function protocolMajorFor(packageVersion) {
  const m = major(packageVersion)
  return m === 0 ? 1 : m
}

/** Problems with a set of `{ name, version }` packages and a protocol version; empty when consistent. */
export function versionProblems(packages, protocolVersion) {
  const problems = []
  const versions = [...new Set(packages.map((p) => p.version))]
  if (versions.length > 1) problems.push(`one version line expected, found ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`)
  for (const p of packages) {
    const want = protocolMajorFor(p.version)
    if (major(protocolVersion) !== want) {
      problems.push(`${p.name}@${p.version} must speak protocol ${want}.x, but PROTOCOL_VERSION is ${protocolVersion}`)
    }
  }
  return problems
}

/** PROTOCOL_VERSION as written in packages/protocol/src/version.ts. */
export function readProtocolVersion() {
  const src = readFileSync(path.join(ROOT, 'packages', 'protocol', 'src', 'version.ts'), 'utf8')
  const m = /export const PROTOCOL_VERSION = '([^']+)'/.exec(src)
  if (!m) throw new Error('PROTOCOL_VERSION not found in packages/protocol/src/version.ts')
  return m[1]
}

/** True when a package name matches a Changesets fixed-group pattern (`*` stays within a segment). */
export function matchesPattern(pattern, name) {
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('[^/]*') +
      '$',
  )
  return re.test(name)
}
