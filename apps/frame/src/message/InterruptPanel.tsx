import type { HITLDecision } from '@xpert-ai/chatkit-protocol'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { scrollRegion } from '../shared/index.js'
import { isClientToolRequest, isHITLRequest, type InterruptPart } from '../thread/index.js'
import { useConversation } from './context.js'
import { HitlPanel } from './HitlPanel.js'
import { prettyJson } from './JsonPreview.js'

/**
 * What a paused run waits for. Client tools run by themselves (their steps show the progress);
 * confirmations and reviews need the user, and only on the latest message while nothing runs.
 */
export function InterruptPanel({ part, messageId, actionable }: { part: InterruptPart; messageId: string; actionable: boolean }) {
  const { resume } = useConversation()
  const { request } = part
  if (part.resolved) return <p class="ck-note ck-interrupt-done">{t('interrupt.answered', { summary: part.resolved })}</p>
  if (isClientToolRequest(request)) {
    return (
      <p class="ck-note ck-interrupt-client" role="status">
        {t('interrupt.clientTools', { names: request.clientToolCalls.map((c) => c.name).join(', ') })}
      </p>
    )
  }
  const decide = (decisions: HITLDecision[], summary: string) => resume(messageId, { decisions }, summary)
  if (isHITLRequest(request)) return <HitlPanel request={request} disabled={!actionable} onDecide={decide} />
  const calls = request.toolCalls
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group (question, calls, buttons), not a form fieldset
    <div class="ck-interrupt ck-confirm" role="group" aria-label={t('confirm.label')}>
      <p>{t('confirm.question')}</p>
      {calls.map((c) => (
        <div key={c.id} class="ck-confirm-call" data-tool-name={c.name}>
          <span class="ck-hitl-name">{c.name}</span>
          <pre class="ck-hitl-args" {...scrollRegion(t('hitl.editArgs'))}>
            {prettyJson(c.args)}
          </pre>
        </div>
      ))}
      <div class="ck-hitl-buttons">
        <button
          type="button"
          class="ck-primary"
          disabled={!actionable}
          onClick={() =>
            decide(
              calls.map(() => ({ type: 'approve' })),
              t('confirm.approved'),
            )
          }
        >
          {t('confirm.approve')}
        </button>
        <button
          type="button"
          disabled={!actionable}
          onClick={() =>
            decide(
              calls.map(() => ({ type: 'reject' })),
              t('confirm.rejected'),
            )
          }
        >
          {t('confirm.reject')}
        </button>
      </div>
    </div>
  )
}
