import { Markdown } from '../markdown/index.js'

/**
 * The host's disclaimer under the composer. Markdown, so it can link to terms; rendered by the
 * frame's safe markdown renderer (no HTML, allowlisted URLs only). `highContrast` uses the main
 * text color instead of the muted one.
 */
export function Disclaimer({ text, highContrast }: { text: string; highContrast?: boolean }) {
  return (
    <div class={`ck-disclaimer${highContrast ? ' ck-disclaimer-strong' : ''}`}>
      <Markdown text={text} />
    </div>
  )
}
