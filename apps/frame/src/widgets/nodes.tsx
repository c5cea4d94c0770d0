/**
 * Widget nodes → vnodes. Text props become text nodes, URLs pass the markdown allowlists (images
 * the image policy), style
 * values pass `style.ts`; nothing from the widget becomes an attribute name or raw HTML.
 */
import type { ComponentChildren, JSX } from 'preact'
import { useContext } from 'preact/hooks'
import type { WidgetAction, WidgetNode } from '@xpert-ai/chatkit-protocol'
import { Markdown } from '../markdown/index.js'
import { AgentImage } from '../markdown/MarkdownView.js'
import { WidgetContext } from './context.js'
import { formValid } from './form.js'
import { boxStyle, color, length, space } from './style.js'
import { childrenOf } from './validate.js'
import { lazyComponent } from '../shared/index.js'

/** The SVG chart renderer loads on the first `Chart` node. */
const Chart = lazyComponent(() => import('./chart/Chart.js').then((m) => m.Chart))

// biome-ignore lint/suspicious/noExplicitAny: agent-supplied widget JSON; every field is read through the guards below (str, bool, word, action, …)
type N = WidgetNode & Record<string, any>
type Opt = { value?: unknown; label?: unknown; disabled?: unknown } | null | undefined
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const bool = (v: unknown) => v === true
const action = (v: unknown): WidgetAction | null => (v && typeof v === 'object' && typeof (v as WidgetAction).type === 'string' ? (v as WidgetAction) : null)
const cls = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ')
/** Enum-like props become class suffixes only when they are plain words. */
const word = (v: unknown) => (typeof v === 'string' && /^[a-z0-9-]{1,20}$/i.test(v) ? v : undefined)

export function renderChildren(node: WidgetNode, path: string): ComponentChildren {
  return childrenOf(node).map((c, i) => <WidgetNodeView key={i} node={c} path={`${path}.${i}`} />)
}

