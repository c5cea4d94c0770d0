// `node scripts/audit.mjs`: the dependency audit `npm test` runs. Fails on a high or critical
// advisory affecting a production package.
//
// Online: `pnpm audit --prod --json` (the registry's advisory endpoint). When that endpoint cannot
// be reached (offline CI, a mirror that refuses it), the production packages of pnpm-lock.yaml are
// checked against the committed snapshot scripts/audit-snapshot.json instead, and the output says
// so. `--update-snapshot` (online only) records what the endpoint reported into the snapshot;
// `--offline` skips the endpoint (deterministic, e.g. to test a lockfile change).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { findings, productionPackages } from './audit-lock.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const lockFile = value('--lockfile', path.join(ROOT, 'pnpm-lock.yaml'))
const snapshotFile = value('--snapshot', path.join(ROOT, 'scripts', 'audit-snapshot.json'))
const GATE = new Set(['high', 'critical'])

const lockText = readFileSync(lockFile, 'utf8')
const packages = productionPackages(lockText)
const online = flag('--offline') ? { unreachable: '--offline given' } : runPnpmAudit()

let found
if (online.unreachable) {
  const snap = JSON.parse(readFileSync(snapshotFile, 'utf8'))
  found = findings(packages, snap.advisories)
  const known = new Set(snap.packages ?? [])
  const unknown = packages.filter((p) => !known.has(`${p.name}@${p.version}`))
  console.log(
    `audit: advisory endpoint not used (${online.unreachable}); checked ${packages.length} production packages of ${path.relative(ROOT, lockFile)} against the committed snapshot ${path.relative(ROOT, snapshotFile)} (${snap.advisories.length} advisories, taken ${snap.taken}, ${snap.source})`,
  )
  if (unknown.length)
    console.log(
      `audit: ${unknown.length} package versions are newer than the snapshot (refresh it with \`node scripts/audit.mjs --update-snapshot\` where the endpoint answers): ${unknown.map((p) => `${p.name}@${p.version}`).join(', ')}`,
    )
} else {
  found = online.advisories.flatMap((a) => packages.filter((p) => p.name === a.package).map((p) => ({ ...a, version: p.version })))
  console.log(`audit: pnpm audit --prod checked ${packages.length} production packages against the registry's advisories`)
  if (flag('--update-snapshot')) updateSnapshot(online.advisories)
}

const gated = found.filter((f) => GATE.has(f.severity))
for (const f of found)
  console.log(`audit: ${f.severity.padEnd(8)} ${f.package}@${f.version} ${f.id} ${f.title} (${f.url}) — vulnerable ${f.vulnerable_versions}`)
console.log(`audit: ${gated.length} high/critical, ${found.length - gated.length} lower`)
process.exit(gated.length ? 1 : 0)

/** `pnpm audit --prod --json`, or why the endpoint could not be used. */
function runPnpmAudit() {
  const r = spawnSync('pnpm', ['audit', '--prod', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, npm_config_nodedir: '/usr' },
  })
  let body
  try {
    body = JSON.parse(r.stdout)
  } catch {
    const text = `${r.stderr ?? ''}${r.stdout ?? ''}`
    const code = text.match(/ERR_\w+|ENOTFOUND|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN/)?.[0]
    const status = text.match(/responded with (\d+)/)?.[1]
    const why = [code, status && `HTTP ${status}`].filter(Boolean).join(', ')
    return { unreachable: why || (r.error ? r.error.message : `pnpm audit exited ${r.status} without a report`) }
  }
  if (!body?.advisories) return { unreachable: `pnpm audit answered without advisories: ${JSON.stringify(body).slice(0, 200)}` }
  const advisories = Object.values(body.advisories).map((a) => ({
    package: a.module_name,
    severity: a.severity,
    id: a.github_advisory_id ?? String(a.id),
    title: a.title,
    url: a.url,
    vulnerable_versions: a.vulnerable_versions,
  }))
  return { advisories }
}

/** Merges the endpoint's advisories into the snapshot and records the packages it covered. */
function updateSnapshot(advisories) {
  const old = JSON.parse(readFileSync(snapshotFile, 'utf8'))
  const byId = new Map([...old.advisories, ...advisories].map((a) => [a.id, a]))
  const snap = {
    taken: new Date().toISOString().slice(0, 10),
    source: "pnpm audit --prod (the registry's advisory endpoint) merged into the earlier snapshot",
    lockfileSha256: createHash('sha256').update(lockText).digest('hex'),
    packages: packages.map((p) => `${p.name}@${p.version}`),
    advisories: [...byId.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id)),
  }
  writeFileSync(snapshotFile, JSON.stringify(snap, null, 2) + '\n')
  console.log(`audit: wrote ${path.relative(ROOT, snapshotFile)} (${snap.advisories.length} advisories)`)
}
