import { describe, expect, it } from 'vitest'
import { en } from './locales/en.js'
import { availableLocales, resolveLocale, setLocale, t } from './index.js'

const files = import.meta.glob<{ default: Record<string, string> }>('./locales/!(en).ts', { eager: true })
const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()

describe('locale files', () => {
  it('ship the required languages', () => {
    expect(availableLocales().sort()).toEqual(expect.arrayContaining(['ar', 'de', 'en', 'es', 'fr', 'ja', 'pt-BR', 'zh-CN']))
  })

  for (const [path, mod] of Object.entries(files)) {
    it(`${path} translates every key with the same parameters, and nothing else`, () => {
      const messages = mod.default
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort())
      for (const [key, value] of Object.entries(messages)) {
        expect(value.trim(), key).not.toBe('')
        expect(params(value), key).toEqual(params(en[key as keyof typeof en]))
      }
    })
  }

  it('resolves regional and script variants and falls back to English', async () => {
    const all = availableLocales()
    expect(resolveLocale('pt', all)).toBe('pt-BR')
    expect(resolveLocale('zh', all)).toBe('zh-CN')
    expect(resolveLocale('de-AT', all)).toBe('de')
    expect(resolveLocale('xx', all)).toBe('en')
    await setLocale('ja')
    expect(t('composer.send')).toBe('送信')
    await setLocale('klingon')
    expect(t('composer.send')).toBe('Send')
  })
})
