/**
 * The highlighter chunk: highlight.js core with a handful of common languages (the full build is
 * ~300 KB; this stays small). It runs in the highlighter worker (worker.ts); the main thread
 * imports it only where workers are unavailable.
 */
import hljs from 'highlight.js/lib/core'
import { hljsTree, type HlNode } from './tree.js'
import bash from 'highlight.js/lib/languages/bash'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import python from 'highlight.js/lib/languages/python'
import rust from 'highlight.js/lib/languages/rust'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'

const LANGUAGES = { bash, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml }
for (const [name, lang] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, lang)

/** `code` highlighted as a tree of classed spans, or null for a language it does not know. */
export function highlightTree(code: string, language: string): HlNode[] | null {
  if (!hljs.getLanguage(language)) return null
  return hljsTree(hljs.highlight(code, { language, ignoreIllegals: true }).value)
}
