/**
 * Human-in-the-loop review of the agent's actions: approve / edit (args as JSON, validated) /
 * reject (optional message) / respond (message), each only when its review config allows it.
 * One decision per action request, in order; the run resumes when every action has one.
 */
import { useState } from 'preact/hooks'
import type { HITLDecision, HITLDecisionType, HITLRequest } from '@xpert-ai/chatkit-protocol'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { scrollRegion } from '../shared/index.js'
import { prettyJson } from './JsonPreview.js'

type Props = { request: HITLRequest; disabled: boolean; onDecide(decisions: HITLDecision[], summary: string): void }

function allowed(request: HITLRequest, name: string): HITLDecisionType[] {
  const config = request.reviewConfigs.find((c) => c?.actionName === name)
  const list = Array.isArray(config?.allowedDecisions) ? config.allowedDecisions : ['approve', 'reject']
  return (['approve', 'edit', 'reject', 'respond'] as const).filter((d) => list.includes(d))
}

export function HitlPanel({ request, disabled, onDecide }: Props) {
  const [decisions, setDecisions] = useState<(HITLDecision | null)[]>(() => request.actionRequests.map(() => null))
  const decide = (i: number, d: HITLDecision) => {
    const next = decisions.slice()
    next[i] = d
    setDecisions(next)
    if (next.every(Boolean)) onDecide(next as HITLDecision[], next.map((x) => x!.type).join(', '))
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of reviews, not a form fieldset
    <div class="ck-interrupt ck-hitl" role="group" aria-label={t('hitl.label')}>
      {request.actionRequests.map((a, i) => (
        <ActionReview
          key={i}
          name={a.name}
          description={a.description}
          args={a.args}
          allowed={allowed(request, a.name)}
          decided={decisions[i]}
          disabled={disabled}
          onDecide={(d) => decide(i, d)}
        />
      ))}
    </div>
  )
}

type ReviewProps = {
  name: string
  description?: string
  args: Record<string, unknown>
  allowed: HITLDecisionType[]
  decided: HITLDecision | null
  disabled: boolean
  onDecide(d: HITLDecision): void
}

function ActionReview({ name, description, args, allowed, decided, disabled, onDecide }: ReviewProps) {
  const [mode, setMode] = useState<HITLDecisionType | null>(null)
  const [text, setText] = useState('')
  const [problem, setProblem] = useState('')
  const off = disabled || decided !== null
  const open = (m: HITLDecisionType) => {
    setMode(m)
    setProblem('')
    setText(m === 'edit' ? prettyJson(args) : '')
  }
  const confirm = () => {
    if (mode === 'edit') {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (e) {
        return setProblem(t('hitl.invalidJson', { reason: (e as Error).message }))
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return setProblem(t('hitl.notObject'))
      return onDecide({ type: 'edit', editedAction: { name, args: parsed as Record<string, unknown> } })
    }
    if (mode === 'respond') {
      if (!text.trim()) return setProblem(t('hitl.needMessage'))
      return onDecide({ type: 'respond', message: text })
    }
    if (mode === 'reject') return onDecide(text.trim() ? { type: 'reject', message: text } : { type: 'reject' })
  }
  return (
    <div class="ck-hitl-action" data-action-name={name} data-decided={decided?.type}>
      <div class="ck-hitl-name">{name}</div>
      {description && <p class="ck-hitl-desc">{description}</p>}
      <pre class="ck-hitl-args" {...scrollRegion(t('hitl.editArgs'))}>
        {prettyJson(args)}
      </pre>
      <div class="ck-hitl-buttons">
        {allowed.map((d) => (
          <button key={d} type="button" disabled={off} aria-pressed={mode === d} onClick={() => (d === 'approve' ? onDecide({ type: 'approve' }) : open(d))}>
            {t(`hitl.${d}`)}
          </button>
        ))}
      </div>
      {mode && mode !== 'approve' && !decided && (
        <div class="ck-hitl-form">
          {mode === 'edit' ? (
            <textarea aria-label={t('hitl.editArgs')} rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} spellcheck={false} />
          ) : (
            <input aria-label={mode === 'reject' ? t('hitl.rejectReason') : t('hitl.response')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          )}
          {problem && (
            <p class="ck-hitl-problem" role="alert">
              {problem}
            </p>
          )}
          <button type="button" class="ck-primary" disabled={off} onClick={confirm}>
            {t('hitl.submit')}
          </button>
        </div>
      )}
    </div>
  )
}
