import './header.css'
import type { ComponentChildren } from 'preact'
import { t } from '../i18n/index.js'
import { Icon, iconLabel } from '../shared/index.js'

export type HeaderAction = { icon: string; onClick(): void }

export type HeaderProps = {
  /** null hides the title (`header.title.enabled: false`). */
  title: string | null
  onNewChat(): void
  /** Absent when `history.enabled` is false. */
  onToggleHistory?: () => void
  historyOpen: boolean
  left?: HeaderAction
  right?: HeaderAction
  /** Lazily loaded header controls (the Export menu), before New chat. */
  children?: ComponentChildren
}

/** The bar above the conversation: host actions at the ends, title, new chat and history. */
export function Header({ title, onNewChat, onToggleHistory, historyOpen, left, right, children }: HeaderProps) {
  return (
    <header class="ck-header">
      {left && <ActionButton action={left} />}
      {/* The title is the frame document's one h1 (axe page-has-heading-one); hidden, an empty spacer. */}
      {title !== null ? (
        <h1 class="ck-header-title" aria-live="off">
          <span title={title}>{title}</span>
        </h1>
      ) : (
        <div class="ck-header-title" />
      )}
      {onToggleHistory && (
        <button
          type="button"
          class="ck-header-button"
          id="ck-history-button"
          aria-label={t('header.history')}
          title={t('header.history')}
          aria-expanded={historyOpen ? 'true' : 'false'}
          aria-controls="ck-history"
          onClick={onToggleHistory}
        >
          <Icon name="history" />
        </button>
      )}
      {children}
      <button type="button" class="ck-header-button" aria-label={t('header.newChat')} title={t('header.newChat')} onClick={onNewChat}>
        <Icon name="compose" />
      </button>
      {right && <ActionButton action={right} />}
    </header>
  )
}

function ActionButton({ action }: { action: HeaderAction }) {
  const label = t('header.action', { name: iconLabel(action.icon) })
  return (
    <button type="button" class="ck-header-button" aria-label={label} title={label} onClick={action.onClick}>
      <Icon name={action.icon} />
    </button>
  )
}
