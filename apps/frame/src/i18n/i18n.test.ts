import { describe, expect, it } from 'vitest'
import { resolveLocale } from './index.js'

describe('resolveLocale', () => {
  const available = ['en', 'zh-CN', 'pt-BR', 'fr', 'ar']
  it('matches exactly, case-insensitively', () => {
    expect(resolveLocale('pt-br', available)).toBe('pt-BR')
    expect(resolveLocale('zh-CN', available)).toBe('zh-CN')
  })
  it('falls back from a region to the language, and from a language to a regional file', () => {
    expect(resolveLocale('fr-CA', available)).toBe('fr')
    expect(resolveLocale('pt', available)).toBe('pt-BR')
    expect(resolveLocale('zh', available)).toBe('zh-CN')
  })
  it('maps the legacy Indonesian code in- to id', () => {
    expect(resolveLocale('in-ID', ['en', 'id'])).toBe('id')
    expect(resolveLocale('in', ['en', 'id'])).toBe('id')
  })
  it('falls back to English for unknown or missing locales', () => {
    expect(resolveLocale('xx', available)).toBe('en')
    expect(resolveLocale(undefined, available)).toBe('en')
  })
})
