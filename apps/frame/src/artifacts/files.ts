/** Download names and types of artifacts. */
import type { ArtifactSpec } from '@xpert-ai/chatkit-protocol'
import { safeFileBase } from '../shared/save-blob.js'

const EXT: Record<ArtifactSpec['kind'], string> = { html: 'html', svg: 'svg', markdown: 'md', code: 'txt' }
const MIME: Record<ArtifactSpec['kind'], string> = { html: 'text/html', svg: 'image/svg+xml', markdown: 'text/markdown', code: 'text/plain' }
const CODE_EXT: Record<string, string> = {
  javascript: 'js',
  typescript: 'ts',
  python: 'py',
  json: 'json',
  css: 'css',
  shell: 'sh',
  bash: 'sh',
  go: 'go',
  rust: 'rs',
  java: 'java',
  sql: 'sql',
  yaml: 'yaml',
}

export function mimeOf(a: ArtifactSpec): string {
  return `${MIME[a.kind]};charset=utf-8`
}

/** `filename` when given, else the title as a safe file name with the kind's extension. */
export function downloadName(a: ArtifactSpec): string {
  if (a.filename) return a.filename
  const base = safeFileBase(a.title, 'artifact')
  const ext = a.kind === 'code' ? (CODE_EXT[(a.language ?? '').toLowerCase()] ?? 'txt') : EXT[a.kind]
  return `${base}.${ext}`
}
