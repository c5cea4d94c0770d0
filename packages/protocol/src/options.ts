/**
 * `ChatKitOptions`: a superset of `@xpert-ai/chatkit-types`' `ChatKitOptions`, so a user can switch
 * by changing an import. New fields are marked "ChatKit extension".
 */
import type { WidgetRoot, BasicRoot, WidgetAction } from './widgets.js'

export type ColorScheme = 'light' | 'dark'

export type SupportedLocale = string

export type FontObject = {
  family: string
  src: string
  weight?: string | number
  style?: 'normal' | 'italic' | 'oblique'
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional'
  unicodeRange?: string
}

export type GrayscaleOptions = { hue: number; tint: number; shade?: number }
export type AccentColor = { primary: string; level: 0 | 1 | 2 | 3 }
export type SurfaceColors = { background: string; foreground: string }

export type ChatKitTheme = {
  colorScheme?: ColorScheme
  typography?: {
    baseSize?: 14 | 15 | 16 | 17 | 18
    fontSources?: FontObject[]
    fontFamily?: string
    fontFamilyMono?: string
  }
  radius?: 'pill' | 'round' | 'soft' | 'sharp'
  density?: 'compact' | 'normal' | 'spacious'
  color?: { grayscale?: GrayscaleOptions; accent?: AccentColor; surface?: SurfaceColors }
}

export type ChatKitClientSecretObject = {
  secret: string
  organizationId?: string
  /**
   * When the secret expires, in Unix seconds (pass the sessions endpoint's `expires_at`). The
   * frame then renews it shortly before, instead of learning of the expiry from a 401.
   */
  expiresAt?: number
  xpertId?: string
  assistantId?: string
}
export type ChatKitClientSecretResult = string | ChatKitClientSecretObject

export type HostedApiConfig = {
  /** Called with the current secret (or null) when the frame needs a new one: ahead of the first send (when the frame is idle after loading), on 401, and before a known expiry (`expiresAt`). */
  getClientSecret: (currentClientSecret: string | null) => Promise<ChatKitClientSecretResult>
  /** Base URL of the XpertAI-compatible API, e.g. `http://127.0.0.1:8787/api/ai`. */
  apiUrl: string
  xpertId?: string
  /** XpertAI ≥ 0.6. Refused: no projects here. */
  projectId?: string
}

export type FileUploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string }

export type CustomApiConfig = {
  /** XpertAI ≥ 0.6. Refused: no projects here. */
  projectId?: string
  url: string
  fetch?: typeof fetch
  domainKey: string
  uploadStrategy?: FileUploadStrategy
  apiUrl: string
  xpertId?: string
}

export type ChatKitRequestContext = { env?: Record<string, string>; [key: string]: unknown }

export type ChatKitRequestOptions<
  // biome-ignore lint/suspicious/noExplicitAny: public default since the first release; `unknown` values would make callers' reads of their own state a breaking type change
  TState = Record<string, any>,
  TContext extends ChatKitRequestContext = ChatKitRequestContext,
  TConfig extends Record<string, unknown> = Record<string, unknown>,
> = { state?: TState; context?: TContext; config?: TConfig }

export type HeaderIcon = string

export type StartScreenPrompt = { label?: string; prompt: string; icon?: string; [key: string]: unknown }
export type ToolOption = {
  id: string
  label: string
  shortLabel?: string
  icon: string
  placeholderOverride?: string
  pinned?: boolean
  [key: string]: unknown
}
export type ModelOption = {
  id: string
  label: string
  description?: string
  disabled?: boolean
  default?: boolean
  /**
   * XpertAI ≥ 0.6: the model's avatar in the model menu and on its button: an absolute http(s) URL
   * or a raster `data:image/…` URL (or `{url}`). It loads only from what the frame's CSP img-src
   * allows (the frame's origin, the server's `--image-origins`, `data:`); otherwise, or when it
   * fails to load, the name's first letter shows.
   */
  avatar?: string | { url: string; [key: string]: unknown }
  [key: string]: unknown
}
/** What a slash command does (see the frame's `composer/slash.ts`). */
export type ChatKitSlashCommandAction = {
  type: 'insert_text' | 'insert_invocation' | 'submit_prompt' | 'client_action' | 'select_capability' | (string & {})
  /** Text for `insert_text`, `insert_invocation` and `submit_prompt`. */
  template?: string
  /** `client_action`: reported as `chatkit.effect {name: action.type, data: action.payload}`. */
  action?: { type: string; payload?: Record<string, unknown> }
  /** `select_capability`: selects the composer tool or model with this id. */
  capability?: { type: string; id: string }
  [key: string]: unknown
}
export type ChatKitSlashCommand = {
  name: string
  label?: string
  description?: string
  icon?: string | Record<string, unknown>
  /** Groups the menu. */
  category?: string
  /** Also matched when typing after `/`. */
  aliases?: string[]
  /** Shown after the name, e.g. `<language>`. */
  argsHint?: string
  /** `disabled`: shown greyed with `reason`, not usable. */
  availability?: { disabled?: boolean; reason?: string; [key: string]: unknown }
  /** Shown as a tag (`command`, `prompt_workflow`). */
  kind?: string
  /** Where the command comes from, shown as a tag (a string, or an object's `label`/`name`/`type`). */
  source?: string | Record<string, unknown>
  action: ChatKitSlashCommandAction
  [key: string]: unknown
}

