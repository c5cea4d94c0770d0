import { ConfigError } from './config.js'

/** Dictation from flags and env: an OpenAI-compatible endpoint, or the user's own transcriber module. */
export type TranscribeConfig = {
  /** `--transcribe-url` / `--transcribe-api-key` / `--transcribe-model`: the built-in OpenAI-compatible transcriber. */
  openai: { baseUrl?: string; apiKey?: string; model?: string } | null
  /** `--transcriber <module>`: absolute path of the user's transcriber module. */
  modulePath: string | null
  /** `--transcribe-max-seconds`; null: the library default (120). */
  maxSeconds: number | null
}

/** `parseArgs` options for dictation (merged into the CLI's option table). */
export const TRANSCRIBE_OPTIONS = {
  'transcribe-url': { type: 'string' },
  'transcribe-api-key': { type: 'string' },
  'transcribe-model': { type: 'string' },
  transcriber: { type: 'string' },
  'transcribe-max-seconds': { type: 'string' },
} as const

export const TRANSCRIBE_USAGE = `  --transcribe-url <url>  dictation through an OpenAI-compatible /audio/transcriptions server,
                          its /v1 base URL (CHATKIT_TRANSCRIBE_URL, e.g. http://127.0.0.1:8000/v1;
                          default https://api.openai.com/v1 when only a key is given)
  --transcribe-api-key <k>  its key (CHATKIT_TRANSCRIBE_API_KEY; prefer the env: flags show in ps)
  --transcribe-model <m>  its model (CHATKIT_TRANSCRIBE_MODEL, default whisper-1)
  --transcriber <module>  your own transcriber module instead (CHATKIT_TRANSCRIBER): its default
                          export is { async transcribe(input) { return { text } } }
  --transcribe-max-seconds <n>  longest recording the server transcribes, 1..120
                          (CHATKIT_TRANSCRIBE_MAX_SECONDS, default 120; past it 413 audio_too_long)`

type Values = { [K in keyof typeof TRANSCRIBE_OPTIONS]?: string }

export function parseTranscribeConfig(values: Values, env: NodeJS.ProcessEnv, resolvePath: (p: string) => string): TranscribeConfig {
  const pick = (flag: keyof Values, name: string) => values[flag] ?? (env[name] ? env[name] : undefined)
  const baseUrl = pick('transcribe-url', 'CHATKIT_TRANSCRIBE_URL')
  const apiKey = pick('transcribe-api-key', 'CHATKIT_TRANSCRIBE_API_KEY')
  const model = pick('transcribe-model', 'CHATKIT_TRANSCRIBE_MODEL')
  const module = pick('transcriber', 'CHATKIT_TRANSCRIBER')
  const seconds = pick('transcribe-max-seconds', 'CHATKIT_TRANSCRIBE_MAX_SECONDS')
  if (baseUrl !== undefined) {
    const u = URL.canParse(baseUrl) ? new URL(baseUrl) : null
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
      throw new ConfigError(`--transcribe-url / CHATKIT_TRANSCRIBE_URL: expected an http(s) URL such as http://127.0.0.1:8000/v1, got "${baseUrl}"`)
  }
  const openai = baseUrl !== undefined || apiKey !== undefined
  if (module !== undefined && openai) throw new ConfigError('--transcriber and --transcribe-url / --transcribe-api-key: choose one transcriber')
  if (model !== undefined && !openai) throw new ConfigError('--transcribe-model / CHATKIT_TRANSCRIBE_MODEL: needs --transcribe-url or --transcribe-api-key')
  if (seconds !== undefined && (!/^\d{1,3}$/.test(seconds) || Number(seconds) < 1 || Number(seconds) > 120)) {
    throw new ConfigError(`--transcribe-max-seconds / CHATKIT_TRANSCRIBE_MAX_SECONDS: expected a whole number from 1 to 120, got "${seconds}"`)
  }
  if (seconds !== undefined && !openai && module === undefined)
    throw new ConfigError('--transcribe-max-seconds: no transcriber is configured (--transcribe-url or --transcriber)')
  return {
    openai: openai ? { ...(baseUrl ? { baseUrl } : {}), ...(apiKey ? { apiKey } : {}), ...(model ? { model } : {}) } : null,
    modulePath: module === undefined ? null : resolvePath(module),
    maxSeconds: seconds === undefined ? null : Number(seconds),
  }
}
