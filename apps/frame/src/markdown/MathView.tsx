import type { ComponentChildren } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { scrollRegion } from '../shared/index.js'
import { renderMath } from './math/index.js'
import { SettledContext } from './settled.js'

/** TeX typeset by the lazy KaTeX chunk; the source shows until then (and on an error). */
export function MathView({ tex, display }: { tex: string; display: boolean }) {
  const settled = useContext(SettledContext)
  const [out, setOut] = useState<{ nodes: ComponentChildren } | { error: string } | null>(null)
  useEffect(() => {
    if (!settled) return
    let live = true
    void renderMath(tex, display).then((r) => live && setOut(r))
    return () => {
      live = false
    }
  }, [settled, tex, display])
  const Tag = display ? 'div' : 'span'
  // A display formula wider than the answer scrolls sideways: a named tab stop, as a code block is.
  const region = display ? scrollRegion(t('math.label')) : {}
  if (out && 'nodes' in out)
    return (
      <Tag class={display ? 'ck-math ck-math-block' : 'ck-math'} data-math="rendered" {...region}>
        {out.nodes}
      </Tag>
    )
  const source = display ? `$$${tex}$$` : `$${tex}$`
  return (
    <Tag
      class={display ? 'ck-math ck-math-block ck-math-source' : 'ck-math ck-math-source'}
      data-math={out ? 'error' : 'pending'}
      title={out && 'error' in out ? `${t('math.invalid')}: ${out.error}` : undefined}
      {...region}
    >
      {source}
    </Tag>
  )
}
