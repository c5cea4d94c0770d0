/**
 * Special views of well-known tool outputs: web search (results with links), files and knowledge
 * (a list), program (code and output). Each returns null when the output does not have the shape,
 * and the step falls back to plain JSON previews.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import type { JSX } from 'preact'
import { t } from '../i18n/index.js'
import '../i18n/more/index.js'
import { decideImage, safeLinkHref } from '../markdown/urls.js'
import { scrollRegion } from '../shared/index.js'

type Data = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

function parsed(v: unknown): unknown {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v)
  } catch {
    return v
  }
}

function listIn(v: unknown, keys: string[]): unknown[] | null {
  const o = parsed(v)
  if (Array.isArray(o)) return o
  if (isRecord(o)) for (const k of keys) if (Array.isArray(o[k])) return o[k] as unknown[]
  return null
}

function SearchResults({ output }: { output: unknown }) {
  const results = listIn(output, ['results', 'items', 'documents'])
  if (!results?.length || !results.every(isRecord)) return null
  return (
    <ol class="ck-tool-results" aria-label={t('tool.results')}>
      {(results as Data[]).slice(0, 50).map((r, i) => {
        const href = safeLinkHref(str(r.url ?? r.link))
        const title = str(r.title) || str(r.url) || t('tool.untitled')
        const icon = favicon(str(r.favicon ?? r.icon))
        return (
          <li key={i}>
            {icon && <img class="ck-tool-favicon" src={icon} alt="" width={16} height={16} loading="lazy" referrerpolicy="no-referrer" />}
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {title}
              </a>
            ) : (
              <span>{title}</span>
            )}
            {r.snippet || r.content ? <p>{str(r.snippet ?? r.content).slice(0, 400)}</p> : null}
          </li>
        )
      })}
    </ol>
  )
}

/**
 * A source's favicon loads only where the image policy lets images load (the frame's origin, the
 * operator's `--image-origins`, small `data:`). Any other is left out: it is decoration, not worth
 * a prompt, and the source's link is right there.
 */
function favicon(raw: string): string | null {
  const d = raw ? decideImage(raw) : null
  return d && 'load' in d ? d.load : null
}

function FileList({ output }: { output: unknown }) {
  const items = listIn(output, ['files', 'documents', 'items', 'chunks', 'results'])
  if (!items?.length) return null
  return (
    <ul class="ck-tool-files">
      {items.slice(0, 100).map((f, i) => {
        const o = isRecord(f) ? f : {}
        const name = typeof f === 'string' ? f : str(o.name ?? o.title ?? o.filename ?? o.path ?? o.id)
        const detail = str(o.size ?? o.score ?? o.snippet ?? o.content).slice(0, 200)
        return (
          <li key={i}>
            <span class="ck-tool-file-name">{name || t('tool.untitled')}</span>
            {detail && <span class="ck-tool-file-detail">{detail}</span>}
          </li>
        )
      })}
    </ul>
  )
}

function Program({ input, output }: { input: unknown; output: unknown }) {
  const i = parsed(input)
  const code = typeof i === 'string' ? i : isRecord(i) ? str(i.code ?? i.program ?? i.script ?? i.source) : ''
  if (!code) return null
  const o = parsed(output)
  const out = typeof o === 'string' ? o : isRecord(o) ? str(o.stdout ?? o.output ?? o.result) + (o.stderr ? '\n' + str(o.stderr) : '') : ''
  return (
    <div class="ck-tool-program">
      <pre class="ck-tool-code" {...scrollRegion(t('code.label'))}>
        {code.slice(0, 20000)}
      </pre>
      {out && (
        <pre class="ck-tool-stdout" {...scrollRegion(t('tool.output'))}>
          {out.slice(0, 20000)}
        </pre>
      )}
    </div>
  )
}

/** The special view for this tool, or null. Chosen by tool name, then checked against the data. */
export function toolView(type: string, input: unknown, output: unknown): JSX.Element | null {
  const name = type.toLowerCase()
  if (/search|browse|web/.test(name)) return SearchResults({ output })
  if (/file|knowledge|retriev|document|kb/.test(name)) return FileList({ output })
  if (/program|code|python|sandbox|exec|interpreter/.test(name)) return Program({ input, output })
  return null
}
