// @vitest-environment happy-dom
/** `composer.models[].avatar`: the model menu shows avatars (or the initial), and works by keyboard. */
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { avatarSrc, initialOf, ModelMenu } from './ModelMenu.js'

const PNG = 'data:image/png;base64,iVBORw0KGgo='
const models = [
  { id: 'fast', label: 'Fast', avatar: PNG },
  { id: 'deep', label: 'deep thinker', avatar: { url: `${location.origin}/deep.png` } },
  { id: 'far', label: 'Ümlaut', avatar: 'https://elsewhere.example/far.png' },
  { id: 'old', label: 'Old', disabled: true },
]

let root: HTMLElement
afterEach(() => {
  if (!root) return
  act(() => render(null, root))
  root.remove()
})
const mount = (onModel = vi.fn(), modelId = 'fast') => {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(h(ModelMenu, { models, modelId, onModel }), root))
  return { el: root, onModel }
}
const key = (el: Element, k: string) => act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })))

describe('model avatars', () => {
  it('load only what the frame may load (own origin, data:image); else the initial', () => {
    expect(avatarSrc(PNG)).toBe(PNG)
    expect(avatarSrc({ url: `${location.origin}/a.png` })).toBe(`${location.origin}/a.png`)
    expect(avatarSrc('https://elsewhere.example/far.png')).toBeNull()
    expect(avatarSrc('javascript:alert(1)')).toBeNull()
    expect(avatarSrc(undefined)).toBeNull()
    expect(initialOf(' deep thinker')).toBe('D')
    expect(initialOf('Ümlaut')).toBe('Ü')
  })

  it('the button shows the chosen model with its avatar (decorative) and is named "Model <name>"', () => {
    const { el } = mount()
    const button = el.querySelector('#ck-model-button') as HTMLButtonElement
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.getAttribute('aria-labelledby')).toBe('ck-model-name ck-model-chosen')
    expect(el.querySelector('#ck-model-chosen')?.textContent).toBe('Fast')
    const img = button.querySelector('img')
    expect(img?.getAttribute('src')).toBe(PNG)
    expect(img?.getAttribute('alt')).toBe('')
  })

  it('the menu lists every model with its avatar or initial; a broken image falls back to the initial', () => {
    const { el } = mount()
    act(() => (el.querySelector('#ck-model-button') as HTMLButtonElement).click())
    const items = [...el.querySelectorAll('[role="menuitemradio"]')]
    // An avatar adds no text (the initial is CSS generated content): the name is the item's only text.
    expect(items.map((i) => i.textContent)).toEqual(['Fast', 'deep thinker', 'Ümlaut', 'Old'])
    expect(items.map((i) => i.querySelector('.ck-model-avatar')?.getAttribute('data-initial'))).toEqual(['F', 'D', 'Ü', 'O'])
    expect(items.map((i) => i.querySelector('.ck-model-avatar')?.getAttribute('data-avatar'))).toEqual(['image', 'image', 'initial', 'initial'])
    expect(items[0]!.getAttribute('aria-checked')).toBe('true')
    expect(items[3]!.getAttribute('aria-disabled')).toBe('true')
    act(() => void items[1]!.querySelector('img')!.dispatchEvent(new Event('error')))
    expect(items[1]!.querySelector('img')).toBeNull()
    expect(items[1]!.querySelector('.ck-model-avatar')?.getAttribute('data-avatar')).toBe('initial')
  })

  it('keyboard: ↓ opens on the chosen model, ↓ moves (skipping disabled), Enter picks, Escape closes and refocuses', () => {
    const { el, onModel } = mount()
    const button = el.querySelector('#ck-model-button') as HTMLButtonElement
    button.focus()
    key(button, 'ArrowDown')
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(document.activeElement?.getAttribute('data-model-id')).toBe('fast')
    const menu = el.querySelector('[role="menu"]')!
    key(menu, 'ArrowDown')
    expect(document.activeElement?.getAttribute('data-model-id')).toBe('deep')
    key(menu, 'End')
    expect(document.activeElement?.getAttribute('data-model-id')).toBe('far')
    act(() => (document.activeElement as HTMLButtonElement).click())
    expect(onModel).toHaveBeenCalledWith('far')
    expect(document.activeElement).toBe(button)
    key(button, 'ArrowDown')
    key(el.querySelector('[role="menu"]')!, 'Escape')
    expect(el.querySelector('[role="menu"]')).toBeNull()
    expect(document.activeElement).toBe(button)
  })
})
