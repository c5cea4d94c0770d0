/**
 * The conversation as Markdown: a heading per message (User / Assistant), the question as typed
 * (in a fenced-safe way), its quote, files and mentions; each answer's text as written, preceded
 * by one line per tool step (title, status) and the sources its results link to. Pure.
 */
import { isRecord } from '@xpert-ai/chatkit-protocol'
import { exportedMessage, type ExportedMessage, type ExportedTool, type ExportSource } from './to-json.js'

/** Text that must read as text in Markdown: inline markup characters escaped. */
const plain = (s: string) => s.replace(/([\\`*_[\]<>#|~])/g, '\\$1')
const quoted = (s: string) =>
  s
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')
/** A link destination that cannot end early: `<…>` with `<`, `>` and spaces encoded. */
const dest = (url: string) => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`

/** Links a tool's results name (`results` / `items` / `documents` with `url` or `link`), http(s) only. */
export function sourcesOf(tool: ExportedTool): { title: string; url: string }[] {
  const out = isRecord(tool.output) ? tool.output : {}
  const list = [out.results, out.items, out.documents].find(Array.isArray) ?? []
  return (list as unknown[]).flatMap((r) => {
    const url = isRecord(r) ? String(r.url ?? r.link ?? '') : ''
    if (!/^https?:\/\//i.test(url)) return []
    return [{ title: isRecord(r) && typeof r.title === 'string' && r.title ? r.title : url, url }]
  })
}

function question(m: ExportedMessage): string[] {
  const out = ['## User', '']
  for (const r of m.references ?? []) if (r.type !== 'entity') out.push(quoted(plain(r.text)), '')
  out.push(m.text.split('\n').map(plain).join('  \n'), '')
  if (m.attachments?.length) out.push(`Attachments: ${m.attachments.map((a) => `\`${a.name.replace(/`/g, "'")}\``).join(', ')}`, '')
  const mentions = (m.references ?? []).flatMap((r) => (r.type === 'entity' ? [`@${plain(r.title)}`] : []))
  if (mentions.length) out.push(`Mentions: ${mentions.join(', ')}`, '')
  return out
}

function answer(m: ExportedMessage): string[] {
  const out = ['## Assistant', '']
  for (const tool of m.tools ?? []) {
    if (tool.type === 'Widget') continue
    out.push(`- Tool: **${plain(tool.title)}** (${tool.status})${tool.error ? ` — ${plain(tool.error)}` : ''}`)
    for (const s of sourcesOf(tool)) out.push(`  - [${plain(s.title)}](${dest(s.url)})`)
  }
  if (m.tools?.length) out.push('')
  if (m.text) out.push(m.text.trim(), '')
  for (const img of m.images ?? []) out.push(`![${plain(img.alt ?? '')}](${dest(img.url)})`, '')
  for (const e of m.errors ?? []) out.push(quoted(plain(`Error (${e.code}): ${e.message}`)), '')
  if (m.status === 'cancelled') out.push('_(stopped)_', '')
  return out
}

export function toMarkdown(src: ExportSource): string {
  const head = [`# ${plain(src.title ?? 'Conversation')}`, '', `_Exported ${src.at.toISOString()}_`, '']
  const body = src.messages.map(exportedMessage).flatMap((m) => (m.role === 'user' ? question(m) : answer(m)))
  return `${[...head, ...body].join('\n').trimEnd()}\n`
}
