import { useEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { isSendKey } from '../shared/index.js'
import { errorText, messageText } from './text.js'
import type { Message } from '../thread/index.js'
import { useConversation } from './context.js'

/**
 * The inline editor of a sent question (a lazy chunk: loaded with the first Edit). Save (or Enter,
 * as in the composer; Shift+Enter for a new line) asks the new text in its place: a new branch,
 * answered again. Cancel or Escape closes it unchanged.
 */
export function EditQuestion({ message }: { message: Message }) {
  const actions = useConversation()
  const [text, setText] = useState(() => messageText(message))
  const input = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    const el = input.current
    if (!el) return
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [])
  const [failed, setFailed] = useState<string | null>(null)
  const close = () => (actions.editing.value = null)
  // Closes once the new question is on its way; a refusal keeps the editor and its text.
  const save = () => {
    if (text.trim()) actions.edit(message.id, text).then(close, (e: unknown) => setFailed(errorText(e)))
  }
  return (
    <form
      class="ck-edit"
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <textarea
        ref={input}
        class="ck-edit-input"
        dir="auto"
        rows={Math.min(8, text.split('\n').length + 1)}
        aria-label={t('edit.label')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            close()
          } else if (isSendKey(e)) {
            e.preventDefault()
            save()
          }
        }}
      />
      {failed && (
        <p class="ck-error" role="alert">
          {failed}
        </p>
      )}
      <div class="ck-edit-row">
        <button type="button" class="ck-action" onClick={close}>
          {t('edit.cancel')}
        </button>
        <button type="submit" class="ck-edit-save" disabled={!text.trim()}>
          {t('edit.save')}
        </button>
      </div>
    </form>
  )
}