export type Entity = {
  id: string
  title: string
  icon?: string
  interactive?: boolean
  group?: string
  data?: Record<string, string>
  [key: string]: unknown
}

export type ClientToolMessageInput = {
  tool_call_id?: string
  name?: string
  content: unknown
  status?: 'success' | 'error'
  artifact?: unknown
}

export type ClientToolCall = {
  name: string
  params: Record<string, unknown>
  id?: string
  tool_call_id?: string
}

/** The pet's animations (rows of a sprite atlas). */
export type ChatKitPetAnimationName = 'idle' | 'running-right' | 'running-left' | 'waving' | 'jumping' | 'failed' | 'waiting' | 'running' | 'review'

/** Where a sprite atlas keeps one animation: its row, frame count and per-frame durations (ms). */
export type ChatKitPetFrameAnimation = { row?: number; frames?: number; frameDurations?: readonly number[] }

/** The grid of a sprite sheet. Unset fields keep XpertAI's defaults (8 × 9 cells of 192 × 208 px). */
export type ChatKitPetSpriteAtlas = {
  columns?: number
  rows?: number
  cellWidth?: number
  cellHeight?: number
  animations?: Partial<Record<ChatKitPetAnimationName, ChatKitPetFrameAnimation>>
}

/** A character drawn from a sprite sheet at `src` (http(s) or `data:image/`). Without `src`: the built-in character. */
export type ChatKitPetCharacter = { type: 'sprite-atlas'; src: string; atlas?: ChatKitPetSpriteAtlas }

export type ChatKitPetPin = 'top-left' | 'top' | 'top-right' | 'left' | 'center' | 'right' | 'bottom-left' | 'bottom' | 'bottom-right'

export type ChatKitPetPositionOptions = {
  /** Where the pet starts (and returns to when the pin changes). Default `bottom-right`; `null`: where it was left. */
  pin?: ChatKitPetPin | null
  /** Pointer and arrow-key dragging. Default `true`. */
  draggable?: boolean
  /** Size as a fraction of a sprite cell (192 × 208 px by default). Default `0.25`. */
  scale?: number
  /** Remember where the user dropped it (localStorage `chatkit:pet:position:v1`). Default `true`. */
  persist?: boolean
  /** Space kept between the pet and the viewport edges, px. Default `0`. */
  boundsPadding?: number | Partial<{ top: number; right: number; bottom: number; left: number }>
  /** CSS z-index of the pet (the chat panel sits one above). Default `40`. */
  zIndex?: number
}

/** `displayMode: 'pet'` and the `pet` companion (`@xpert-ai/chatkit-types` `ChatKitPetOptions`). */
export type ChatKitPetOptions = {
  /** `false` turns the pet off. */
  enabled?: boolean
  character?: ChatKitPetCharacter
  position?: ChatKitPetPositionOptions
  /** `auto`: the pet reacts to the chat (running while an answer streams, failing on errors); `manual`: it idles. */
  behavior?: 'auto' | 'manual'
  /** The pet button's accessible name. Default `Open chat` (displayMode 'pet') or `Animated pet`. */
  ariaLabel?: string
  /** CSS image-rendering of a sprite sheet (`pixelated` for pixel art). Default `auto`. */
  imageRendering?: 'auto' | 'pixelated' | 'crisp-edges'
}

/** XpertAI ≥ 0.6: how messages are laid out. */
export type ChatKitMessagePresentation = {
  /** `document`: both sides flow as text; `bubbles`: both sides in bubbles. Unset: user bubbles, document answers. */
  mode?: 'document' | 'bubbles'
  /**
   * XpertAI ≥ 0.6: an answer's process (reasoning, tool steps, text before its final text) folds
   * into one "process" disclosure above the final answer: open while it streams or when it did not
   * finish (error, stopped), closed once done; the user's toggle wins. Widgets, approvals, images,
   * MCP Apps and tool files are never folded. Rendering only: nothing stored changes.
   */
  collapseProcess?: boolean
}

/** XpertAI ≥ 0.6: an object layout, alongside the ChatKit extensions `'fill'` and `'auto-height'`. */
export type ChatKitLayoutObject = {
  /** Maximum width of the conversation column: pixels, or a CSS length (`60rem`, `100%`). Default 760 px. */
  maxWidth?: number | string
}

