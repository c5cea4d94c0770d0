import type { ContextUsage } from '@xpert-ai/chatkit-protocol'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'

/** Context usage as a small meter (a fraction of the window when known, else a token count). */
export function UsageMeter({ usage }: { usage: ContextUsage }) {
  const max = usage.contextWindow
  const pct = max ? Math.min(100, Math.round((usage.totalTokens / max) * 100)) : null
  const label = max ? t('usage.ofWindow', { used: usage.totalTokens, max, percent: pct! }) : t('usage.tokens', { used: usage.totalTokens })
  return (
    // biome-ignore lint/a11y/useSemanticElements: a meter with its own bar and text inside, which a <meter> element cannot hold
    <div
      class="ck-usage"
      role="meter"
      aria-label={t('usage.label')}
      aria-valuemin={0}
      aria-valuemax={max ?? usage.totalTokens}
      aria-valuenow={usage.totalTokens}
      aria-valuetext={label}
      title={label}
    >
      {pct !== null && (
        <span class="ck-usage-bar">
          <span style={{ width: `${pct}%` }} />
        </span>
      )}
      <span class="ck-usage-text">{label}</span>
    </div>
  )
}
