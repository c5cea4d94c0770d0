/**
 * The history panel (loaded on first open: most sessions never open it). Newest first, more
 * pages as the end of the list scrolls into view, a server-side search, rename and delete per
 * `history.showRename/showDelete` (delete asks first). Escape or the close button closes it and
 * focus returns to the history button.
 */
import '../shared/menu-item.css'
import './history.css'
import { useEffect, useRef, useState } from 'preact/hooks'
import { Icon } from '../shared/index.js'
import { currentLocale, t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { ConversationSummary } from './api.js'
import { fullDate, relativeTime } from './relative-time.js'
import { HistoryList, type HistoryDeps } from './store.js'

export type HistoryPanelProps = {
  /** The server calls; the list (and its pages) lives as long as the frame. */
  deps: HistoryDeps
  currentId: string | null
  showRename: boolean
  showDelete: boolean
  onSelect(id: string): void
  onDeleted(id: string): void
  onClose(): void
  onError(e: unknown): void
}

const SEARCH_DELAY_MS = 250

const lists = new WeakMap<HistoryDeps, HistoryList>()
function listFor(deps: HistoryDeps): HistoryList {
  let list = lists.get(deps)
  if (!list) lists.set(deps, (list = new HistoryList(deps)))
  return list
}

export default function HistoryPanel({ deps, currentId, showRename, showDelete, onSelect, onDeleted, onClose, onError }: HistoryPanelProps) {
  const list = listFor(deps)
  const search = useRef<HTMLInputElement>(null)
  const sentinel = useRef<HTMLLIElement>(null)
  const [text, setText] = useState(list.query.value)

  useEffect(() => {
    search.current?.focus()
    void list.reset(list.query.value)
  }, [list])

  useEffect(() => {
    if (text === list.query.value) return
    const timer = setTimeout(() => void list.reset(text), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, list])

  // Infinite scroll: the sentinel after the last row asks for the next page when it shows. An
  // observer entry can be stale (computed while the list was still empty and delivered after the
  // first page rendered), so the sentinel's place is checked again when the callback runs.
  useEffect(() => {
    const el = sentinel.current
    if (!el || typeof IntersectionObserver === 'undefined') return
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && inView(el)) void list.loadMore()
    })
    io.observe(el)
    return () => io.disconnect()
  }, [list, sentinel.current])

  const items = list.items.value
  const loading = list.loading.value
  const error = list.error.value
  return (
    <section
      class="ck-history"
      id="ck-history"
      aria-label={t('history.title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          onClose()
        }
      }}
    >
      <div class="ck-history-head">
        <h2 class="ck-history-title">{t('history.title')}</h2>
        <button type="button" class="ck-header-button" aria-label={t('history.close')} title={t('history.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <input
        ref={search}
        type="search"
        class="ck-history-search"
        aria-label={t('history.search')}
        placeholder={t('history.search')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <ul class="ck-history-list">
        {items.map((c) => (
          <Row
            key={c.id}
            c={c}
            current={c.id === currentId}
            showRename={showRename}
            showDelete={showDelete}
            list={list}
            onSelect={onSelect}
            onDeleted={onDeleted}
            onError={onError}
          />
        ))}
        <li ref={sentinel} class="ck-history-sentinel" aria-hidden="true" />
      </ul>
      <div class="ck-history-status" role="status">
        {loading ? t('history.loading') : !error && items.length === 0 && list.total.value === 0 ? t(text.trim() ? 'history.noMatches' : 'history.empty') : ''}
      </div>
      {error && (
        <div class="ck-banner-error ck-history-error" role="alert">
          {t('history.failed', { reason: error })}{' '}
          <button type="button" class="ck-link-button" onClick={() => void list.loadMore()}>
            {t('history.retry')}
          </button>
        </div>
      )}
    </section>
  )
}

type RowProps = Pick<HistoryPanelProps, 'showRename' | 'showDelete' | 'onSelect' | 'onDeleted' | 'onError'> & {
  c: ConversationSummary
  current: boolean
  list: HistoryList
}

function Row({ c, current, showRename, showDelete, list, onSelect, onDeleted, onError }: RowProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view')
  const [draft, setDraft] = useState('')
  const title = c.title?.trim() || t('history.untitled')
  const locale = currentLocale()

  if (mode === 'rename') {
    const save = () => {
      const next = draft.trim()
      if (!next) return setMode('view')
      list.rename(c.id, next).then(() => setMode('view'), onError)
    }
    return (
      <li class="ck-history-row">
        <form class="ck-history-rename" onSubmit={(e) => (e.preventDefault(), save())}>
          <input
            class="ck-history-search"
            aria-label={t('history.newTitle')}
            value={draft}
            maxLength={200}
            ref={(el) => el?.focus()}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                setMode('view')
              }
            }}
          />
          <button type="submit" class="ck-text-button">
            {t('history.save')}
          </button>
          <button type="button" class="ck-text-button" onClick={() => setMode('view')}>
            {t('history.cancel')}
          </button>
        </form>
      </li>
    )
  }
  if (mode === 'confirm') {
    return (
      // biome-ignore lint/a11y/useSemanticElements: the row stays a list item (a fieldset cannot be a child of <ul>); the group names the confirm step
      <li class="ck-history-row ck-history-confirm" role="group" aria-label={t('history.deleteItem', { title })}>
        <span>{t('history.confirmDelete', { title })}</span>
        <button
          type="button"
          class="ck-text-button ck-danger"
          ref={(el) => el?.focus()}
          onClick={() =>
            list.remove(c.id).then(
              () => onDeleted(c.id),
              (e) => (onError(e), setMode('view')),
            )
          }
        >
          {t('history.delete')}
        </button>
        <button type="button" class="ck-text-button" onClick={() => setMode('view')}>
          {t('history.cancel')}
        </button>
      </li>
    )
  }
  return (
    <li class="ck-history-row" data-conversation-id={c.id}>
      <button type="button" class="ck-history-item ck-menu-item" aria-current={current ? 'true' : undefined} onClick={() => onSelect(c.id)}>
        <span class="ck-history-item-title">{title}</span>
        <time class="ck-history-item-date" dateTime={c.updatedAt} title={fullDate(c.updatedAt, locale)}>
          {relativeTime(c.updatedAt, locale)}
        </time>
      </button>
      {showRename && (
        <button
          type="button"
          class="ck-header-button"
          aria-label={t('history.renameItem', { title })}
          title={t('history.renameItem', { title })}
          onClick={() => (setDraft(c.title ?? ''), setMode('rename'))}
        >
          <Icon name="write" size={16} />
        </button>
      )}
      {showDelete && (
        <button
          type="button"
          class="ck-header-button"
          aria-label={t('history.deleteItem', { title })}
          title={t('history.deleteItem', { title })}
          onClick={() => setMode('confirm')}
        >
          <Icon name="close" size={16} />
        </button>
      )}
    </li>
  )
}

/** Whether `el` is inside its scrolling list's visible box now (not when an observer entry was made). */
function inView(el: HTMLElement): boolean {
  const box = (el.parentElement ?? el).getBoundingClientRect()
  const r = el.getBoundingClientRect()
  return r.top <= box.bottom && r.bottom >= box.top
}