export type ChatKitOptions = {
  /** URL of the ChatKit frame (served by `@xpert-ai/chatkit-server` at `/chatkit/`). */
  frameUrl?: string
  /** `pet`: only the pet shows, and clicking it opens the chat in a panel beside it (packages/chatkit-js/src/pet.ts). */
  displayMode?: 'chat' | 'pet'
  api: CustomApiConfig | HostedApiConfig
  request?: ChatKitRequestOptions
  locale?: SupportedLocale
  theme?: ColorScheme | ChatKitTheme
  pet?: boolean | ChatKitPetOptions
  initialThread?: null | string
  // Callbacks use method syntax on purpose: their parameters are then checked bivariantly, so a
  // callback typed by `@xpert-ai/chatkit-types` (narrower widget/entity types) still fits.
  onClientTool?(call: ClientToolCall): Promise<ClientToolMessageInput> | ClientToolMessageInput
  /**
   * ChatKit extension: a click on a link the agent wrote (markdown links, citation markers, the
   * sources list; http(s) and mailto only) calls this instead of opening it, so the host page
   * decides (its own viewer, an allowlist, analytics). Without it, links open in a new tab with
   * `rel="noopener noreferrer"`.
   */
  onLinkClick?(link: { url: string }): void
  header?: {
    enabled?: boolean
    title?: { enabled?: boolean; text?: string }
    leftAction?: { icon: HeaderIcon; onClick: () => void }
    rightAction?: { icon: HeaderIcon; onClick: () => void }
  }
  history?: { enabled?: boolean; showDelete?: boolean; showRename?: boolean }
  startScreen?: {
    greeting?: string
    prompts?: StartScreenPrompt[]
    /** XpertAI ≥ 0.6: `grid` (default) or `list` (one prompt per row). */
    promptsLayout?: 'grid' | 'list'
  }
  threadItemActions?: {
    feedback?: boolean
    retry?: boolean
    share?: boolean
    /** XpertAI ≥ 0.6: a "Branch in new chat" action on finished answers (copies the conversation up to it). Default false. */
    branch?: boolean
  }
  /** XpertAI ≥ 0.6. */
  messagePresentation?: ChatKitMessagePresentation
  /**
   * XpertAI ≥ 0.6: message navigation (the host's `focusMessage`). On unless `false` or
   * `{enabled: false}`; off, `focusMessage` rejects with `not_supported`.
   */
  messageNavigation?: boolean | { enabled?: boolean }
  /**
   * XpertAI ≥ 0.6: the files a tool step produced (the agent's `tool_end` `attachments`, e.g. saved
   * with `ctx.files.save`) show under the step: images as thumbnails opening in the viewer, other
   * files downloaded on click, all fetched through the authorized file route. Shown by default;
   * `false` or `{enabled: false}` hides them (they stay stored with the answer).
   */
  toolOutputAttachments?: boolean | { enabled?: boolean; [key: string]: unknown }
  /** XpertAI ≥ 0.6 workbench, MCP apps, goal and task summary panels. Refused: not available. */
  workbench?: unknown
  mcpApps?: unknown
  goal?: unknown
  taskSummary?: unknown
  composer?: {
    placeholder?: string
    attachments?: {
      enabled: boolean
      maxSize?: number
      maxCount?: number
      accept?: Record<string, string[]>
    }
    tools?: ToolOption[]
    models?: ModelOption[]
    slashCommands?: ChatKitSlashCommand[]
    /**
     * ChatKit extension: voice input. A mic button in the composer; the frame records and the
     * server transcribes (`POST /audio/transcriptions`); the text lands in the composer for review,
     * never sent by itself. Only when enabled does the iframe's `allow` list the microphone.
     */
    dictation?: { enabled: boolean }
    /** XpertAI ≥ 0.6 projects / resources / connectors pickers. Refused: no self-hosted backing yet. */
    projects?: unknown
    resources?: unknown
    connectors?: unknown
  }
  disclaimer?: { text: string; highContrast?: boolean }
  entities?: {
    onTagSearch?(query: string): Promise<Entity[]>
    onClick?(entity: Entity): void
    onRequestPreview?(entity: Entity): Promise<{ preview: BasicRoot | null }>
  }
  widgets?: {
    onAction?(action: WidgetAction, widgetItem: { id: string; widget: WidgetRoot }): Promise<void>
  }
  /**
   * ChatKit extension: `'fill'` (default) fills the container; `'auto-height'` grows with the
   * content up to `maxHeight` pixels.
   */
  layout?: 'fill' | 'auto-height' | ChatKitLayoutObject
  maxHeight?: number
  /**
   * ChatKit extension: the HTML level of a markdown `#` heading in answers (1–6, default 1); deeper
   * markdown headings follow (`##` → level + 1, capped at 6). Set it so answers fit the outline of
   * the page around the chat (e.g. 3 when the chat sits under an `<h2>`).
   */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6
  /** ChatKit extension: milliseconds to wait for the frame handshake before `chatkit.error`. Default 15 000. */
  connectTimeout?: number
}

/** The options as they cross the bridge: plain data only, with the paths of the host's callbacks. */
export type SerializedOptions = {
  /** Every option with functions removed. */
  options: Record<string, unknown>
  /** Dotted paths of the functions the host holds, e.g. `api.getClientSecret`, `widgets.onAction`. */
  callbacks: string[]
}
