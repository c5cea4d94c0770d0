import './composer.css'
import type { BasicRoot, Entity } from '@xpert-ai/chatkit-protocol'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { type AttachmentTray, type UploadedFile, acceptAttribute, type AttachmentRules } from '../attachments/index.js'
import { isSendKey, lazyComponent } from '../shared/index.js'
import type { Emit } from '../bridge/index.js'
import { t } from '../i18n/index.js'
import type { FrameOptions } from '../options/index.js'
import { composerValue, dictation, focusRequest, mentions, quote, selectedModel, selectedTool } from './store.js'
import type { MenuControl } from './SuggestMenu.js'
import { effectiveModel, Toolbar, validModels, validTools } from './Toolbar.js'
import { findTrigger, replaceTrigger, type Trigger } from './triggers.js'
import type { Suggestion } from './useSuggestions.js'

/** What a send carries besides the text; see README "Run request" for where each lands. */
export type Draft = { text: string; files: UploadedFile[]; model: string | null; toolId: string | null; entities: Entity[]; quote?: string | null }

export type ComposerHost = {
  invoke(path: string, args: unknown[]): Promise<unknown>
  can(path: string): boolean
  emit: Emit
  /** Dictation: posts a WAV recording to `POST /audio/transcriptions`, resolving with its JSON answer. */
  transcribe(wav: Blob, signal: AbortSignal): Promise<unknown>
}

export type ComposerProps = {
  options: FrameOptions
  /** An answer is streaming: show Stop instead of Send. */
  running: boolean
  /** Nothing can be sent right now (e.g. a thread is loading). */
  disabled: boolean
  tray: AttachmentTray
  host: ComposerHost
  /** Returns true when the draft was accepted (the composer then clears). */
  onSend(draft: Draft): boolean
  onStop(): void
  /** ↑ in an empty composer: edit the newest question; true when it opened. */
  onEditLast?(): boolean
}

const MAX_HEIGHT = 200

// Shown only once a file is attached or an entity mentioned: loaded then.
const Tray = lazyComponent(() => import('../attachments/Tray.js').then((m) => m.Tray))
const MentionChips = lazyComponent(() => import('./MentionChips.js').then((m) => m.MentionChips))
const QuoteChip = lazyComponent(() => import('../ui/extras.js').then((m) => m.QuoteChip))
const SuggestMenu = lazyComponent(() => import('./SuggestMenu.js').then((m) => m.SuggestMenu))
// Only with `composer.dictation.enabled`: the mic button, the recorder and the bar are one chunk.
const DictateButton = lazyComponent(() => import('./dictation/index.js').then((m) => m.DictateButton))
const DictationBar = lazyComponent(() => import('./dictation/index.js').then((m) => m.DictationBar))

const SUGGEST_ID = 'ck-suggest'

/** Entities from the host's `onTagSearch`, keeping only well-formed ones. */
function toEntities(value: unknown): Entity[] {
  if (!Array.isArray(value)) return []
  return value.filter((e): e is Entity => !!e && typeof e === 'object' && typeof e.id === 'string' && typeof e.title === 'string').slice(0, 50)
}

