/**
 * "Ask about this": text selected in an answer shows a button next to it; it puts the text into
 * the composer as a quote (sent as a `quote` reference). Keyboard: with text selected, Tab moves
 * focus to the button (Enter uses it, Escape dismisses it). Loaded once the thread has an answer.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { quote, requestFocus } from '../composer/store.js'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { selectedAnswerText } from './selected-answer.js'
import './selection.css'

type Shown = { text: string; top: number; left: number }

export function AskAbout() {
  const [shown, setShown] = useState<Shown | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const doc = document
    const onChange = () => {
      if (doc.activeElement === button.current) return
      const s = selectedAnswerText(doc.getSelection())
      setShown(s ? { text: s.text, top: s.rect.bottom + 6, left: Math.max(8, Math.min(s.rect.left, innerWidth - 160)) } : null)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab' && !e.shiftKey && button.current && doc.activeElement !== button.current && selectedAnswerText(doc.getSelection())) {
        e.preventDefault()
        button.current.focus()
      }
    }
    doc.addEventListener('selectionchange', onChange)
    doc.addEventListener('keydown', onKey)
    return () => {
      doc.removeEventListener('selectionchange', onChange)
      doc.removeEventListener('keydown', onKey)
    }
  }, [])
  if (!shown) return null
  const ask = () => {
    quote.value = shown.text
    setShown(null)
    getSelection()?.removeAllRanges()
    requestFocus()
  }
  return (
    <button
      ref={button}
      type="button"
      class="ck-ask-about"
      style={{ top: `${shown.top}px`, left: `${shown.left}px` }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={ask}
      onKeyDown={(e) => e.key === 'Escape' && setShown(null)}
      onBlur={() => !selectedAnswerText(getSelection()) && setShown(null)}
    >
      {t('quote.ask')}
    </button>
  )
}
