import './dictation.css'
import { Icon } from '../../shared/index.js'
import { t } from '../../i18n/index.js'
import '../../i18n/more/index.js'
import { dictation } from '../store.js'
import { cancelDictation, dictationLevel, stopDictation } from './dictate.js'

/** Between the mic button and the text landing: the level meter, the time and Stop; then progress or the error. */
export function DictationBar() {
  const phase = dictation.value
  if (phase.kind === 'error') {
    return (
      <div class="ck-dictation ck-dictation-error" role="alert">
        <span class="ck-dictation-text">{t(phase.message)}</span>
        <button type="button" class="ck-chip-remove" aria-label={t('composer.dismiss')} title={t('composer.dismiss')} onClick={cancelDictation}>
          <Icon name="close" />
        </button>
      </div>
    )
  }
  if (phase.kind === 'transcribing') {
    return (
      <div class="ck-dictation" role="status">
        <span class="ck-dictation-text">{t('dictation.transcribing')}</span>
        <button type="button" class="ck-chip-remove" aria-label={t('dictation.cancel')} title={t('dictation.cancel')} onClick={cancelDictation}>
          <Icon name="close" />
        </button>
      </div>
    )
  }
  const { level, seconds } = dictationLevel.value
  const s = Math.floor(seconds)
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of the recording's controls, not a form fieldset
    <div class="ck-dictation" role="group" aria-label={t('dictation.recording')}>
      <span class="ck-dictation-dot" aria-hidden="true" />
      {/* biome-ignore lint/a11y/useSemanticElements: a styled level bar (a <meter> cannot be styled the same across browsers); e2e finds it by role */}
      <div
        class="ck-dictation-meter"
        role="meter"
        aria-label={t('dictation.level')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
      >
        <div style={{ transform: `scaleX(${level})` }} />
      </div>
      <span class="ck-dictation-time" role="timer">
        {Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
      </span>
      <button type="button" class="ck-chip-remove" aria-label={t('dictation.cancel')} title={t('dictation.cancel')} onClick={cancelDictation}>
        <Icon name="close" />
      </button>
      <button type="button" class="ck-tool-button ck-dictation-stop" disabled={phase.kind !== 'recording'} onClick={() => void stopDictation()}>
        <svg viewBox="0 0 24 24" aria-hidden="true" width="14" height="14">
          <rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor" />
        </svg>
        {t('dictation.stop')}
      </button>
    </div>
  )
}
