import type { ComponentChildren } from 'preact'
import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { scrollRegion } from '../shared/index.js'
import { highlight } from './highlight/index.js'
import { useOnScreen } from './on-screen.js'
import { SettledContext } from './settled.js'

/** Only the first word of the info string, reduced to class-safe characters. */
function codeLanguage(lang: string | undefined): string {
  return (lang ?? '')
    .trim()
    .split(/\s/)[0]
    .replace(/[^\w+#.-]/g, '')
    .slice(0, 32)
}

const ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  py: 'python',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  html: 'xml',
  svg: 'xml',
  yml: 'yaml',
  rs: 'rust',
  md: 'markdown',
}

/**
 * A fenced code block: plain while it streams, highlighted (lazily) once settled and on screen,
 * with a copy button.
 */
export function CodeBlock({ lang, text }: { lang?: string; text: string }) {
  const language = codeLanguage(lang)
  const settled = useContext(SettledContext)
  const [nodes, setNodes] = useState<ComponentChildren | null>(null)
  const [copied, setCopied] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const wanted = settled && !!language && text.length <= 100_000
  const onScreen = useOnScreen(box, wanted)
  useEffect(() => {
    setNodes(null)
    if (!wanted || !onScreen) return
    let live = true
    void highlight(text, ALIASES[language.toLowerCase()] ?? language.toLowerCase()).then((n) => live && setNodes(n))
    return () => {
      live = false
    }
  }, [wanted, onScreen, language, text])
  const copy = () =>
    navigator.clipboard?.writeText(text).then(
      () => {
        setCopied(true)
        setTimeout(() => setCopied(false), 1500)
      },
      () => {},
    )
  return (
    <div class="ck-md-codeblock" ref={box}>
      <div class="ck-md-code-head">
        <span class="ck-md-code-lang">{language}</span>
        <button type="button" class="ck-md-copy" onClick={copy}>
          {copied ? t('code.copied') : t('code.copy')}
        </button>
      </div>
      <pre class="ck-md-code" dir="ltr" {...scrollRegion(t('code.label'))} data-language={language || undefined} data-highlighted={nodes ? 'true' : undefined}>
        <code class={language ? `language-${language}` : undefined}>{nodes ?? text}</code>
      </pre>
    </div>
  )
}
