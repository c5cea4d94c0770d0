/**
 * marked tokens → Preact vnodes. No HTML string is ever produced or injected: text becomes text
 * nodes, raw HTML in the markdown is shown as text, and only allowlisted URLs reach `href`/`src`
 * (images: only what the image policy allows, `AgentImage`).
 * Attributes come from this file alone, so an event-handler attribute cannot be expressed.
 */
import type { ComponentChildren, JSX } from 'preact'
import type { Token, Tokens } from 'marked'
import { t } from '../i18n/index.js'
import { useContext } from 'preact/hooks'
import { Citation } from '../message/answer-extras.js'
import { SourcesContext, useConversation } from '../message/context.js'
import { linkClick } from '../sources/link-click.js'
import { options } from '../options/index.js'
import { scrollRegion } from '../shared/index.js'
import { decodeEntities } from './entities.js'
import { safeLinkHref } from './urls.js'
import { AgentImage } from './AgentImage.js'
import { CodeBlock } from './CodeBlock.js'
import { MathView } from './MathView.js'
import { Unformatted } from './Unformatted.js'

function renderBlocks(tokens: readonly Token[] | undefined): ComponentChildren {
  return tokens?.map((t, i) => <BlockToken key={i} token={t} />)
}

function renderInline(tokens: readonly Token[] | undefined): ComponentChildren {
  return tokens?.map((t, i) => <InlineToken key={i} token={t} />)
}

export function renderBlock(token: Token): ComponentChildren {
  const t = token as Tokens.Generic
  switch (token.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      // dir=auto: each block takes the direction of its own text (mixed-language answers, RTL UIs).
      return <p dir="auto">{renderInline(token.tokens)}</p>
    case 'heading': {
      // `headingLevel` (ChatKit extension) shifts markdown headings to fit the host page's outline.
      const base = options.value?.headingLevel ?? 1
      const Tag = `h${Math.min(6, Math.max(1, token.depth + base - 1))}` as 'h1'
      return <Tag dir="auto">{renderInline(token.tokens)}</Tag>
    }
    case 'code':
      return <CodeBlock lang={token.lang} text={token.text} />
    case 'blockquote':
      return <blockquote>{renderBlocks(token.tokens)}</blockquote>
    case 'list':
      return <List token={token as Tokens.List} />
    case 'table':
      return <Table token={token as Tokens.Table} />
    case 'hr':
      return <hr />
    case 'math':
      return <MathView tex={t.text} display />
    case 'checkbox':
      // A task list item's box: shown, not editable (the answer is not a form).
      return <input type="checkbox" checked={t.checked === true} disabled />
    case 'html':
      // Raw HTML from an agent is content to read, never markup to run.
      return <p class="ck-md-raw">{token.text}</p>
    case 'unformatted':
      // A block too deeply nested or too dense to lex safely (guard.ts): its text, with a note.
      return <Unformatted text={t.text} />
    case 'text':
      // Block-level text: the content of a tight list item.
      return t.tokens ? renderInline(t.tokens) : decodeEntities(token.text)
    default:
      return typeof t.text === 'string' ? <p>{t.text}</p> : null
  }
}

function BlockToken({ token }: { token: Token }) {
  return <>{renderBlock(token)}</>
}

function InlineToken({ token }: { token: Token }): JSX.Element | null {
  const t = token as Tokens.Generic
  switch (token.type) {
    case 'text':
      return <>{t.tokens ? renderInline(t.tokens) : decodeEntities(token.text)}</>
    case 'escape':
      return <>{token.text}</>
    case 'strong':
      return <strong>{renderInline(token.tokens)}</strong>
    case 'em':
      return <em>{renderInline(token.tokens)}</em>
    case 'del':
      return <del>{renderInline(token.tokens)}</del>
    case 'codespan':
      // Code reads left to right in every UI language; dir isolates it from the text around it.
      return <code dir="ltr">{token.text}</code>
    case 'math':
      return <MathView tex={t.text} display={t.display === true} />
    case 'br':
      return <br />
    case 'link':
      return <Link token={token as Tokens.Link} />
    case 'citation':
      return <Cite n={t.n as number} raw={token.raw} />
    case 'image':
      return <AgentImage url={token.href} alt={decodeEntities(token.text)} title={token.title || undefined} />
    case 'checkbox':
      return <>{renderBlock(token)}</>
    case 'html':
      return <>{token.text}</>
    default:
      // biome-ignore lint/complexity/noUselessFragments: InlineToken returns JSX.Element, not a bare string
      return typeof t.text === 'string' ? <>{t.text}</> : null
  }
}

function Link({ token }: { token: Tokens.Link }) {
  const actions = useConversation()
  const href = safeLinkHref(token.href)
  const children = renderInline(token.tokens)
  if (!href) return <span class="ck-md-unsafe-link">{children}</span>
  return (
    <a href={href} title={token.title || undefined} target="_blank" rel="noopener noreferrer" onClick={linkClick(actions, href)}>
      {children}
    </a>
  )
}

/** `[n]` citing the answer's n-th source (sources/Citation.tsx); plain text when it has no such source. */
function Cite(p: { n: number; raw: string }) {
  // biome-ignore lint/complexity/noUselessFragments: a component returns JSX.Element, not a bare string
  return useContext(SourcesContext).length < p.n ? <>{p.raw}</> : <Citation {...p} />
}

function List({ token }: { token: Tokens.List }) {
  const items = token.items.map((item, i) => (
    <li key={i} class={item.task ? 'ck-md-task' : undefined} dir="auto">
      {renderBlocks(item.tokens)}
    </li>
  ))
  if (!token.ordered) return <ul>{items}</ul>
  return <ol start={typeof token.start === 'number' && token.start !== 1 ? token.start : undefined}>{items}</ol>
}

const ALIGN = new Set(['left', 'center', 'right'])

function Table({ token }: { token: Tokens.Table }) {
  const cell = (c: Tokens.TableCell, i: number, Tag: 'th' | 'td') => (
    <Tag key={i} dir="auto" style={c.align && ALIGN.has(c.align) ? { textAlign: c.align } : undefined}>
      {renderInline(c.tokens)}
    </Tag>
  )
  return (
    <div class="ck-md-table" {...scrollRegion(t('table.label'))}>
      <table>
        <thead>
          <tr>{token.header.map((c, i) => cell(c, i, 'th'))}</tr>
        </thead>
        <tbody>
          {token.rows.map((row, r) => (
            <tr key={r}>{row.map((c, i) => cell(c, i, 'td'))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
