/**
 * highlight.js's HTML output as a plain tree, without a DOM (so a worker can build it): only
 * `<span class="…">`, `</span>` and escaped text occur in it. Anything else means the output is
 * not what we expect, and the block stays plain (null).
 */
export type HlNode = string | { c: string; k: HlNode[] }

const TAG = /<span class="([\w -]{1,80})">|<\/span>/g
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" }

function text(s: string): string | null {
  if (s.includes('<') || s.includes('>')) return null
  return s.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e])
}

export function hljsTree(html: string): HlNode[] | null {
  const root: HlNode[] = []
  const stack: HlNode[][] = [root]
  let at = 0
  for (const m of html.matchAll(TAG)) {
    const t = text(html.slice(at, m.index))
    if (t === null) return null
    if (t) stack.at(-1)!.push(t)
    at = m.index + m[0].length
    if (m[1] !== undefined) {
      const node = { c: m[1], k: [] as HlNode[] }
      stack.at(-1)!.push(node)
      stack.push(node.k)
    } else if (stack.length === 1) {
      return null
    } else {
      stack.pop()
    }
  }
  const t = text(html.slice(at))
  if (t === null || stack.length !== 1) return null
  if (t) root.push(t)
  return root
}
