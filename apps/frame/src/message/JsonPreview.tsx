import { useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { scrollRegion } from '../shared/index.js'

const LIMIT = 8000

/** Pretty JSON of any value, as text (never markup), cut at a size a panel can show. */
export function prettyJson(value: unknown): string {
  let s: string
  if (typeof value === 'string') s = value
  else {
    try {
      s = JSON.stringify(value, null, 2) ?? String(value)
    } catch {
      s = String(value)
    }
  }
  return s.length > LIMIT ? s.slice(0, LIMIT) + '\n…' : s
}

/**
 * A labelled, collapsed JSON block ("Input", "Output"). The JSON is built only once it is opened:
 * an answer with thousands of tool steps must not stringify thousands of values per update.
 */
export function JsonPreview({ label, value }: { label: string; value: unknown }) {
  const [open, setOpen] = useState(false)
  if (value === undefined || value === null || value === '') return null
  return (
    <details class="ck-json" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{label}</summary>
      {open && (
        <pre class="ck-json-body" {...scrollRegion(t('tool.jsonOf', { label }))}>
          {prettyJson(value)}
        </pre>
      )}
    </details>
  )
}
