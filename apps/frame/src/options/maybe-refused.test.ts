import { describe, expect, it } from 'vitest'
import { maybeRefused } from './maybe-refused.js'
import { REFUSALS, refusedOptions } from './refusals.js'

/** Sets `path` (dotted) to `value` in a fresh options object. */
const withPath = (path: string, value: unknown) => {
  const root: Record<string, unknown> = {}
  const keys = path.split('.')
  let at = root
  for (const k of keys.slice(0, -1)) at = (at[k] = {}) as Record<string, unknown>
  at[keys[keys.length - 1]!] = value
  return root
}

describe('maybeRefused: the gate before the refusals chunk', () => {
  it('lets through every option a refusal names (so none is missed), as a value or a callback', () => {
    for (const r of REFUSALS) {
      const options = withPath(r.path, true)
      expect(refusedOptions(options, [])).not.toEqual([])
      expect(maybeRefused(options, []), r.path).toBe(true)
      expect(maybeRefused({}, [r.path]), r.path).toBe(true)
    }
    // Honoured now (issue 19): a model avatar, collapseProcess and toolOutputAttachments are no refusal, and do not fetch the chunk.
    const honoured = {
      composer: { models: [{ id: 'a', label: 'A', avatar: 'https://x.example/a.png' }] },
      messagePresentation: { collapseProcess: true },
      toolOutputAttachments: true,
    }
    expect(refusedOptions(honoured, [])).toEqual([])
    expect(maybeRefused(honoured, [])).toBe(false)
    const slash = { composer: { slashCommands: [{ name: 'x', action: { type: 'run_workflow' } }] } }
    expect(refusedOptions(slash, [])).not.toEqual([])
    expect(maybeRefused(slash, [])).toBe(true)
  })

  it('keeps the chunk away from a plain embed', () => {
    const plain = {
      api: { apiUrl: 'https://chat.example/api/ai' },
      theme: { colorScheme: 'dark' },
      composer: { placeholder: 'Ask' },
      startScreen: { prompts: [{ label: 'Hi', prompt: 'Hi' }] },
    }
    expect(maybeRefused(plain, ['api.getClientSecret', 'onClientTool'])).toBe(false)
    expect(refusedOptions(plain, ['api.getClientSecret', 'onClientTool'])).toEqual([])
  })
})
