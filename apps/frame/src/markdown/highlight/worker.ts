/**
 * The highlighter's worker: highlight.js (its grammar compilation and every block) runs here, off
 * the main thread, so a settling code block never makes the conversation stutter. Answers
 * `{id, tree}` (tree null: unknown language or unexpected output).
 */
import { highlightTree } from './languages.js'

type Job = { id: number; code: string; language: string }
/** The dedicated worker scope (the frame's TS lib is DOM, where `postMessage` wants an origin). */
const scope = self as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(m: unknown): void }

scope.onmessage = (e: MessageEvent<Job>) => {
  const { id, code, language } = e.data
  let tree = null
  try {
    tree = highlightTree(code, language)
  } catch {
    tree = null
  }
  scope.postMessage({ id, tree })
}
