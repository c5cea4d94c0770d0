// @vitest-environment happy-dom
/** The value of `packages/chatkit-react/test/types/xpertai-newer.ts` (newer XpertAI options) at runtime. */
import { describe, expect, it } from 'vitest'
import { newer } from '../../../../packages/chatkit-react/test/types/xpertai-newer.js'
import { applyPresentation } from '../app/presentation.js'
import { refusedOptions } from './refusals.js'
import { validateOptions } from './validate.js'

const { getClientSecret: _, ...api } = newer.api
const options = { ...newer, api }
const callbacks = ['api.getClientSecret']

describe('options shaped like the newer XpertAI ChatKit', () => {
  it('are valid options: no invalid_options issue', () => {
    expect(validateOptions({ options, callbacks }).issues).toEqual([])
  })

  it('the ones this ChatKit cannot honour are refused by name', () => {
    expect(
      refusedOptions(options, callbacks)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['api.projectId', 'composer.connectors', 'composer.projects'])
  })

  it('layout.maxWidth, messagePresentation.mode and startScreen.promptsLayout apply to the page, and clear when unset', () => {
    const root = document.createElement('html')
    applyPresentation(root, validateOptions({ options, callbacks }).options)
    expect(root.style.getPropertyValue('--ck-max-width')).toBe('960px')
    expect(root.dataset.presentation).toBe('bubbles')
    expect(root.dataset.promptsLayout).toBe('list')
    applyPresentation(root, validateOptions({ options: { api, layout: { maxWidth: '60rem' }, messagePresentation: { mode: 'document' } }, callbacks }).options)
    expect(root.style.getPropertyValue('--ck-max-width')).toBe('60rem')
    expect(root.dataset.presentation).toBe('document')
    expect(root.dataset.promptsLayout).toBeUndefined()
    applyPresentation(root, validateOptions({ options: { api, layout: 'fill' }, callbacks }).options)
    expect(root.style.getPropertyValue('--ck-max-width')).toBe('')
    expect(root.dataset.presentation).toBeUndefined()
  })

  it('model avatars, collapseProcess and toolOutputAttachments are kept as given (the UI honours them)', () => {
    const v = validateOptions({ options, callbacks }).options as typeof options
    expect(v.composer?.models?.[0]?.avatar).toBe('https://cdn.example.com/fast.png')
    expect(v.messagePresentation?.collapseProcess).toBe(true)
    expect(v.toolOutputAttachments).toBe(true)
  })

  it('a bad layout object or mode is an issue naming the path', () => {
    const v = validateOptions({
      options: { api, layout: { maxWidth: 'calc(1px)' }, messagePresentation: { mode: 'cards' }, startScreen: { promptsLayout: 'carousel' } },
      callbacks,
    })
    expect(v.issues.map((i) => i.path)).toEqual(['layout.maxWidth', 'messagePresentation.mode', 'startScreen.promptsLayout'])
  })
})
