import { useEffect } from 'preact/hooks'
import { t } from '../../i18n/index.js'
import '../../i18n/more/index.js'
import { dictation } from '../store.js'
import { cancelDictation, startDictation, stopDictation, type DictationDeps } from './dictate.js'

/**
 * The mic button (`composer.dictation.enabled`): starts recording, or stops it while recording.
 * Lives in the dictation chunk, so an embed without dictation never loads any of it.
 */
export function DictateButton({ deps }: { deps: DictationDeps }) {
  const phase = dictation.value.kind
  // Dictation turned off, or the composer gone: the microphone is released at once.
  useEffect(() => cancelDictation, [])
  const recording = phase === 'recording'
  return (
    <button
      type="button"
      class="ck-tool-button"
      aria-label={t('composer.dictate')}
      title={t('composer.dictate')}
      aria-pressed={recording ? 'true' : 'false'}
      disabled={phase === 'starting' || phase === 'transcribing'}
      onClick={() => void (recording ? stopDictation() : startDictation(deps))}
    >
      <svg class="ck-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
    </button>
  )
}
