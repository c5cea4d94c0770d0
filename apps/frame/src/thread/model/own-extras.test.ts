import { describe, expect, it } from 'vitest'
import { messageFromApi } from './from-api.js'
import { userMessageSent } from './actions.js'
import { ownExtras } from './own-extras.js'
import { emptyThread } from './types.js'

describe('ownExtras', () => {
  it('reads files and references as the frame sends them, and XpertAI storage-file names', () => {
    const x = ownExtras(
      [{ id: 'f1', name: 'a.png', mimeType: 'image/png', size: 10 }, { id: 'f2', originalName: 'b.pdf', mimetype: 'application/pdf' }, { name: 'no id' }, null],
      [
        { type: 'entity', id: 'u1', title: 'Ada', data: { x: '1' } },
        { type: 'quote', text: 'said so' },
        { type: 'entity', title: 'no id' },
        { type: 'quote' },
        'junk',
      ],
    )
    expect(x).toEqual({
      attachments: [
        { id: 'f1', name: 'a.png', mimeType: 'image/png', size: 10 },
        { id: 'f2', name: 'b.pdf', mimeType: 'application/pdf' },
      ],
      references: [
        { type: 'entity', id: 'u1', title: 'Ada' },
        { type: 'quote', text: 'said so' },
      ],
    })
  })

  it('is empty for nothing usable', () => {
    expect(ownExtras(undefined, 'x')).toEqual({ attachments: [], references: [] })
  })

  it('a sent message and a stored human message keep what they were sent with; an answer never', () => {
    const files = [{ id: 'f', name: 'n.txt', mimeType: 'text/plain' }]
    const sent = userMessageSent(emptyThread, 'hi', 'tmp_1', { files, references: undefined })
    expect(sent.messages[0]).toMatchObject({ role: 'user', sent: { files } })
    expect(userMessageSent(emptyThread, 'hi', 'tmp_2').messages[0].sent).toBeUndefined()
    const stored = messageFromApi({ id: 'm', role: 'human', content: 'hi', status: 'success', references: [{ type: 'quote', text: 'q' }] }, 0)
    expect(ownExtras(stored.sent?.files, stored.sent?.references).references).toEqual([{ type: 'quote', text: 'q' }])
    expect(messageFromApi({ id: 'p', role: 'human', content: 'plain', status: 'success' }, 1).sent).toBeUndefined()
    expect(messageFromApi({ id: 'a', role: 'ai', content: 'x', status: 'success', attachments: [{ id: 'f', name: 'n' }] }, 2).sent).toBeUndefined()
  })
})
