/**
 * Validation of every option the host sends, driven by one schema of `ChatKitOptions`. A bad value
 * never blanks the frame: it is left out of the options the UI sees and becomes an issue naming the
 * path and the reason (`theme.radius: expected pill | round | soft | sharp, got "square"`), which the
 * frame shows and reports to the host as a `chatkit.error`.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { SerializedOptions } from '@xpert-ai/chatkit-protocol'
import { any, array, boolean, DROP, either, number, object, oneOf, record, string, url } from './schema.js'
import type { OptionIssue, Schema } from './schema.js'

export type { OptionIssue } from './schema.js'

const text = string(2000)
/** The start screen's prompt grid holds 12 (`start/StartScreen.tsx`). */
const MAX_PROMPTS = 12
const id = string(200)
/** Sent as a request header: printable ASCII without spaces. */
const domainKey = check(/^[\x21-\x7e]{1,200}$/, 'a key of 1 to 200 printable ASCII characters without spaces')
const icon = either('an icon name or icon object', string(200), record)
/** A model avatar: an absolute http(s) URL or a raster `data:image/…` URL (what an `<img>` in the frame may show). */
const avatarUrl = check(/^(https?:\/\/[^\s@/?#]+([/?#]|$)|data:image\/(png|jpeg|gif|webp)[;,])/i, 'an http(s) or data:image URL')

const theme = object({
  colorScheme: oneOf('light', 'dark'),
  typography: object({
    baseSize: oneOf(14, 15, 16, 17, 18),
    fontFamily: text,
    fontFamilyMono: text,
    fontSources: array(
      object(
        {
          family: text,
          // http(s) (absolute or relative to the frame) or a base64 `data:` font, as `theme/fonts.ts` loads.
          src: either(
            'an http(s) URL or a base64 data: font URL',
            url(true),
            check(/^data:(font|application)\/[\w.+-]+;base64,[A-Za-z0-9+/=]+$/, 'a data: URL'),
          ),
          weight: either('a string or number', string(20), number(1, 1000)),
          style: oneOf('normal', 'italic', 'oblique'),
          display: oneOf('auto', 'block', 'swap', 'fallback', 'optional'),
          unicodeRange: text,
        },
        ['family', 'src'],
      ),
      20,
    ),
  }),
  radius: oneOf('pill', 'round', 'soft', 'sharp'),
  density: oneOf('compact', 'normal', 'spacious'),
  color: object({
    grayscale: object({ hue: number(0, 360), tint: number(0, 9, true), shade: number(-4, 4, true) }, ['hue', 'tint']),
    accent: object({ primary: string(100), level: oneOf(0, 1, 2, 3) }, ['primary', 'level']),
    surface: object({ background: string(100), foreground: string(100) }, ['background', 'foreground']),
  }),
})

const headerAction = object({ icon }, ['icon'])

const optionsSchema: Schema = object(
  {
    frameUrl: url(true),
    displayMode: oneOf('chat', 'pet'),
    api: (v, path, issues) =>
      apiBase(object({ apiUrl: url(), xpertId: id, url: url(), domainKey: domainKey, uploadStrategy, projectId: id })(v, path, issues), path, issues),
    request: object({ state: record, context: object({ env: record }), config: record }),
    locale: string(35),
    // Not `either`: a theme object with one bad field should report that field, not the whole theme.
    theme: (v, path, issues) => (isRecord(v) ? theme(v, path, issues) : oneOf('light', 'dark')(v, path, issues)),
    pet: either('true, false or a pet object', boolean, record),
    initialThread: either('a thread id or null', oneOf(null), id),
    header: object({
      enabled: boolean,
      title: object({ enabled: boolean, text: string(200) }),
      leftAction: headerAction,
      rightAction: headerAction,
    }),
    history: object({ enabled: boolean, showDelete: boolean, showRename: boolean }),
    startScreen: object({
      greeting: text,
      // The start screen shows at most 12 prompts; more are refused here rather than dropped silently.
      prompts: array(object({ label: string(200), prompt: text, icon }, ['prompt']), MAX_PROMPTS),
      promptsLayout: oneOf('grid', 'list'),
    }),
    threadItemActions: object({ feedback: boolean, retry: boolean, share: boolean, branch: boolean }),
    messagePresentation: object({ mode: oneOf('document', 'bubbles'), collapseProcess: boolean }),
    messageNavigation: either('true, false or {enabled}', boolean, object({ enabled: boolean })),
    toolOutputAttachments: either('true, false or {enabled}', boolean, object({ enabled: boolean })),
    composer: object({
      placeholder: string(500),
      attachments: object({ enabled: boolean, maxSize: number(1, Number.MAX_SAFE_INTEGER, true), maxCount: number(1, 100, true), accept: record }, ['enabled']),
      tools: array(object({ id, label: string(200), shortLabel: string(200), icon, placeholderOverride: string(500), pinned: boolean }, ['id', 'label']), 50),
      models: array(
        object(
          {
            id,
            label: string(200),
            description: string(500),
            disabled: boolean,
            default: boolean,
            // Shown in the model menu (composer/ModelMenu.tsx) as the frame's image policy allows.
            avatar: either('an http(s) or data:image URL, or {url}', avatarUrl, object({ url: avatarUrl }, ['url'])),
          },
          ['id', 'label'],
        ),
        50,
      ),
      slashCommands: array(
        object(
          {
            name: check(/^[a-z0-9_-]{1,64}$/, 'lowercase letters, digits, - or _'),
            label: string(200),
            description: string(500),
            action: object({ type: string(100) }, ['type']),
          },
          ['name', 'action'],
        ),
        200,
      ),
      dictation: object({ enabled: boolean }, ['enabled']),
    }),
    disclaimer: object({ text, highContrast: boolean }, ['text']),
    // XpertAI ≥ 0.6 sends an object `{maxWidth}`; ours also takes 'fill' | 'auto-height'.
    layout: (v, path, issues) => (isRecord(v) ? layoutObject(v, path, issues) : oneOf('fill', 'auto-height')(v, path, issues)),
    maxHeight: number(100, 100_000),
    headingLevel: number(1, 6, true),
    connectTimeout: number(1, 600_000),
    entities: any,
    widgets: any,
    onClientTool: any,
    onLinkClick: any,
  },
  ['api'],
)

function check(re: RegExp, expected: string): Schema {
  return (v, path, issues) => {
    if (typeof v === 'string' && re.test(v)) return v
    issues.push({ path, reason: `expected ${expected}, got ${JSON.stringify(String(v)).slice(0, 70)}` })
    return DROP
  }
}

/** `api.uploadStrategy`: `{type: 'direct', uploadUrl}` or `{type: 'two_phase'}` (attachments/upload.ts). */
const uploadStrategy: Schema = (v, path, issues) =>
  isRecord(v) && v.type === 'two_phase'
    ? v
    : isRecord(v) && v.type === 'direct'
      ? object({ type: any, uploadUrl: url() }, ['uploadUrl'])(v, path, issues)
      : (issues.push({
          path,
          reason: `expected {type: 'direct', uploadUrl} or {type: 'two_phase'}, got ${JSON.stringify(isRecord(v) ? (v.type ?? null) : v)?.slice(0, 60)}`,
        }),
        DROP)

/**
 * The API base: `api.apiUrl` (XpertAI's name) or `api.url` (OpenAI's custom-backend name), the same
 * XpertAI-compatible API either way. One is required; both must agree.
 */
function apiBase(api: unknown, path: string, issues: OptionIssue[]): unknown {
  if (!isRecord(api)) return api
  const failed = (k: string) => issues.some((i) => i.path === `${path}.${k}`)
  if (api.apiUrl === undefined && api.url === undefined && !failed('apiUrl') && !failed('url')) {
    issues.push({ path: `${path}.apiUrl`, reason: 'is required (or api.url)' })
  } else if (typeof api.apiUrl === 'string' && typeof api.url === 'string' && api.url.replace(/\/+$/, '') !== api.apiUrl.replace(/\/+$/, '')) {
    issues.push({ path: `${path}.url`, reason: `must be the same API as api.apiUrl (${api.apiUrl.slice(0, 100)}), or left out` })
    delete api.url
  }
  return api
}

const layoutObject = object({
  maxWidth: either(
    'a width in pixels (200–10000) or a CSS length like "60rem" or "100%"',
    number(200, 10_000),
    check(/^\d{1,5}(\.\d+)?(px|rem|em|%|vw|ch)$/, 'a CSS length'),
  ),
})

export type ValidatedOptions = { options: Record<string, unknown>; callbacks: Set<string>; issues: OptionIssue[] }

/** Throws only when the call itself is malformed (not `{options, callbacks}`). */
export function validateOptions(input: SerializedOptions | unknown): ValidatedOptions {
  const s = input as Partial<SerializedOptions> | null
  if (!isRecord(s) || !isRecord(s.options)) throw new TypeError('setOptions expects {options: object, callbacks: string[]}')
  const callbacks = Array.isArray(s.callbacks) ? s.callbacks.filter((c): c is string => typeof c === 'string' && c.length < 200) : []
  const issues: OptionIssue[] = []
  const options = optionsSchema(s.options, '', issues)
  return { options: options === DROP ? {} : (options as Record<string, unknown>), callbacks: new Set(callbacks), issues }
}
