// @vitest-environment happy-dom
/** What the composer's toolbar and suggestion menu show for each tool, model, command and entity field. */
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Suggestions } from './Suggestions.js'
import { Toolbar } from './Toolbar.js'
import { slashMenuEntry } from './slash.js'
import type { Suggestion } from './useSuggestions.js'

let root: HTMLElement
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mount = (vnode: ReturnType<typeof h<any>>) => {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(vnode, root))
  return root
}
afterEach(() => render(null, root))
const iconPath = (el: Element | null) => el?.querySelector('svg.ck-icon path')?.getAttribute('d')

describe('composer menus', () => {
  it('toolbar: a pinned tool shows its icon; models show description as title and disabled ones cannot be chosen', async () => {
    const tools = [
      { id: 'search', label: 'Web search', icon: 'globe', pinned: true },
      { id: 'draw', label: 'Draw', icon: 'nope-not-an-icon', pinned: true },
    ]
    const models = [
      { id: 'fast', label: 'Fast', description: 'Quick answers' },
      { id: 'old', label: 'Old', disabled: true },
    ]
    const el = mount(h(Toolbar, { tools, toolId: null, onTool: () => {}, models, modelId: 'fast', onModel: () => {} }))
    const [search, draw] = el.querySelectorAll('.ck-tool-pinned')
    // The icon set loads lazily: then the named icon replaces the fallback dot the unknown one keeps.
    await vi.waitFor(() => expect(iconPath(search)).not.toBe(iconPath(draw)))
    const options = [...el.querySelectorAll<HTMLOptionElement>('select[aria-label="Model"] option')]
    expect(options.map((o) => [o.value, o.title, o.disabled])).toEqual([
      ['fast', 'Quick answers', false],
      ['old', '', true],
    ])
  })

  it('slash menu: category groups, argsHint, kind/source tags, icon, and a disabled command with its reason', () => {
    const commands = [
      {
        name: 'translate',
        description: 'Translate text',
        icon: 'globe',
        category: 'Writing',
        argsHint: '<language>',
        kind: 'prompt_workflow',
        source: 'workspace',
        action: { type: 'insert_text', template: '' },
      },
      {
        name: 'deploy',
        label: 'Deploy',
        availability: { disabled: true, reason: 'Needs admin rights' },
        category: 'Ops',
        action: { type: 'insert_text', template: '' },
      },
    ]
    const items: Suggestion[] = commands.map((c) => ({ kind: 'slash', key: c.name, icon: c.icon, command: c, ...slashMenuEntry(c) }))
    const el = mount(
      h(Suggestions, {
        state: { trigger: { kind: 'slash', start: 0, end: 1, query: '' }, items, searching: false, active: 0 },
        onPick: () => {},
        onHover: () => {},
        onKeyDown: () => {},
        onBlur: () => {},
      }),
    )
    expect([...el.querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))).toEqual(['Writing', 'Ops'])
    const [translate, deploy] = el.querySelectorAll('[role="option"]')
    expect(translate.querySelector('.ck-suggest-label')?.textContent).toBe('/translate <language>')
    expect([...translate.querySelectorAll('.ck-suggest-tag')].map((t) => t.textContent)).toEqual(['prompt_workflow', 'workspace'])
    expect(translate.querySelector('.ck-suggest-desc')?.textContent).toBe('Translate text')
    expect(iconPath(translate)).toBeTruthy()
    expect(deploy.getAttribute('aria-disabled')).toBe('true')
    expect(deploy.querySelector('.ck-suggest-desc')?.textContent).toBe('Needs admin rights')
  })

  it('mention menu: Entity.icon and Entity.group show', () => {
    const items: Suggestion[] = [
      { kind: 'mention', key: 'e1', label: 'Ada', icon: 'user', group: 'People', entity: { id: 'e1', title: 'Ada', icon: 'user', group: 'People' } },
    ]
    const el = mount(
      h(Suggestions, {
        state: { trigger: { kind: 'mention', start: 0, end: 2, query: 'a' }, items, searching: false, active: 0 },
        onPick: () => {},
        onHover: () => {},
        onKeyDown: () => {},
        onBlur: () => {},
      }),
    )
    expect(el.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('People')
    expect(iconPath(el.querySelector('[role="option"]'))).toBeTruthy()
  })
})
