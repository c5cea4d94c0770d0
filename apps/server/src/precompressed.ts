import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const br = promisify(brotliCompress)
const gz = promisify(gzip)

export type Encoding = 'br' | 'gzip'
/** One file's bytes as served: as is, and compressed where that made it smaller. */
export type Variants = { identity: Uint8Array } & Partial<Record<Encoding, Uint8Array>>

/** Text-like files are worth compressing; fonts in woff/woff2 and images already are compressed. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|ttf|otf|ico|xml|webmanifest)$/i

/**
 * Brotli (quality 11) and gzip (level 9) versions of the frame's files, made once per file version
 * (path, size and mtime) off the event loop and kept in memory. `warm` makes them for the whole
 * build at startup, so no visitor waits for a compression; a rebuilt file is compressed again on
 * its first request.
 */
export class Precompressed {
  readonly #cache = new Map<string, { stamp: string; variants: Promise<Variants> }>()

  /** The variants of `path` (`load` gives its bytes as served, e.g. index.html with the allowlist). */
  async get(path: string, load: () => Promise<Uint8Array> = () => readFile(path)): Promise<Variants> {
    const s = await stat(path)
    const stamp = `${s.size}:${s.mtimeMs}`
    const hit = this.#cache.get(path)
    if (hit?.stamp === stamp) return hit.variants
    const variants = load().then((bytes) => (COMPRESSIBLE.test(path) ? compress(bytes) : { identity: bytes }))
    this.#cache.set(path, { stamp, variants })
    variants.catch(() => this.#cache.get(path)?.variants === variants && this.#cache.delete(path))
    return variants
  }

  /** Compresses every compressible file under `dir` (`special` gives the bytes of those served transformed). */
  async warm(dir: string, special: Record<string, () => Promise<Uint8Array>> = {}): Promise<number> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
    const files = entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => join(e.parentPath, e.name))
    // One at a time: a 2-core server keeps serving while it compresses.
    for (const f of files) await this.get(f, special[f]).catch(() => {})
    return files.length
  }
}

async function compress(identity: Uint8Array): Promise<Variants> {
  const [b, g] = await Promise.all([
    br(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gz(identity, { level: 9 }),
  ])
  return { identity, ...(b.length < identity.length ? { br: new Uint8Array(b) } : {}), ...(g.length < identity.length ? { gzip: new Uint8Array(g) } : {}) }
}

/**
 * The encoding to send for an `Accept-Encoding` header, among those `available`: the highest
 * q-value wins (`*` stands for any encoding not named), Brotli before gzip on a tie, and identity
 * only when named with a higher q-value. Null means identity (no header, nothing acceptable).
 */
export function chooseEncoding(header: string | null, available: readonly Encoding[]): Encoding | null {
  if (!header) return null
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qp ? Number(qp.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0)
  }
  let best: Encoding | null = null
  let bestQ = 0
  for (const enc of (['br', 'gzip'] as const).filter((e) => available.includes(e))) {
    const v = q.get(enc) ?? q.get('*') ?? 0
    if (v > bestQ) (best = enc), (bestQ = v)
  }
  // Identity is always acceptable but least preferred, unless named with a higher q-value.
  return best && bestQ >= (q.get('identity') ?? 0) ? best : null
}
