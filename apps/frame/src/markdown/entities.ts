/**
 * Decodes the character references marked leaves in text tokens (it resolves numeric ones itself
 * but keeps named ones like `&amp;` for its HTML renderer). We render text nodes, never HTML, so
 * decoding here is display-only and cannot create markup.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  times: '×',
  middot: '·',
  deg: '°',
}

const REF = /&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[a-zA-Z]{2,8});/g

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(REF, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name] ?? whole
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    return valid ? String.fromCodePoint(code) : '\ufffd'
  })
}
