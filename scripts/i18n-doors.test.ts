import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { en } from '../apps/frame/src/i18n/locales/en.js'
import { enMore } from '../apps/frame/src/i18n/more/en-more.js'
import { readSources } from './boundaries.js'
import { moreKeysWithoutDoor } from './i18n-doors.js'

const repo = fileURLToPath(new URL('..', import.meta.url))
const more = Object.keys(enMore)
const base = new Set(Object.keys(en))

describe('the lazy English door (i18n/more)', () => {
  it('every frame module that uses a key only en-more.ts holds imports the door', () => {
    expect(moreKeysWithoutDoor(readSources(repo, 'apps/frame/src'), more, base)).toEqual([])
  })

  it('fails on a module without the door: literal keys and template prefixes; a key of en.ts needs no door', () => {
    const scan = (source: string) => moreKeysWithoutDoor([{ path: 'message/X.tsx', source }], more, base)
    expect(scan("import { t } from '../i18n/index.js'\nexport const x = () => t('tool.input')")).toEqual([
      "message/X.tsx: t() with tool.input (only in en-more.ts) without import '…/i18n/more/index.js'",
    ])
    // (The sources scanned are built from pieces: '$' + '{' would otherwise read as a placeholder here.)
    const $ = '$'
    expect(scan(`const x = (d: string) => t(\`hitl.${$}{d}\`)`)[0]).toMatch(/hitl\.submit.*hitl\.editArgs/)
    expect(scan('const x = t("artifact.copy")')).toHaveLength(1)
    expect(scan("import { t } from '../i18n/index.js'\nimport '../i18n/more/index.js'\nexport const x = () => t('tool.input')")).toEqual([])
    expect(scan(`export const x = () => t('code.label') + t(\`${$}{'code'}.label\`)`)).toEqual([])
  })
})
