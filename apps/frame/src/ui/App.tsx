import './layout.css'
import { signal, useComputed } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { Announcer } from '../a11y/index.js'
import { type FrameUi, frameStatus } from '../app/index.js'
import type { CallHost } from '../bridge/index.js'
import { Composer, requestFocus } from '../composer/index.js'
import { Header, type HeaderAction, threadTitle } from '../header/index.js'
import { t } from '../i18n/index.js'
import { useConversation } from '../message/index.js'
import { hasCallback, issues, options, type FrameOptions } from '../options/index.js'
import { afterFirstContent, lazyComponent } from '../shared/index.js'
import { Disclaimer, StartScreen, usablePrompts } from '../start/index.js'
import type { ThreadController } from '../thread/index.js'
import { MessageList } from './MessageList.js'
import { OfflineBanner, ServiceBanner } from './ConnectionStatus.js'
import { SessionBanner } from './SessionBanner.js'

export type AppProps = {
  controller: ThreadController
  /** The services the composition root (`app/compose.ts`) built for the UI. */
  ui: FrameUi
}

type PanelModule = typeof import('../history/HistoryPanel.js')
/** The history panel is its own chunk, fetched the first time it opens. */
const panel = signal<PanelModule | null>(null)
/** The header's Export menu: its own chunk, fetched once the thread has messages. */
const ExportMenu = lazyComponent(afterFirstContent(() => import('./extras.js').then((m) => m.ExportMenu)))

export function App({ controller, ui }: AppProps) {
  const { open: historyOpen, setOpen: setHistoryOpen } = ui.historyVisibility
  const status = frameStatus.value
  const opts = options.value
  const historyEnabled = opts?.history?.enabled !== false
  const open = historyOpen.value && historyEnabled
  const wasOpen = useRef(false)
  // The App reads only what it shows from the thread (computed: it re-renders when they change, not
  // on every streamed token); the message list and the composer subscribe for themselves.
  const threadId = useComputed(() => controller.state.value.threadId).value
  const exportable = useComputed(() => controller.state.value.messages.length > 0).value

  useEffect(() => {
    if (open && !panel.value) import('../history/HistoryPanel.js').then((m) => (panel.value = m), ui.reportError)
    // Escape closes the panel wherever focus is, unless a menu already used that Escape.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setHistoryOpen(false)
    }
    if (open) document.addEventListener('keydown', onKey)
    // Closing returns focus to the button that opened it.
    if (!open && wasOpen.current) document.getElementById('ck-history-button')?.focus()
    wasOpen.current = open
    return () => document.removeEventListener('keydown', onKey)
  }, [open])

  if (status.kind === 'fatal') {
    return (
      <div class="ck-fatal" role="alert">
        <h1>{status.title}</h1>
        <p>{status.message}</p>
      </div>
    )
  }
  if (!opts) {
    return (
      <div class="ck-boot" role="status">
        {t('app.loading')}
      </div>
    )
  }
  const problems = issues.value
  const Panel = panel.value?.default
  const newChat = () => {
    setHistoryOpen(false)
    void controller.load(null)
    requestFocus()
  }
  return (
    <div class="ck-app">
      {opts.header?.enabled !== false && (
        <Header
          title={headerTitle(opts)}
          onNewChat={newChat}
          onToggleHistory={historyEnabled ? () => setHistoryOpen(!historyOpen.value) : undefined}
          historyOpen={open}
          left={headerAction(opts, 'leftAction', ui.callHost, ui.reportError)}
          right={headerAction(opts, 'rightAction', ui.callHost, ui.reportError)}
        >
          {exportable && <ExportMenu state={controller.state} loadOlder={() => controller.loadOlder()} />}
        </Header>
      )}
      <div class="ck-body">
        <main class="ck-main">
          {problems.length > 0 && (
            <div class="ck-banner ck-banner-error" role="alert">
              <strong>{t('app.invalidOptions')}</strong>
              <ul>
                {problems.map((p) => (
                  <li key={p.path}>
                    <code>{p.path}</code>: {p.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ThreadMessages
            controller={controller}
            empty={
              <StartScreen
                greeting={opts.startScreen?.greeting || t('start.greeting')}
                prompts={usablePrompts(opts.startScreen?.prompts)}
                onPrompt={(text) => ui.sendDraft({ text, files: [], model: null, toolId: null, entities: [] })}
              />
            }
          />
          <SessionBanner session={ui.session} />
          <OfflineBanner />
          <ServiceBanner />
          <ThreadNotice controller={controller} />
          <ThreadComposer controller={controller} options={opts} ui={ui} />
          {opts.disclaimer?.text && <Disclaimer text={opts.disclaimer.text} highContrast={opts.disclaimer.highContrast} />}
        </main>
        {open && Panel && (
          <Panel
            deps={ui.history}
            currentId={threadId}
            showRename={opts.history?.showRename !== false}
            showDelete={opts.history?.showDelete !== false}
            onSelect={(id) => {
              setHistoryOpen(false)
              if (id !== controller.state.value.threadId) void controller.load(id)
              requestFocus()
            }}
            onDeleted={(id) => {
              if (id === controller.state.value.threadId) void controller.load(null)
            }}
            onClose={() => setHistoryOpen(false)}
            onError={ui.reportError}
          />
        )}
      </div>
      <Announcer thread={controller.state} />
    </div>
  )
}

/** The messages: re-renders with every thread change (each message view skips itself when unchanged). */
function ThreadMessages({ controller, empty }: { controller: ThreadController; empty: ComponentChildren }) {
  return <MessageList thread={controller.state.value} empty={empty} />
}

function ThreadNotice({ controller }: { controller: ThreadController }) {
  const notice = useComputed(() => controller.state.value.notice).value
  return notice ? (
    <p class="ck-banner ck-banner-error" role="alert">
      {notice.message}
    </p>
  ) : null
}

/** The composer re-renders when the thread's phase changes, not on every streamed token. */
function ThreadComposer({ controller, options: opts, ui }: { controller: ThreadController; options: FrameOptions; ui: FrameUi }) {
  const conversation = useConversation()
  const phase = useComputed(() => controller.state.value.phase).value
  return (
    <Composer
      options={opts}
      running={phase === 'running'}
      disabled={phase === 'loading'}
      tray={ui.tray}
      host={ui.composerHost}
      onSend={ui.sendDraft}
      onStop={() => void controller.stop()}
      onEditLast={conversation.editLast}
    />
  )
}

function headerTitle(opts: FrameOptions): string | null {
  const title = opts.header?.title
  if (title?.enabled === false) return null
  return title?.text || threadTitle.value || t('header.untitled')
}

/** A host header button: its `onClick` stays in the host and is called by path. */
function headerAction(opts: FrameOptions, side: 'leftAction' | 'rightAction', callHost: CallHost, onError: (e: unknown) => void): HeaderAction | undefined {
  const a = opts.header?.[side]
  const path = `header.${side}.onClick`
  if (!a || typeof a.icon !== 'string' || !hasCallback(path)) return undefined
  return { icon: a.icon, onClick: () => void callHost(path).catch(onError) }
}
