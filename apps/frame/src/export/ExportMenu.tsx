/**
 * The header's Export menu: "Export as Markdown" / "Export as JSON" download the branch shown
 * (older pages are loaded first). A menu button: Enter, Space, ↓ or ↑ open it on the first item,
 * ↑/↓ move, Escape or Tab close it, focus returns to the button. Loaded once the thread has messages.
 */
import type { ReadonlySignal } from '@preact/signals'
import { useState } from 'preact/hooks'
import { threadTitle } from '../header/title.js'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { useMenu } from '../shared/use-menu.js'
import { safeFileBase, saveBlob } from '../shared/save-blob.js'
import type { ThreadState } from '../thread/index.js'
import { toJson } from './to-json.js'
import { toMarkdown } from './to-markdown.js'
import './export.css'

export type ExportMenuProps = { state: ReadonlySignal<ThreadState>; loadOlder(): Promise<boolean> }
type Format = 'markdown' | 'json'

export function ExportMenu({ state, loadOlder }: ExportMenuProps) {
  const { open, buttonProps, menu, close, onMenuKeyDown, onFocusOut } = useMenu('[role="menuitem"]')
  const [failed, setFailed] = useState<string | null>(null)
  const run = async (format: Format) => {
    close()
    try {
      // The whole branch: pages not loaded yet come first (each call prepends one page).
      while (state.peek().olderCount > 0 && (await loadOlder()));
      const s = state.peek()
      const src = { threadId: s.threadId, title: threadTitle.peek(), messages: s.messages, at: new Date() }
      const base = `${safeFileBase(src.title ?? '', 'conversation')}-${src.at.toISOString().slice(0, 10)}`
      if (format === 'json') saveBlob(new Blob([`${JSON.stringify(toJson(src), null, 2)}\n`], { type: 'application/json' }), `${base}.json`)
      else saveBlob(new Blob([toMarkdown(src)], { type: 'text/markdown;charset=utf-8' }), `${base}.md`)
      setFailed(null)
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div class="ck-export" onFocusOut={onFocusOut}>
      <button {...buttonProps('ck-export-menu')} class="ck-header-button" id="ck-export-button" aria-label={t('export.menu')} title={t('export.menu')}>
        <svg class="ck-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path d="M12 4v11M7 10l5 5 5-5M5 20h14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
      {open && (
        <div ref={menu} role="menu" id="ck-export-menu" class="ck-menu ck-export-menu" aria-labelledby="ck-export-button" onKeyDown={onMenuKeyDown}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => void run('markdown')}>
            {t('export.markdown')}
          </button>
          <button type="button" class="ck-menu-item" role="menuitem" tabIndex={-1} onClick={() => void run('json')}>
            {t('export.json')}
          </button>
        </div>
      )}
      {failed && (
        <p class="ck-export-error" role="alert">
          {t('export.failed', { reason: failed })}
        </p>
      )}
    </div>
  )
}
