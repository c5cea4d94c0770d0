import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import type { Message } from '../thread/index.js'
import { siblingAt, siblingPosition } from '../thread/model/versions.js'
import { useConversation } from './context.js'
import { errorText } from './text.js'

/** After a switch the message is a new element: focus the same button on it, so the keyboard stays put. */
function refocus(messageId: string, which: string) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"] .ck-branch-${which}`)
    el?.focus()
  })
}

/**
 * Where the switcher was on screen when a switch started (viewport y): the version switched to
 * puts its own switcher back there before it is painted, so the conversation does not move.
 */
let pinned: { messageId: string; top: number } | null = null

/** Scrolls the list so `el` is at `top` again, and lets the list know (it stops following the bottom if it left it). */
function keepAt(el: HTMLElement, top: number) {
  const scroller = el.closest<HTMLElement>('.ck-scroll')
  if (!scroller) return
  scroller.scrollTop += el.getBoundingClientRect().top - top
  scroller.dispatchEvent(new Event('scroll'))
}

/**
 * ‹ 2 / 3 ›: the versions of a message (an edited question, a regenerated answer). A button
 * switches the thread to that version's branch (`POST /threads/{id}/branch`, then the new path
 * replaces the old one in place: no loading state, the switcher stays where it was). Refused
 * while an answer streams (the buttons say why); a failure shows here and changes nothing.
 */
export function BranchSwitcher({ message, idle }: { message: Message; idle: boolean }) {
  const actions = useConversation()
  const [failed, setFailed] = useState<string | null>(null)
  const box = useRef<HTMLFieldSetElement>(null)
  useLayoutEffect(() => {
    if (!box.current || pinned?.messageId !== message.id) return
    keepAt(box.current, pinned.top)
    pinned = null
  }, [message.id])
  const pos = siblingPosition(message)
  if (!pos) return null
  const step = (delta: number, which: string) => {
    const target = siblingAt(message, delta)
    if (!idle || !target) return
    setFailed(null)
    pinned = box.current && { messageId: target, top: box.current.getBoundingClientRect().top }
    actions.switchBranch(target).then(
      () => {
        refocus(target, which)
        // Shown by now (or not at all: another thread opened meanwhile); a later mount must not move.
        requestAnimationFrame(() => (pinned = null))
      },
      (e: unknown) => {
        pinned = null
        setFailed(errorText(e))
      },
    )
  }
  const button = (delta: number, which: string, label: string, glyph: string) => {
    const off = !idle || !siblingAt(message, delta)
    return (
      <button
        type="button"
        class={`ck-action ck-branch-${which}`}
        aria-label={label}
        aria-disabled={off ? 'true' : undefined}
        title={idle ? label : t('branches.busy')}
        onClick={() => step(delta, which)}
      >
        <span aria-hidden="true">{glyph}</span>
      </button>
    )
  }
  return (
    <fieldset class="ck-branches" ref={box}>
      <legend class="ck-sr-only">{t('branches.label')}</legend>
      {button(-1, 'prev', t('branches.previous'), '‹')}
      <span class="ck-branch-pos" aria-live="polite">
        <span aria-hidden="true">{`${pos.index + 1} / ${pos.count}`}</span>
        <span class="ck-sr-only">{t('branches.position', { index: pos.index + 1, count: pos.count })}</span>
      </span>
      {button(1, 'next', t('branches.next'), '›')}
      {failed && (
        <span class="ck-error" role="alert">
          {t('branches.failed', { reason: failed })}
        </span>
      )}
    </fieldset>
  )
}
