import type { SourceItem } from '@xpert-ai/chatkit-protocol'
import type { AgentEvent } from '../agent/types.js'
import { AgentProtocolError } from './agent-protocol-error.js'

/** Sources one answer may list (each `[n]` marker names one of them). */
export const MAX_SOURCES = 50
/** Longer titles and snippets are cut (with `…`): a search API's page text is not a card's. */
const MAX_SOURCE_TITLE = 300
const MAX_SOURCE_SNIPPET = 600
/** Suggested next questions one answer may offer, and how long each may be. */
const MAX_SUGGESTIONS = 6
const MAX_SUGGESTION_CHARS = 200

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s)

/**
 * The checked, normalized sources of an agent `sources` event: an absolute http(s) `url` (the
 * frame opens nothing else), a `title` (default: the url's host), an optional `snippet`.
 * `already` is how many the message lists so far: together they stay within MAX_SOURCES.
 */
export function checkSources(ev: Extract<AgentEvent, { type: 'sources' }>, already: number): SourceItem[] {
  const list: unknown = ev.sources
  if (!Array.isArray(list) || list.length === 0) throw new AgentProtocolError('agent sources event: sources must be a non-empty array')
  if (already + list.length > MAX_SOURCES) throw new AgentProtocolError(`agent sources event: an answer may list at most ${MAX_SOURCES} sources`)
  return list.map((raw, i) => {
    const at = `agent sources event: sources[${i}]`
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AgentProtocolError(`${at} must be an object with a url`)
    const s = raw as Record<string, unknown>
    const url = typeof s.url === 'string' ? httpUrl(s.url) : null
    if (!url) throw new AgentProtocolError(`${at}.url must be an absolute http(s) URL`)
    if (s.title !== undefined && typeof s.title !== 'string') throw new AgentProtocolError(`${at}.title must be a string`)
    if (s.snippet !== undefined && typeof s.snippet !== 'string') throw new AgentProtocolError(`${at}.snippet must be a string`)
    const title = cut(s.title?.trim() || url.host, MAX_SOURCE_TITLE)
    const snippet = s.snippet?.trim()
    return { title, url: url.href, ...(snippet ? { snippet: cut(snippet, MAX_SOURCE_SNIPPET) } : {}) }
  })
}

/** The checked questions of an agent `suggestions` event (an empty list withdraws them). */
export function checkSuggestions(ev: Extract<AgentEvent, { type: 'suggestions' }>): string[] {
  const list: unknown = ev.suggestions
  if (!Array.isArray(list) || list.length > MAX_SUGGESTIONS)
    throw new AgentProtocolError(`agent suggestions event: suggestions must be an array of at most ${MAX_SUGGESTIONS} questions`)
  return list.map((q, i) => {
    if (typeof q !== 'string' || !q.trim() || q.length > MAX_SUGGESTION_CHARS) {
      throw new AgentProtocolError(`agent suggestions event: suggestions[${i}] must be a non-empty string of at most ${MAX_SUGGESTION_CHARS} characters`)
    }
    return q.trim()
  })
}

function httpUrl(raw: string): URL | null {
  if (raw.length > 2048) return null
  try {
    const url = new URL(raw.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}