export function Composer({ options, running, disabled, tray, host, onSend, onStop, onEditLast }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [caret, setCaret] = useState(0)
  const [activeOption, setActiveOption] = useState<string | undefined>(undefined)
  const control = useRef<MenuControl>({ onActive: setActiveOption, focusInput: () => ref.current?.focus() }).current
  const value = composerValue.value
  const c = options.composer ?? {}
  const rules: AttachmentRules = c.attachments?.enabled === true ? c.attachments : { enabled: false }
  const tools = validTools(c.tools)
  const models = validModels(c.models)
  const toolId = tools.some((x) => x.id === selectedTool.value) ? selectedTool.value : null
  const modelId = effectiveModel(models, selectedModel.value)
  const tool = tools.find((x) => x.id === toolId)
  const placeholder = tool?.placeholderOverride || c.placeholder || t('composer.placeholder')
  const uploadsReady = tray.ready.value
  // While an answer streams, Enter still sends: the thread queues the message (visibly) until it ends.
  const canSend = !disabled && value.trim() !== '' && uploadsReady

  const searchEntities = useMemo(
    () => (host.can('entities.onTagSearch') ? (q: string) => host.invoke('entities.onTagSearch', [q]).then(toEntities) : undefined),
    [host, host.can('entities.onTagSearch')],
  )
  const found = findTrigger(value, Math.min(caret, value.length))
  const trigger = found && (found.kind === 'slash' ? Array.isArray(c.slashCommands) && c.slashCommands.length > 0 : !!searchEntities) ? found : null

  // Grow with the text up to MAX_HEIGHT, then scroll inside.
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`
  }, [value])

  useEffect(() => {
    if (focusRequest.value > 0) ref.current?.focus()
  }, [focusRequest.value])

  const send = (text: string) => {
    if (disabled || !text.trim() || !tray.ready.value) return
    const files = tray.items.value.flatMap((a) => (a.file ? [a.file] : []))
    if (!onSend({ text: text.trim(), files, model: modelId, toolId, entities: mentions.value, quote: quote.value })) return
    tray.take()
    composerValue.value = ''
    mentions.value = []
    quote.value = null
    setCaret(0)
  }

  const setText = (text: string, at = text.length) => {
    composerValue.value = text
    setCaret(at)
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at))
  }

  const pick = (s: Suggestion, trig: Trigger) => {
    if (s.kind === 'mention') {
      if (!mentions.value.some((e) => e.id === s.entity.id)) mentions.value = [...mentions.value, s.entity]
      const next = replaceTrigger(value, trig, '')
      return setText(next.value, next.caret)
    }
    if (s.disabled) return // shown with its availability.reason, not usable
    const { outcome } = s
    if (outcome.kind === 'insert') return setText(outcome.text)
    if (outcome.kind === 'submit') return send(outcome.text)
    setText('')
    if (outcome.kind === 'select') return selectCapability(outcome.id)
    if (outcome.kind === 'effect') host.emit('effect', { name: outcome.name, data: outcome.data })
    else host.emit('log', { name: 'slash_command', data: outcome.data })
  }

  const chooseTool = (id: string | null) => {
    selectedTool.value = id
    host.emit('tool.change', { toolId: id })
  }

  /** `select_capability`: the composer tool or model with that id (refused at setOptions when neither exists). */
  const selectCapability = (id: string) => {
    if (tools.some((x) => x.id === id)) chooseTool(id)
    else if (models.some((m) => m.id === id && !m.disabled)) selectedModel.value = id
  }

  // Dictated text joins what is there, for the user to review: never sent by itself.
  const dictationDeps = {
    post: host.transcribe,
    emit: host.emit,
    insert: (text: string) => {
      const cur = composerValue.value
      setText(cur && !/\s$/.test(cur) ? `${cur} ${text}` : cur + text)
      ref.current?.focus()
    },
  }

  const addFiles = (list: FileList | null | undefined) => {
    if (list?.length) tray.add([...list], rules)
  }

  return (
    <form
      class={`ck-composer${dragging ? ' ck-dragging' : ''}`}
      onSubmit={(e) => {
        e.preventDefault()
        send(value)
      }}
      onDragOver={(e) => {
        if (!rules.enabled || !e.dataTransfer?.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (!rules.enabled) return
        e.preventDefault()
        setDragging(false)
        addFiles(e.dataTransfer?.files)
      }}
    >
      {trigger && <SuggestMenu trigger={trigger} commands={c.slashCommands} searchEntities={searchEntities} control={control} onPick={pick} />}
      {(tray.items.value.length > 0 || tray.refusals.value.length > 0) && <Tray tray={tray} />}
      {c.dictation?.enabled === true && dictation.value.kind !== 'idle' && <DictationBar />}
      {quote.value && <QuoteChip />}
      {mentions.value.length > 0 && (
        <MentionChips
          entities={mentions.value}
          onRemove={(id) => (mentions.value = mentions.value.filter((e) => e.id !== id))}
          onOpen={host.can('entities.onClick') ? (e) => void host.invoke('entities.onClick', [e]).catch(() => {}) : undefined}
          requestPreview={
            host.can('entities.onRequestPreview')
              ? (e) => host.invoke('entities.onRequestPreview', [e]).then((r) => (r as { preview?: BasicRoot } | null)?.preview ?? null)
              : undefined
          }
        />
      )}
      <textarea
        ref={ref}
        rows={1}
        aria-label={t('composer.label')}
        placeholder={placeholder}
        value={value}
        aria-controls={activeOption ? SUGGEST_ID : undefined}
        aria-activedescendant={activeOption}
        aria-autocomplete={c.slashCommands || searchEntities ? 'list' : undefined}
        onInput={(e) => {
          composerValue.value = e.currentTarget.value
          setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length)
        }}
        onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onBlur={(e) => control.blurred?.(e.relatedTarget)}
        onPaste={(e) => {
          const files = e.clipboardData?.files
          if (rules.enabled && files?.length) {
            e.preventDefault()
            addFiles(files)
          }
        }}
        onKeyDown={(e) => {
          const handled = control.keys?.(e) ?? false
          if (handled && typeof handled === 'object') return trigger && pick(handled, trigger)
          if (!handled && e.key === 'ArrowUp' && !value && onEditLast?.()) return e.preventDefault()
          if (handled || !isSendKey(e)) return
          e.preventDefault()
          send(value)
        }}
      />
      <div class="ck-composer-row">
        <Toolbar
          onAttach={rules.enabled ? () => fileInput.current?.click() : undefined}
          tools={tools}
          toolId={toolId}
          onTool={chooseTool}
          models={models}
          modelId={modelId}
          onModel={(id) => (selectedModel.value = id)}
        />
        {!uploadsReady && <span class="ck-hint">{t('composer.waitUploads')}</span>}
        {c.dictation?.enabled === true && <DictateButton deps={dictationDeps} />}
        {running ? (
          <button type="button" class="ck-icon-button ck-stop" aria-label={t('composer.stop')} title={t('composer.stop')} onClick={onStop}>
            <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
              <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
            </svg>
          </button>
        ) : (
          <button type="submit" class="ck-icon-button ck-send" aria-label={t('composer.send')} title={t('composer.send')} disabled={!canSend}>
            <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
              <path d="M12 19V5m0 0-6 6m6-6 6 6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
          </button>
        )}
      </div>
      {rules.enabled && (
        <input
          ref={fileInput}
          type="file"
          multiple={rules.maxCount !== 1}
          accept={acceptAttribute(rules.accept)}
          hidden
          onChange={(e) => {
            addFiles(e.currentTarget.files)
            e.currentTarget.value = ''
          }}
        />
      )}
    </form>
  )
}
