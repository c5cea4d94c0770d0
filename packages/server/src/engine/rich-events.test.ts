import { defineAgent, type AgentEvent } from '@xpert-ai/chatkit-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/harness.js'
import { runAnswer } from '../testing/answer-run.js'

const SALES = { chartType: 'bar' as const, labels: ['Q1', 'Q2'], series: [{ name: 'Sales', values: [3, 5] }], unit: 'k€', title: 'Sales' }

const rich = defineAgent({
  id: 'rich',
  name: 'Rich',
  async *run(ctx) {
    switch (ctx.input.text) {
      case 'bad chart':
        yield { type: 'chart', chart: { ...SALES, series: [{ name: 'Sales', values: [3] }] } } as unknown as AgentEvent
        return
      case 'bad artifact':
        yield { type: 'artifact', artifact: { kind: 'pdf', title: 'x', content: '' } } as unknown as AgentEvent
        return
      case 'bad alt':
        yield { type: 'image', url: 'data:image/png;base64,AA', alt: 5 } as unknown as AgentEvent
        return
      case 'chart':
        yield { type: 'chart', id: 'sales', chart: { ...SALES, series: [{ name: 'Sales', values: [3, 5], extra: '<x>' } as never] } }
        return
      case 'image':
        yield { type: 'image', url: 'data:image/png;base64,AA', alt: 'A square' }
        return
      default:
        yield { type: 'artifact', id: 'page', artifact: { kind: 'html', title: 'Page', content: '<p>hi</p>', extra: 1 } as never }
    }
  },
})

let s: TestServer
beforeAll(async () => void (s = await startTestServer({ extraAgents: [rich] })))
afterAll(() => s.close())

describe('agent chart event', () => {
  it('streams and stores a widget whose card holds one Chart node with only the spec fields', async () => {
    const { events, stored } = await runAnswer(s, 'rich', 'chart')
    const widget = {
      type: 'Card',
      children: [{ type: 'Chart', chartType: 'bar', labels: ['Q1', 'Q2'], series: [{ name: 'Sales', values: [3, 5] }], unit: 'k€', title: 'Sales' }],
    }
    const part = { type: 'component', id: 'sales', data: { category: 'Dashboard', type: 'Widget', title: 'Sales', widget } }
    expect(events).toContainEqual({ type: 'message', data: part })
    expect(stored).toEqual([part])
  })
  it('ends the run with a clear error when the spec is wrong', async () => {
    const { events } = await runAnswer(s, 'rich', 'bad chart')
    expect(events.at(-1).data).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/agent chart event: series\[0\]\.values must hold one number per label \(2\)/),
    })
  })
})

describe('agent artifact event', () => {
  it('streams and stores an Artifact component with only the spec fields', async () => {
    const { events, stored } = await runAnswer(s, 'rich', 'artifact')
    const part = {
      type: 'component',
      id: 'page',
      data: { category: 'Dashboard', type: 'Artifact', title: 'Page', artifact: { kind: 'html', title: 'Page', content: '<p>hi</p>' } },
    }
    expect(events).toContainEqual({ type: 'message', data: part })
    expect(stored).toEqual([part])
  })
  it('ends the run with a clear error when the artifact is wrong', async () => {
    const { events } = await runAnswer(s, 'rich', 'bad artifact')
    expect(events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(/agent artifact event: unknown artifact kind "pdf"/) })
  })
})

describe('agent image event alt text', () => {
  it('travels and is stored in image_url', async () => {
    const { stored } = await runAnswer(s, 'rich', 'image')
    expect(stored).toEqual([{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA', alt: 'A square' } }])
  })
  it('must be a string', async () => {
    const { events } = await runAnswer(s, 'rich', 'bad alt')
    expect(events.at(-1).data).toMatchObject({ status: 'error', error: expect.stringMatching(/agent image event: alt must be a string/) })
  })
})
