/**
 * Generated markup (highlight.js spans, KaTeX output) → vnodes through an allowlist. The HTML is
 * parsed inert (`DOMParser` runs no script and loads nothing) and only allowed elements with
 * allowed attributes come out; everything else is reduced to its text. Nothing is ever assigned to
 * `innerHTML` in the live document.
 */
import { h, type ComponentChildren } from 'preact'

export type DomPolicy = {
  elements: ReadonlySet<string>
  attributes: ReadonlySet<string>
}

const STYLE_BAD = /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|position\s*:\s*(fixed|absolute|sticky)/i
const SVG = 'http://www.w3.org/2000/svg'

export function htmlToVNodes(html: string, policy: DomPolicy): ComponentChildren {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')
  return convert(doc.body.childNodes, policy)
}

function convert(nodes: NodeListOf<ChildNode>, policy: DomPolicy): ComponentChildren[] {
  const out: ComponentChildren[] = []
  nodes.forEach((node) => {
    if (node.nodeType === 3) out.push(node.textContent)
    else if (node.nodeType === 1) out.push(element(node as Element, policy))
  })
  return out
}

function element(el: Element, policy: DomPolicy): ComponentChildren {
  const name = el.localName.toLowerCase()
  if (!policy.elements.has(name)) return el.textContent
  const props: Record<string, string> = {}
  for (const attr of Array.from(el.attributes)) {
    const a = attr.name.toLowerCase()
    if (!policy.attributes.has(a) || a.startsWith('on')) continue
    if (a === 'style' && STYLE_BAD.test(attr.value)) continue
    if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) continue
    props[a === 'class' ? 'class' : attr.name] = attr.value
  }
  if (el.namespaceURI === SVG && name === 'svg') props.xmlns = SVG
  return h(name, props, ...convert(el.childNodes, policy))
}
