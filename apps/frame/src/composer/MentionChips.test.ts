// @vitest-environment happy-dom
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { MentionChips } from './MentionChips.js'

describe('mention chips', () => {
  it('Entity.interactive: false makes a plain chip: no onClick, no preview request', async () => {
    const root = document.createElement('div')
    document.body.append(root)
    const onOpen = vi.fn((_e: { id: string }) => {})
    const requestPreview = vi.fn(async (_e: { id: string }) => null)
    const entities = [
      { id: 'a', title: 'Ada' },
      { id: 'b', title: 'Bob', interactive: false },
    ]
    act(() => render(h(MentionChips, { entities, onRemove: () => {}, onOpen, requestPreview }), root))
    const [ada, bob] = [...root.querySelectorAll<HTMLButtonElement>('.ck-chip-main')]
    expect(bob.getAttribute('aria-disabled')).toBe('true')
    expect(ada.hasAttribute('aria-disabled')).toBe(false)
    await act(() => {
      bob.click()
      bob.dispatchEvent(new FocusEvent('focus'))
      ada.click()
      ada.dispatchEvent(new FocusEvent('focus'))
    })
    expect(onOpen.mock.calls.map(([e]) => e.id)).toEqual(['a'])
    expect(requestPreview.mock.calls.map(([e]) => e.id)).toEqual(['a'])
    render(null, root)
  })
})
