import { t } from '../i18n/index.js'

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

/** A labelled, collapsed JSON block ("Input", "Output"). */
export function JsonPreview({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null || value === '') return null
  return (
    <details class="ck-json">
      <summary>{label}</summary>
      <pre class="ck-json-body" aria-label={t('tool.jsonOf', { label })}>
        {prettyJson(value)}
      </pre>
    </details>
  )
}
