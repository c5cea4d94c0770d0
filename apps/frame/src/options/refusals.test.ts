import { describe, expect, it } from 'vitest'
import { REFUSALS, refusedOptions } from './refusals.js'

const api = { apiUrl: 'http://127.0.0.1:8787/api/ai' }

describe('options accepted from chatkit-types but refused clearly', () => {
  // One case per refused path: the option set as a host written for XpertAI/OpenAI would set it.
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['api.projectId', { api: { ...api, projectId: 'p1' } }, []],
    ['toolOutputAttachments.onRequestPreview', { api, toolOutputAttachments: { enabled: true } }, ['toolOutputAttachments.onRequestPreview']],
    ['composer.projects', { api, composer: { projects: { enabled: true } } }, []],
    ['composer.resources', { api, composer: { resources: [{ id: 'r' }] } }, []],
    ['composer.connectors', { api, composer: { connectors: { enabled: true } } }, []],
    ['workbench', { api, workbench: { enabled: true } }, []],
    ['mcpApps', { api, mcpApps: { enabled: true } }, []],
    ['goal', { api, goal: { enabled: true } }, []],
    ['taskSummary', { api, taskSummary: true }, []],
    [
      'composer.slashCommands[1].action.type',
      {
        api,
        composer: {
          slashCommands: [
            { name: 'a', action: { type: 'insert_text' } },
            { name: 'b', action: { type: 'run_workflow' } },
          ],
        },
      },
      [],
    ],
    [
      'composer.slashCommands[0].action',
      {
        api,
        composer: {
          tools: [{ id: 'search', label: 'S', icon: 'globe' }],
          slashCommands: [{ name: 'b', action: { type: 'select_capability', capability: { type: 'skill', id: 'nope' } } }],
        },
      },
      [],
    ],
  ]
  for (const [path, options, callbacks] of cases) {
    it(`refuses ${path} with an issue naming it and why`, () => {
      const issues = refusedOptions(options, callbacks)
      expect(issues).toHaveLength(1)
      expect(issues[0].path).toBe(path)
      expect(issues[0].reason).toMatch(/^not supported: .{20,}/)
    })
  }

  it('has a case above for every refusal', () => {
    for (const r of REFUSALS) expect(cases.some(([p]) => p === r.path)).toBe(true)
    expect(cases.length).toBe(REFUSALS.length + 2) // + the two slash-command refusals
  })

  it('says nothing when the refused options are unset, false or supported', () => {
    const ok = {
      api: { ...api, url: api.apiUrl, uploadStrategy: { type: 'direct', uploadUrl: 'https://u.example/' } },
      displayMode: 'chat',
      messagePresentation: { collapseProcess: true },
      toolOutputAttachments: { enabled: true },
      pet: false,
      composer: {
        tools: [{ id: 'search', label: 'S', icon: 'globe' }],
        models: [{ id: 'fast', label: 'Fast', avatar: 'https://x.example/fast.png' }],
        slashCommands: [
          { name: 'x', action: { type: 'submit_prompt' } },
          { name: 'y', action: { type: 'select_capability', capability: { type: 'plugin', id: 'search' } } },
          { name: 'z', action: { type: 'select_capability', modelId: 'fast' } },
        ],
      },
    }
    expect(refusedOptions(ok, ['api.getClientSecret', 'api.fetch'])).toEqual([])
    expect(refusedOptions(null, [])).toEqual([])
  })
})
