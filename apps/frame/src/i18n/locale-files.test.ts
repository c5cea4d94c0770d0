import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { en as core } from './locales/en.js'
import { enMore } from './more/en-more.js'
import { availableLocales, resolveLocale, setLocale, t } from './index.js'

// Every file in locales/ but English, as the frame's lazy loader sees them.
const files = readdirSync(new URL('./locales/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'en.ts')
// English in two parts: what the first screen needs, and what lazily loaded parts add.
const en = { ...core, ...enMore }
const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()

describe('locale files', () => {
  it('ship the required languages', () => {
    const required = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'ru', 'tr', 'vi', 'zh-CN', 'zh-Hant']
    expect(availableLocales().sort()).toEqual(expect.arrayContaining(required))
    expect(required.length).toBeGreaterThanOrEqual(16)
  })

  for (const file of files) {
    it(`${file} translates every key with the same parameters, and nothing else`, async () => {
      const messages = ((await import(`./locales/${file}`)) as { default: Record<string, string> }).default
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
    for (const tw of ['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant-TW', 'zh_TW']) expect(resolveLocale(tw, all), tw).toBe('zh-Hant')
    for (const cn of ['zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-CN']) expect(resolveLocale(cn, all), cn).toBe('zh-CN')
    expect(resolveLocale('de-AT', all)).toBe('de')
    // The languages added with issue 19, by their usual browser tags.
    for (const [tag, file] of [
      ['ko-KR', 'ko'],
      ['it-CH', 'it'],
      ['nl-BE', 'nl'],
      ['pl-PL', 'pl'],
      ['ru-RU', 'ru'],
      ['tr-TR', 'tr'],
      ['hi-IN', 'hi'],
      ['id-ID', 'id'],
      ['in-ID', 'id'],
      ['vi-VN', 'vi'],
      ['pt-PT', 'pt-BR'],
    ]) {
      expect(resolveLocale(tag, all), tag).toBe(file)
    }
    expect(resolveLocale('xx', all)).toBe('en')
    await setLocale('ja')
    expect(t('composer.send')).toBe('送信')
    await setLocale('ko-KR')
    expect(t('composer.send')).toBe('보내기')
    expect(t('composer.remove', { name: 'a.png' })).toBe('a.png 삭제')
    await setLocale('klingon')
    expect(t('composer.send')).toBe('Send')
  })
})
