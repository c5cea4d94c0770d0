import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type DevKey = { key: string; path: string; created: boolean }

/**
 * The API key used when none is configured: generated once and kept in `<dataDir>/dev-api-key`
 * (mode 600), so restarts keep working sessions and the key is printed only when it is new.
 */
export function loadOrCreateDevKey(dataDir: string): DevKey {
  const path = join(dataDir, 'dev-api-key')
  try {
    const key = readFileSync(path, 'utf8').trim()
    if (key.length >= 16) return { key, path, created: false }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const key = 'ck-dev-' + randomBytes(24).toString('hex')
  writeFileSync(path, key + '\n', { mode: 0o600 })
  return { key, path, created: true }
}
