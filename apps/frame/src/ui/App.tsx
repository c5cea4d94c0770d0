import './layout.css'
import { signal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { Announcer } from '../a11y/Announcer.js'
import type { Around } from '../app/around.js'
import { frameStatus } from '../app/status.js'
import { callHost } from '../bridge/index.js'
import { Composer } from '../composer/Composer.js'
import { requestFocus } from '../composer/store.js'
import { Header, type HeaderAction } from '../header/Header.js'
import { threadTitle } from '../header/title.js'
import { historyOpen, setHistoryOpen } from '../history/visibility.js'
import { t } from '../i18n/index.js'
import { hasCallback, issues, options, type FrameOptions } from '../options/store.js'
import { Disclaimer } from '../start/Disclaimer.js'
import { StartScreen, usablePrompts } from '../start/StartScreen.js'
import type { ThreadController } from '../thread/controller.js'
import { MessageList } from './MessageList.js'
import { OfflineBanner } from './ConnectionStatus.js'
import { SessionBanner } from './SessionBanner.js'

export type AppProps = {
  controller: ThreadController
  around: Around
}

type PanelModule = typeof import('../history/HistoryPanel.js')
/** The history panel is its own chunk, fetched the first time it opens. */
const panel = signal<PanelModule | null>(null)

export function App({ controller, around }: AppProps) {
  const status = frameStatus.value
  const opts = options.value
  const historyEnabled = opts?.history?.enabled !== false
  const open = historyOpen.value && historyEnabled
  const wasOpen = useRef(false)

  useEffect(() => {
    if (open && !panel.value) import('../history/HistoryPanel.js').then((m) => (panel.value = m), around.reportError)
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
  const thread = controller.state.value
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
          left={headerAction(opts, 'leftAction', around.reportError)}
          right={headerAction(opts, 'rightAction', around.reportError)}
        />
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
          <MessageList
            thread={thread}
            empty={
              <StartScreen
                greeting={opts.startScreen?.greeting || t('start.greeting')}
                prompts={usablePrompts(opts.startScreen?.prompts)}
                onPrompt={(text) => around.sendDraft({ text, files: [], model: null, toolId: null, entities: [] })}
              />
            }
          />
          <SessionBanner />
          <OfflineBanner />
          {thread.notice && (
            <p class="ck-banner ck-banner-error" role="alert">
              {thread.notice.message}
            </p>
          )}
          <Composer
            options={opts}
            running={thread.phase === 'running'}
            disabled={thread.phase === 'loading'}
            tray={around.tray}
            host={around.composerHost}
            onSend={around.sendDraft}
            onStop={() => void controller.stop()}
          />
          {opts.disclaimer?.text && <Disclaimer text={opts.disclaimer.text} highContrast={opts.disclaimer.highContrast} />}
        </main>
        {open && Panel && (
          <Panel
            deps={around.history}
            currentId={thread.threadId}
            showRename={opts.history?.showRename !== false}
            showDelete={opts.history?.showDelete !== false}
            onSelect={(id) => {
              setHistoryOpen(false)
              if (id !== thread.threadId) void controller.load(id)
              requestFocus()
            }}
            onDeleted={(id) => {
              if (id === controller.state.value.threadId) void controller.load(null)
            }}
            onClose={() => setHistoryOpen(false)}
            onError={around.reportError}
          />
        )}
      </div>
      <Announcer thread={controller.state} />
    </div>
  )
}

function headerTitle(opts: FrameOptions): string | null {
  const title = opts.header?.title
  if (title?.enabled === false) return null
  return title?.text || threadTitle.value || t('header.untitled')
}

/** A host header button: its `onClick` stays in the host and is called by path. */
function headerAction(opts: FrameOptions, side: 'leftAction' | 'rightAction', onError: (e: unknown) => void): HeaderAction | undefined {
  const a = opts.header?.[side]
  const path = `header.${side}.onClick`
  if (!a || typeof a.icon !== 'string' || !hasCallback(path)) return undefined
  return { icon: a.icon, onClick: () => void callHost(path).catch(onError) }
}
