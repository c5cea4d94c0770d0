import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import { composerValue, focusRequest } from './store.js'
import { isSendKey } from './keys.js'

export type ComposerProps = {
  placeholder: string
  /** An answer is streaming: show Stop instead of Send. */
  running: boolean
  /** Nothing can be sent right now (e.g. a thread is loading). */
  disabled: boolean
  /** Returns true when the text was accepted (the composer then clears). */
  onSend(text: string): boolean
  onStop(): void
}

const MAX_HEIGHT = 200

export function Composer({ placeholder, running, disabled, onSend, onStop }: ComposerProps) {
  const ref = useRef<HTMLTextAreaElement>(null)
  const value = composerValue.value
  const canSend = !running && !disabled && value.trim() !== ''

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

  const submit = () => {
    if (canSend && onSend(value.trim())) composerValue.value = ''
  }

  return (
    <form
      class="ck-composer"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <textarea
        ref={ref}
        rows={1}
        aria-label="Message"
        placeholder={placeholder}
        value={value}
        onInput={(e) => (composerValue.value = e.currentTarget.value)}
        onKeyDown={(e) => {
          if (!isSendKey(e)) return
          e.preventDefault()
          submit()
        }}
      />
      {running ? (
        <button type="button" class="ck-icon-button ck-stop" aria-label="Stop" title="Stop" onClick={onStop}>
          <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
            <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
          </svg>
        </button>
      ) : (
        <button type="submit" class="ck-icon-button ck-send" aria-label="Send" title="Send" disabled={!canSend}>
          <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
            <path d="M12 19V5m0 0-6 6m6-6 6 6" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
      )}
    </form>
  )
}
