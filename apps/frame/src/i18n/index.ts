/**
 * UI strings. `t(key, params)` reads the active locale's messages (a signal, so components
 * re-render on a locale change) and falls back to English. Non-English locales are separate
 * chunks loaded on demand: English-only embeds pay nothing for them.
 */
import { signal } from '@preact/signals'
import { en, type MessageKey, type Messages } from './locales/en.js'

export type { MessageKey } from './locales/en.js'

/** Locale files other than English, each its own lazily loaded chunk. */
// A negative pattern, not an extglob: Vite 8's glob does not expand `!(en)` (it matched nothing).
const loaders = import.meta.glob<{ default: Messages }>(['./locales/*.ts', '!./locales/en.ts'])

const active = signal<{ locale: string; messages: Messages }>({ locale: 'en', messages: en })

/** Old ISO 639 codes some platforms still send (Java, older Android: `in-ID` for Indonesian). */
const LEGACY: Record<string, string> = { in: 'id' }

/** Maps a requested locale (`pt-BR`, `zh-Hans`, `de-AT`) to the best available file name. */
export function resolveLocale(requested: string | undefined, available: readonly string[]): string {
  if (!requested) return 'en'
  const want = requested.replace('_', '-')
  const names = available
  const exact = names.find((n) => n.toLowerCase() === want.toLowerCase())
  if (exact) return exact
  const lang = LEGACY[want.split('-')[0].toLowerCase()] ?? want.split('-')[0].toLowerCase()
  // Chinese: Traditional for zh-Hant and the regions that write it; Simplified otherwise.
  if (lang === 'zh') {
    const traditional = /^zh-(hant|tw|hk|mo)\b/i.test(want)
    const pick = names.find((n) => n === (traditional ? 'zh-Hant' : 'zh-CN'))
    if (pick) return pick
  }
  return names.find((n) => n.toLowerCase() === lang) ?? names.find((n) => n.toLowerCase().startsWith(lang + '-')) ?? 'en'
}

/** Available locale names, from the files present (`./locales/fr.ts` → `fr`). */
export function availableLocales(): string[] {
  return ['en', ...Object.keys(loaders).map((p) => p.replace(/^.*\/|\.ts$/g, ''))]
}

/** Switches the UI language; unknown locales fall back to English. Resolves once strings are in. */
export async function setLocale(requested: string | undefined): Promise<string> {
  const locale = resolveLocale(requested, availableLocales())
  if (locale === 'en') {
    active.value = { locale, messages: en }
    return locale
  }
  const mod = await loaders[`./locales/${locale}.ts`]()
  active.value = { locale, messages: mod.default }
  return locale
}

export function currentLocale(): string {
  return active.value.locale
}

/** English strings of lazily loaded parts, added when those parts load (`./more/`). */
const more: Messages = {}

export function addEnglish(messages: Messages): void {
  Object.assign(more, messages)
}

/** The string for `key` in the active locale (English when missing), with `{param}`s filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const s = active.value.messages[key] ?? (en as Messages)[key] ?? more[key] ?? key
  return params ? s.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : s
}
