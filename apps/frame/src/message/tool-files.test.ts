// @vitest-environment happy-dom
/** Option `toolOutputAttachments`: a tool step's files show under it (fetched with the client secret), unless turned off. */
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyOptions } from '../options/store.js'
import { validateOptions } from '../options/validate.js'
import type { Message } from '../thread/model/types.js'
import { MessageView } from './MessageView.js'
import { ConversationContext, inertActions } from './context.js'

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAKElEQVR42mP4TyXAMMAGqSa/RkZDxSBMRcPYIGJEBqFB5GkbNYgcEQD/1FdCTeMOEAAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)
const answer: Message = {
  id: 'a1',
  role: 'assistant',
  status: 'done',
  parts: [
    {
      type: 'component',
      id: 'step',
      data: {
        category: 'Tool',
        type: 'make_report',
        title: 'Make a report',
        status: 'success',
        attachments: [
          { id: 'f-csv', name: 'word-count.csv', mimeType: 'text/csv', size: 30 },
          { id: 'f-png', name: 'chart.png', mimeType: 'image/png', size: PNG.length },
        ],
      },
    },
    { type: 'text', text: 'Done.' },
  ],
}

let root: HTMLElement
afterEach(() => {
  act(() => render(null, root))
  root.remove()
})
const setOptions = (o: Record<string, unknown>) =>
  act(() => applyOptions(validateOptions({ options: { api: { apiUrl: 'http://127.0.0.1:1/api' }, ...o }, callbacks: [] })))
const show = (file: (id: string) => Promise<Blob>) => {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(h(ConversationContext.Provider, { value: { ...inertActions, file }, children: h(MessageView, { message: answer }) }), root))
  return root
}

describe('tool output files', () => {
  it('show under the step: the image as a thumbnail, the CSV as a download named with its size', async () => {
    setOptions({})
    const file = vi.fn(async (id: string) => (id === 'f-png' ? new Blob([PNG], { type: 'image/png' }) : new Blob(['measure,value\n'], { type: 'text/csv' })))
    const el = show(file)
    await vi.waitFor(() => expect(el.querySelector('.ck-step-files .ck-gallery img')).not.toBeNull())
    const list = el.querySelector('.ck-step-files .ck-own-files')!
    expect(list.getAttribute('aria-label')).toBe('Files from Make a report')
    expect(list.querySelector('button')?.getAttribute('aria-label')).toBe('Download word-count.csv, 30 byte')
    expect(file).toHaveBeenCalledWith('f-png')
  })

  it('false or {enabled: false} hides them', async () => {
    for (const off of [false, { enabled: false }]) {
      setOptions({ toolOutputAttachments: off })
      const el = show(async () => new Blob(['x']))
      await vi.waitFor(() => expect(el.querySelector('.ck-step')).not.toBeNull())
      expect(el.querySelector('.ck-step-files'), JSON.stringify(off)).toBeNull()
      act(() => render(null, root))
      root.remove()
      root = document.createElement('div')
    }
  })
})
