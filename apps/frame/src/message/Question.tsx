import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { Icon, lazyComponent } from '../shared/index.js'
import type { Message } from '../thread/index.js'
import { BranchSwitcher } from './BranchSwitcher.js'
import { useConversation } from './context.js'

// The editor loads with the first Edit (or ↑ in an empty composer).
const EditQuestion = lazyComponent(() => import('./EditQuestion.js').then((m) => m.EditQuestion))

/**
 * A sent question: its content (`children`), or the inline editor while it is being edited; Edit
 * and, once it has versions, the ‹ 2 / 3 › switcher. While an answer streams both are refused
 * (focusable, saying why). A question the server never got (unsent) has nothing to edit.
 */
export function Question({ message, idle, time, children }: { message: Message; idle: boolean; time?: ComponentChildren; children: ComponentChildren }) {
  const actions = useConversation()
  const editing = actions.editing.value === message.id
  const edit = useRef<HTMLButtonElement>(null)
  const was = useRef(editing)
  useEffect(() => {
    // Cancel (or Escape) leaves the keyboard where the editor was opened.
    if (was.current && !editing && (!document.activeElement || document.activeElement === document.body)) edit.current?.focus()
    was.current = editing
  }, [editing])
  if (editing) return <EditQuestion message={message} />
  return (
    <>
      {children}
      {!message.unsent && message.status !== 'streaming' && (
        <div class="ck-actions ck-question-actions" role="toolbar" aria-label={t('actions.label')}>
          <button
            ref={edit}
            type="button"
            class="ck-action"
            aria-disabled={idle ? undefined : 'true'}
            aria-label={t('actions.edit')}
            title={idle ? t('actions.edit') : t('branches.busy')}
            onClick={() => idle && (actions.editing.value = message.id)}
          >
            <Icon name="pencil" size={16} />
          </button>
          <BranchSwitcher message={message} idle={idle} />
          {time}
        </div>
      )}
    </>
  )
}
