import { describe, expect, it } from 'vitest'
import { matchCommands, slashMenuEntry, slashOutcome } from './slash.js'
import { findTrigger, replaceTrigger } from './triggers.js'

describe('triggers', () => {
  it('finds slash commands only at the start, until a space', () => {
    expect(findTrigger('/sum', 4)).toEqual({ kind: 'slash', query: 'sum', start: 0, end: 4 })
    expect(findTrigger('/sum more', 9)).toBeNull()
    expect(findTrigger('a /sum', 6)).toBeNull()
  })
  it('finds @mentions at the caret after a space or at the start', () => {
    expect(findTrigger('hello @ali', 10)).toEqual({ kind: 'mention', query: 'ali', start: 6, end: 10 })
    expect(findTrigger('@', 1)).toEqual({ kind: 'mention', query: '', start: 0, end: 1 })
    expect(findTrigger('mail@example', 12)).toBeNull()
    expect(findTrigger('hello @ali and', 14)).toBeNull()
  })
  it('replaces the trigger text', () => {
    const t = findTrigger('hi @al there', 6)!
    expect(replaceTrigger('hi @al there', t, '')).toEqual({ value: 'hi  there', caret: 3 })
  })
})

describe('slash commands', () => {
  const cmds = [
    { name: 'summarize', label: 'Summarize', action: { type: 'submit_prompt', template: 'Summarize this' } },
    { name: 'sign', action: { type: 'insert_text', template: 'Best, Ada' } },
    { name: 'open', action: { type: 'client_action', action: { type: 'open_panel', payload: { id: 1 } } } },
    { name: 'off', availability: { disabled: true }, action: { type: 'insert_text', template: '' } },
    { nope: true },
  ]
  it('filters by prefix (name, label, alias), keeps disabled ones (shown greyed) and drops malformed ones', () => {
    expect(matchCommands(cmds, 's').map((c) => c.name)).toEqual(['summarize', 'sign'])
    expect(matchCommands(cmds, '').map((c) => c.name)).toEqual(['summarize', 'sign', 'open', 'off'])
    expect(matchCommands([{ name: 'x', label: 'Translate', aliases: ['tr'], action: { type: 'insert_text' } }], 'tr').length).toBe(1)
    expect(matchCommands([{ name: 'x', label: 'Translate', aliases: ['de'], action: { type: 'insert_text' } }], 'de').length).toBe(1)
    expect(matchCommands('nope', '')).toEqual([])
  })
  it('maps actions to outcomes', () => {
    const [sum, sign, open] = matchCommands(cmds, '')
    expect(slashOutcome(sum)).toEqual({ kind: 'submit', text: 'Summarize this' })
    expect(slashOutcome(sign)).toEqual({ kind: 'insert', text: 'Best, Ada' })
    expect(slashOutcome(open)).toEqual({ kind: 'effect', name: 'open_panel', data: { id: 1 } })
    expect(slashOutcome({ name: 'inv', action: { type: 'insert_invocation', template: '@agent ' } })).toEqual({ kind: 'insert', text: '@agent ' })
    expect(slashOutcome({ name: 'web', action: { type: 'select_capability', capability: { type: 'plugin', id: 'search' } } })).toEqual({
      kind: 'select',
      id: 'search',
    })
    expect(slashOutcome({ name: 'fast', action: { type: 'select_capability', modelId: 'fast' } })).toEqual({ kind: 'select', id: 'fast' })
  })

  it('menu entries show category, argsHint, kind, source, and availability.reason when disabled', () => {
    const entry = slashMenuEntry({
      name: 'translate',
      description: 'Translate text',
      category: 'Writing',
      argsHint: '<language>',
      kind: 'skill',
      source: 'workspace',
      action: { type: 'insert_text' },
    })
    expect(entry).toEqual({
      label: '/translate',
      hint: '<language>',
      group: 'Writing',
      tags: ['skill', 'workspace'],
      disabled: false,
      description: 'Translate text',
      outcome: { kind: 'insert', text: '' },
    })
    const off = slashMenuEntry({
      name: 'deploy',
      description: 'Deploy',
      availability: { disabled: true, reason: 'Needs admin rights' },
      action: { type: 'insert_text' },
    })
    expect(off).toMatchObject({ disabled: true, description: 'Needs admin rights' })
    expect(slashMenuEntry({ name: 'x', source: { type: 'plugin', name: 'GitHub' }, action: { type: 'insert_text' } }).tags).toEqual(['GitHub'])
  })
})

import { withExtras, withModel } from './run-extras.js'

describe('run extras', () => {
  it('puts files, mentions, tool and model where the README says', () => {
    const body = { assistant_id: 'a', input: { input: { input: 'hi', files: [], references: [] } }, config: { tags: ['x'], configurable: { thread: 1 } } }
    const out = withExtras(body, {
      files: [{ id: 'f1', name: 'a.png', mimeType: 'image/png', url: 'http://x' }],
      entities: [{ id: 'e1', title: 'Ada', group: 'People', data: { crm: '42' } }],
      toolId: 'search',
      model: 'gpt-x',
    })
    expect(out.input.input).toEqual({
      input: 'hi',
      files: [{ id: 'f1', name: 'a.png', mimeType: 'image/png' }],
      references: [{ type: 'entity', id: 'e1', title: 'Ada', group: 'People', data: { crm: '42' } }],
      tool: 'search',
    })
    expect(out.config).toEqual({ tags: ['x'], configurable: { thread: 1, model: 'gpt-x' } })
    expect(body.config.configurable).toEqual({ thread: 1 })
  })

  it('withModel puts the selected model in every request config, keeping the rest', () => {
    const request = { state: { a: 1 }, config: { tags: ['x'], configurable: { thread: 1 } } }
    expect(withModel(request, 'fast')).toEqual({ state: { a: 1 }, config: { tags: ['x'], configurable: { thread: 1, model: 'fast' } } })
    expect(withModel(undefined, 'fast')).toEqual({ config: { configurable: { model: 'fast' } } })
    expect(withModel(request, null)).toBe(request)
    expect(request.config.configurable).toEqual({ thread: 1 })
  })
})
