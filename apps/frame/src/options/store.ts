/**
 * The host's options as signals. `null` until the first `setOptions`: the UI shows "Loading…".
 * Everything else derives from here with `computed`, so a `setOptions` updates the UI in place.
 */
import { computed, signal } from '@preact/signals'
import type { ChatKitOptions, ChatKitRequestOptions, ColorScheme, FileUploadStrategy } from '@xpert-ai/chatkit-protocol'
import { parentOrigin } from '../bridge/origins.js'
import type { OptionIssue, ValidatedOptions } from './validate.js'

/** The options with functions stripped (they stay in the host; `callbacks` names them). */
export type FrameOptions = Partial<Omit<ChatKitOptions, 'api'>> & {
  api?: { apiUrl?: string; url?: string; xpertId?: string; domainKey?: string; uploadStrategy?: FileUploadStrategy }
}

const current = signal<{ options: FrameOptions; callbacks: Set<string> } | null>(null)
export const issues = signal<OptionIssue[]>([])

export function applyOptions(v: ValidatedOptions): void {
  current.value = { options: v.options as FrameOptions, callbacks: v.callbacks }
  issues.value = v.issues
}

export const options = computed(() => current.value?.options ?? null)

export function hasCallback(path: string): boolean {
  return current.value?.callbacks.has(path) ?? false
}

export const colorScheme = computed<ColorScheme>(() => {
  const t = options.value?.theme
  if (t === 'dark' || t === 'light') return t
  return typeof t === 'object' && t?.colorScheme === 'dark' ? 'dark' : 'light'
})

/**
 * The assistant the host's session is for: `xpertId` (or `assistantId`) of the last
 * `api.getClientSecret` result. Used when `api.xpertId` is not set.
 */
const sessionAssistant = signal<string | undefined>(undefined)

export function rememberSessionAssistant(result: unknown): void {
  const r = result as { xpertId?: unknown; assistantId?: unknown } | null
  const id = r && typeof r === 'object' ? [r.xpertId, r.assistantId].find((v) => typeof v === 'string' && v.trim()) : undefined
  sessionAssistant.value = typeof id === 'string' ? id.trim() : undefined
}

/** API settings, or null while `api.apiUrl` (or `api.url`) is missing or invalid (requests then fail clearly). */
export const apiSettings = computed(() => {
  const o = options.value
  const baseUrl = o?.api?.apiUrl ?? o?.api?.url
  if (!o || !baseUrl || issues.value.some((i) => i.path === 'api' || i.path === 'api.apiUrl')) return null
  return {
    baseUrl,
    assistantId: typeof o.api?.xpertId === 'string' && o.api.xpertId ? o.api.xpertId : sessionAssistant.value,
    language: headerSafe(o.locale) ?? headerSafe(navigator.language) ?? 'en',
    // OpenAI's custom backend: the host's fetch authenticates, there is no client secret.
    hostAuth: hasCallback('api.fetch') && !hasCallback('api.getClientSecret'),
    domainKey: o.api?.domainKey,
    embedder: parentOrigin(),
  }
})

export const requestOptions = computed<ChatKitRequestOptions | undefined>(() => options.value?.request)

/** A locale fit for an `Accept-Language` header (anything else would make `fetch` throw). */
function headerSafe(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9_,;=.* -]{1,100}$/.test(v) ? v : undefined
}
