// The gallery agent of e2e/specs/rich-gallery.spec.ts (id `demo`): three generated images (small
// raster data: URLs the image policy loads, each a solid colour, with alt text) and one from an
// origin the policy does not allow (a link, outside the gallery).
import { deflateSync } from 'node:zlib'

function crc32(buf) {
  let c = ~0
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
/** An 8×8 PNG of one colour. */
function png(r, g, b) {
  const row = Buffer.from([0, ...Array(8).fill([r, g, b]).flat()])
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(8, 0)
  ihdr.writeUInt32BE(8, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const bytes = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array(8).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return 'data:image/png;base64,' + bytes.toString('base64')
}

export default {
  id: 'demo',
  name: 'Gallery test agent',
  async *run() {
    yield { type: 'text', text: 'Three pictures:\n\n' }
    yield { type: 'image', url: png(220, 40, 40), alt: 'A red square' }
    yield { type: 'image', url: png(40, 160, 60), alt: 'A green square' }
    yield { type: 'image', url: png(40, 70, 220), alt: 'A blue square' }
    yield { type: 'image', url: 'https://elsewhere.example/picture.png', alt: 'Elsewhere' }
    yield { type: 'text', text: 'Done.' }
  },
}
