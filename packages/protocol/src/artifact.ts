import { isRecord } from './guards.js'
/**
 * Artifacts: a document the agent made (an HTML page, an SVG, a Markdown document, a code file),
 * shown as a card in the answer that opens a side panel with preview and source. On the wire a
 * component `{category:'Dashboard', type:'Artifact', title, artifact}`. `artifactProblem` is the
 * one check, run by the server on the agent's event and by the frame before it shows one.
 */
export type ArtifactKind = 'html' | 'svg' | 'markdown' | 'code'
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['html', 'svg', 'markdown', 'code']

export type ArtifactSpec = {
  kind: ArtifactKind
  title: string
  content: string
  /** The language of a code file (highlighting); ignored for other kinds. */
  language?: string
  /** The download's file name (a default from the title and kind otherwise). */
  filename?: string
}

/** Content is capped (UTF-16 code units), so a preview stays quick to build and to render. */
export const ARTIFACT_LIMITS = { content: 256 * 1024, title: 200, filename: 100 }

/** null when `spec` is an artifact we can show, else what is wrong with it. */
export function artifactProblem(spec: unknown): string | null {
  if (!isRecord(spec)) return 'the artifact is not an object'
  if (!ARTIFACT_KINDS.includes(spec.kind as ArtifactKind)) return `unknown artifact kind "${String(spec.kind)}" (expected ${ARTIFACT_KINDS.join(', ')})`
  if (typeof spec.title !== 'string' || !spec.title.trim() || spec.title.length > ARTIFACT_LIMITS.title)
    return `title must be a non-empty string of at most ${ARTIFACT_LIMITS.title} characters`
  if (typeof spec.content !== 'string') return 'content must be a string'
  if (spec.content.length > ARTIFACT_LIMITS.content) return `content is longer than ${ARTIFACT_LIMITS.content} characters`
  if (spec.language !== undefined && (typeof spec.language !== 'string' || !/^[\w+#.-]{1,30}$/.test(spec.language)))
    return 'language must be a short word (e.g. "python")'
  if (spec.filename !== undefined && (typeof spec.filename !== 'string' || !/^[^/\\\0<>:"|?*]{1,100}$/.test(spec.filename)))
    return 'filename must be a plain file name of at most 100 characters'
  return null
}
