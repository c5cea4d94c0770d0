/**
 * The frame's lazy English door: the strings in `apps/frame/src/i18n/more/en-more.ts` reach `t()`
 * only once `i18n/more/index.js` has run. A module that calls `t` with a key that exists only there
 * must import the door itself (for its effect), or a screen it renders first shows the key instead
 * of the text. A static scan: `t('key')` literals, and `t(`prefix.${…}`)` templates (every such key
 * with that prefix). `scripts/i18n-doors.test.ts` runs it on the tree.
 */
import type { SourceFile } from './boundaries.js'

const CALL = /\bt\(\s*(?:'([^']+)'|"([^"]+)"|`([^`$]*)(\$\{)?[^`]*`)/g
const DOOR = /^\s*import\s+['"][^'"]*\bmore\/index\.js['"]/m

/** The files that use an `en-more`-only key without importing the door, each with the keys. */
export function moreKeysWithoutDoor(files: readonly SourceFile[], moreKeys: readonly string[], baseKeys: ReadonlySet<string>): string[] {
  const onlyMore = new Set(moreKeys.filter((k) => !baseKeys.has(k)))
  const out: string[] = []
  for (const f of files) {
    if (DOOR.test(f.source)) continue
    const used = new Set<string>()
    for (const m of f.source.matchAll(CALL)) {
      const [, single, double, template, interpolated] = m
      const key = single ?? double ?? template ?? ''
      if (!interpolated) {
        if (onlyMore.has(key)) used.add(key)
      } else if (key) for (const k of onlyMore) if (k.startsWith(key)) used.add(k)
    }
    if (used.size) out.push(`${f.path}: t() with ${[...used].join(', ')} (only in en-more.ts) without import '…/i18n/more/index.js'`)
  }
  return out
}
