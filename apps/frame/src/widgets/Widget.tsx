/**
 * A widget item of a message. Invalid trees and render failures become an inline error box; an
 * action runs once at a time (its button shows progress) and its failure is shown under the widget.
 */
import { Component, type ComponentChildren } from 'preact'
import { useMemo, useState } from 'preact/hooks'
import type { WidgetAction, WidgetComponentData, WidgetNode, WidgetRoot } from '@xpert-ai/chatkit-protocol'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { colorScheme } from '../options/index.js'
import { WidgetContext, type WidgetRuntime } from './context.js'
import { formValues } from './form.js'
import { renderChildren } from './nodes.js'
import { boxStyle, color } from './style.js'
import { widgetProblem } from './validate.js'

export type WidgetProps = {
  id: string
  data: WidgetComponentData
  onAction(action: WidgetAction, item: { id: string; widget: WidgetRoot }): Promise<void>
}

export function WidgetItem(props: WidgetProps) {
  const problem = useMemo(() => widgetProblem(props.data.widget), [props.data.widget])
  if (problem) return <WidgetError message={problem} />
  return (
    <Boundary>
      <WidgetView {...props} />
    </Boundary>
  )
}

function WidgetError({ message }: { message: string }) {
  return (
    <div class="ck-widget-error" role="alert">
      <strong>{t('widget.invalid')}</strong> {message}
    </div>
  )
}

class Boundary extends Component<{ children: ComponentChildren }, { error: string | null }> {
  override state = { error: null as string | null }
  override componentDidCatch(e: unknown) {
    this.setState({ error: e instanceof Error ? e.message : String(e) })
  }
  override render() {
    return this.state.error ? <WidgetError message={this.state.error} /> : this.props.children
  }
}

// biome-ignore lint/suspicious/noExplicitAny: agent-supplied widget JSON; each field is type-checked where it is read
type Loose = Record<string, any>

function WidgetView({ id, data, onAction }: WidgetProps) {
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const root = data.widget as WidgetRoot & Loose
  const scheme = root.theme === 'dark' || root.theme === 'light' ? root.theme : colorScheme.value
  const runtime: WidgetRuntime = {
    scheme,
    busy,
    act(action, source, form) {
      if (busy) return
      const fields = formValues(form)
      const payload = { ...(action.payload ?? {}), ...fields }
      setBusy(source)
      setFailure(null)
      onAction({ ...action, payload }, { id, widget: data.widget })
        .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)))
        .finally(() => setBusy(null))
    },
  }
  const body = renderChildren(root as WidgetNode, 'w')
  const status = root.status && typeof root.status.text === 'string' ? root.status.text : ''
  return (
    <WidgetContext.Provider value={runtime}>
      <div
        class={`ck-widget ck-widget-${root.type.toLowerCase()}`}
        data-widget-id={id}
        data-theme={scheme}
        style={{ ...boxStyle(root, scheme), background: color(root.background, scheme) }}
      >
        {status && <div class="ck-widget-status">{status}</div>}
        {root.type === 'Card' && root.asForm ? (
          <CardForm root={root} rt={runtime}>
            {body}
          </CardForm>
        ) : (
          body
        )}
        {root.type === 'Card' && !root.asForm && <CardActions root={root} rt={runtime} form={null} />}
        {failure && (
          <p class="ck-widget-error" role="alert">
            {t('widget.actionFailed', { reason: failure })}
          </p>
        )}
      </div>
    </WidgetContext.Provider>
  )
}

function CardForm({ root, rt, children }: { root: Loose; rt: WidgetRuntime; children: ComponentChildren }) {
  return (
    <form
      class="ck-w-form"
      onSubmit={(e) => {
        e.preventDefault()
        const a = root.confirm?.action
        if (a && typeof a.type === 'string' && e.currentTarget.reportValidity()) rt.act(a, 'confirm', e.currentTarget)
      }}
    >
      {children}
      <CardActions root={root} rt={rt} form />
    </form>
  )
}

/** A Card's `confirm` / `cancel` buttons. In an `asForm` card, confirm submits the card's fields. */
function CardActions({ root, rt, form }: { root: Loose; rt: WidgetRuntime; form: boolean | null }) {
  const btn = (key: 'confirm' | 'cancel') => {
    const spec = root[key]
    if (!spec || typeof spec.label !== 'string' || typeof spec.action?.type !== 'string') return null
    const submit = key === 'confirm' && form
    return (
      <button
        type={submit ? 'submit' : 'button'}
        class={key === 'confirm' ? 'ck-primary' : undefined}
        disabled={rt.busy !== null}
        aria-busy={rt.busy === key ? 'true' : undefined}
        onClick={submit ? undefined : () => rt.act(spec.action, key)}
      >
        {spec.label}
      </button>
    )
  }
  const c = btn('confirm')
  const x = btn('cancel')
  return c || x ? (
    <div class="ck-widget-actions">
      {x}
      {c}
    </div>
  ) : null
}
