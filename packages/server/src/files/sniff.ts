/** How much of a file the type is decided from (the first bytes; text validity is checked on all of it). */
const SNIFF_HEAD_BYTES = 1024 * 1024

/**
 * The type of an upload, decided from its bytes only: the client's `Content-Type` is never
 * trusted (a "picture" that is really HTML must not be served as something a browser runs).
 * The file name's extension only picks among text flavours once the bytes are known to be text.
 * Returns null for anything not on the list.
 */
export function sniffMimeType(bytes: Uint8Array, name: string): string | null {
  const sniffer = new TypeSniffer()
  sniffer.push(bytes)
  return sniffer.finish(name)
}

/**
 * The same decision for a file that arrives in chunks: signatures are read from the first
 * `SNIFF_HEAD_BYTES`, which is all it keeps; "is this UTF-8 text without NUL" is checked on every
 * chunk as it passes.
 */
export class TypeSniffer {
  private readonly head: Buffer[] = []
  private headSize = 0
  private whole = true
  private text = true
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  push(chunk: Uint8Array) {
    if (this.headSize < SNIFF_HEAD_BYTES) {
      const take = chunk.subarray(0, SNIFF_HEAD_BYTES - this.headSize)
      this.head.push(Buffer.from(take))
      this.headSize += take.byteLength
      if (take.byteLength < chunk.byteLength) this.whole = false
    } else if (chunk.byteLength) {
      this.whole = false
    }
    if (!this.text) return
    try {
      if (chunk.includes(0)) this.text = false
      else this.decoder.decode(chunk, { stream: true })
    } catch {
      this.text = false
    }
  }

  finish(name: string): string | null {
    const bytes = Buffer.concat(this.head)
    const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
    const ascii = (from: number, s: string) => [...s].every((c, i) => bytes[from + i] === c.charCodeAt(0))
    if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
    if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
    if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif'
    if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
    if (ascii(0, '%PDF-')) return 'application/pdf'
    if (starts(0x50, 0x4b, 0x03, 0x04)) return officeType(bytes)
    if (!this.text) return null
    try {
      this.decoder.decode()
    } catch {
      return null
    }
    return textType(bytes, name, this.whole)
  }
}

/** OOXML files are zips whose entry names say what they are; any other zip is a zip. */
function officeType(bytes: Uint8Array): string {
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  if (names.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  if (names.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  if (names.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
  return 'application/zip'
}

const TEXT_TYPES: Record<string, string> = { md: 'text/markdown', markdown: 'text/markdown', csv: 'text/csv', json: 'application/json', txt: 'text/plain' }

/** `whole`: the head is the entire file (JSON is only called JSON when all of it was seen to parse). */
function textType(bytes: Uint8Array, name: string, whole: boolean): string {
  const ext = /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase() ?? ''
  const type = TEXT_TYPES[ext] ?? 'text/plain'
  if (type === 'application/json') {
    try {
      if (!whole) return 'text/plain'
      JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      return 'text/plain'
    }
  }
  return type
}

/** Images a browser can show without running anything (no SVG: it can carry script). */
export const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