function WidgetNodeView({ node, path }: { node: WidgetNode; path: string }): JSX.Element | null {
  const n = node as N
  const rt = useContext(WidgetContext)
  const text = (Tag: 'p' | 'span' | 'h3', base: string) => (
    <Tag
      class={cls(base, word(n.size) && `ck-w-size-${n.size}`, word(n.weight) && `ck-w-weight-${n.weight}`, bool(n.truncate) && 'ck-w-truncate')}
      style={{
        color: color(n.color, rt.scheme),
        textAlign: word(n.textAlign),
        fontStyle: bool(n.italic) ? 'italic' : undefined,
        textDecoration: bool(n.lineThrough) ? 'line-through' : undefined,
      }}
    >
      {str(n.value)}
    </Tag>
  )
  switch (n.type) {
    case 'Box':
    case 'Col':
    case 'Row':
    case 'Basic':
      return (
        <div class={`ck-w-box ck-w-${n.type.toLowerCase()}`} style={boxStyle(n, rt.scheme, n.type === 'Row' ? 'row' : n.type === 'Col' ? 'column' : undefined)}>
          {renderChildren(n, path)}
        </div>
      )
    case 'Form':
      return (
        <form
          class="ck-w-box ck-w-form"
          style={boxStyle(n, rt.scheme)}
          noValidate={false}
          onSubmit={(e) => {
            e.preventDefault()
            const a = action(n.onSubmitAction)
            if (a && formValid(e.currentTarget)) rt.act(a, path, e.currentTarget)
          }}
        >
          {renderChildren(n, path)}
        </form>
      )
    case 'Transition':
      return <>{renderChildren(n, path)}</>
    case 'Spacer':
      return <div class="ck-w-spacer" style={{ flex: 1, minWidth: length(n.minSize), minHeight: length(n.minSize) }} />
    case 'Divider':
      return <hr class="ck-w-divider" style={{ borderColor: color(n.color, rt.scheme), margin: n.flush ? 0 : space(n.spacing) && `${space(n.spacing)} 0` }} />
    case 'Title':
      return text('h3', 'ck-w-title')
    case 'Caption':
      return text('span', 'ck-w-caption')
    case 'Text':
      if (n.editable && typeof n.editable === 'object' && typeof n.editable.name === 'string') {
        return (
          <input
            class="ck-w-input"
            name={n.editable.name}
            defaultValue={str(n.value)}
            placeholder={str(n.editable.placeholder)}
            required={bool(n.editable.required)}
          />
        )
      }
      return text('p', 'ck-w-text')
    case 'Markdown':
      return (
        <div class="ck-w-markdown">
          <Markdown text={str(n.value)} />
        </div>
      )
    case 'Label':
      return (
        <label class="ck-w-label" for={fieldId(path, str(n.fieldName))}>
          {str(n.value)}
        </label>
      )
    case 'Badge':
      return (
        <span class={cls('ck-w-badge', word(n.color) && `ck-w-badge-${n.color}`, word(n.variant) && `ck-w-badge-${n.variant}`, bool(n.pill) && 'ck-w-pill')}>
          {str(n.label)}
        </span>
      )
    case 'Icon':
      return <span class="ck-w-icon" data-icon={word(n.name)} role="img" aria-label={word(n.name) ?? ''} style={{ color: color(n.color, rt.scheme) }} />
    case 'Image':
      return (
        <AgentImage
          class={cls('ck-w-image', bool(n.frame) && 'ck-w-frame')}
          url={str(n.src)}
          alt={str(n.alt)}
          style={{ width: length(n.width), height: length(n.height), objectFit: word(n.fit) }}
        />
      )
    case 'Button':
      return <WidgetButton n={n} path={path} />
    case 'Input':
      return (
        <input
          class="ck-w-input"
          id={fieldId(path, str(n.name))}
          name={str(n.name)}
          type={['number', 'email', 'text', 'password', 'tel', 'url'].includes(n.inputType) ? n.inputType : 'text'}
          defaultValue={str(n.defaultValue)}
          placeholder={str(n.placeholder)}
          required={bool(n.required)}
          pattern={str(n.pattern) || undefined}
          disabled={bool(n.disabled)}
          aria-label={str(n.placeholder) || str(n.name)}
        />
      )
    case 'Textarea':
      return (
        <textarea
          class="ck-w-input"
          name={str(n.name)}
          defaultValue={str(n.defaultValue)}
          placeholder={str(n.placeholder)}
          required={bool(n.required)}
          rows={typeof n.rows === 'number' ? Math.min(20, Math.max(1, n.rows)) : 3}
          disabled={bool(n.disabled)}
          aria-label={str(n.placeholder) || str(n.name)}
        />
      )
    case 'Select':
      return (
        <select
          class="ck-w-input"
          name={str(n.name)}
          defaultValue={str(n.defaultValue)}
          disabled={bool(n.disabled)}
          aria-label={str(n.placeholder) || str(n.name)}
        >
          {n.placeholder && <option value="">{str(n.placeholder)}</option>}
          {(Array.isArray(n.options) ? n.options : []).map((o: Opt, i: number) => (
            <option key={i} value={str(o?.value)}>
              {str(o?.label)}
            </option>
          ))}
        </select>
      )
    case 'DatePicker':
      return (
        <input
          class="ck-w-input"
          type="date"
          name={str(n.name)}
          defaultValue={str(n.defaultValue)}
          min={str(n.min) || undefined}
          max={str(n.max) || undefined}
          disabled={bool(n.disabled)}
          aria-label={str(n.placeholder) || str(n.name)}
        />
      )
    case 'Checkbox':
      return (
        <label class="ck-w-check">
          <input type="checkbox" name={str(n.name)} defaultChecked={bool(n.defaultChecked)} required={bool(n.required)} disabled={bool(n.disabled)} />
          {str(n.label)}
        </label>
      )
    case 'RadioGroup':
      return (
        <div
          class="ck-w-radios"
          role="radiogroup"
          aria-label={str(n.ariaLabel) || str(n.name)}
          style={{ flexDirection: n.direction === 'row' ? 'row' : 'column' }}
        >
          {(Array.isArray(n.options) ? n.options : []).map((o: Opt, i: number) => (
            <label key={i} class="ck-w-check">
              <input
                type="radio"
                name={str(n.name)}
                value={str(o?.value)}
                defaultChecked={str(o?.value) === str(n.defaultValue)}
                disabled={bool(n.disabled) || bool(o?.disabled)}
                required={bool(n.required)}
              />
              {str(o?.label)}
            </label>
          ))}
        </div>
      )
    case 'ListViewItem':
      return <ListItem n={n} path={path} />
    case 'Chart':
      return <Chart spec={n} />
    default:
      // Nested roots (Basic may hold them) render as boxes; validation rejected anything else.
      return (
        <div class="ck-w-box" style={boxStyle(n, rt.scheme)}>
          {renderChildren(n, path)}
        </div>
      )
  }
}

function fieldId(path: string, name: string): string {
  return `ckw-${path.replace(/\W/g, '-')}-${name.replace(/[^\w-]/g, '')}`
}

function WidgetButton({ n, path }: { n: N; path: string }) {
  const rt = useContext(WidgetContext)
  const a = action(n.onClickAction)
  const busy = rt.busy === path
  const onClick = (e: MouseEvent) => {
    const form = (e.currentTarget as HTMLElement).closest('form')
    if (!a) return // a plain submit button: the form's onSubmit handles it
    e.preventDefault()
    if (n.submit && !formValid(form)) return
    rt.act(a, path, n.submit ? form : null)
  }
  return (
    <button
      type={n.submit ? 'submit' : 'button'}
      class={cls(
        'ck-w-button',
        n.style === 'primary' || n.color === 'primary' ? 'ck-primary' : undefined,
        word(n.variant) && `ck-w-${n.variant}`,
        bool(n.block) && 'ck-w-block',
      )}
      disabled={bool(n.disabled) || rt.busy !== null}
      aria-busy={busy ? 'true' : undefined}
      onClick={onClick}
    >
      {busy && <span class="ck-w-spinner" aria-hidden="true" />}
      {str(n.label)}
    </button>
  )
}

function ListItem({ n, path }: { n: N; path: string }) {
  const rt = useContext(WidgetContext)
  const a = action(n.onClickAction)
  const style = { ...boxStyle(n, rt.scheme, 'row'), alignItems: undefined }
  if (!a)
    return (
      <div class="ck-w-item" style={style}>
        {renderChildren(n, path)}
      </div>
    )
  return (
    <button type="button" class="ck-w-item ck-w-item-action" style={style} disabled={rt.busy !== null} onClick={() => rt.act(a, path)}>
      {renderChildren(n, path)}
    </button>
  )
}
