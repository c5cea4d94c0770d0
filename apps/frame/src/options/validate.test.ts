// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { validateOptions } from './validate.js'

const api = { apiUrl: 'http://127.0.0.1:8787/api/ai', xpertId: 'demo' }
const run = (options: Record<string, unknown>, callbacks: string[] = []) => validateOptions({ options, callbacks })

describe('option validation', () => {
  it('accepts a full, valid set of options without issues and keeps it as is', () => {
    const options = {
      frameUrl: 'http://127.0.0.1:8787/chatkit/',
      api,
      displayMode: 'chat',
      request: { state: { a: 1 }, context: { env: { K: 'v' } }, config: { tags: ['x'] } },
      locale: 'de',
      theme: {
        colorScheme: 'dark',
        radius: 'pill',
        density: 'compact',
        typography: { baseSize: 17, fontFamily: 'Inter', fontSources: [{ family: 'Inter', src: 'https://f.example/inter.woff2', weight: 400 }] },
        color: { grayscale: { hue: 200, tint: 4, shade: -2 }, accent: { primary: '#f00', level: 2 }, surface: { background: '#fff', foreground: '#000' } },
      },
      initialThread: null,
      header: { enabled: true, title: { text: 'Hi' }, leftAction: { icon: 'home' }, rightAction: { icon: 'close' } },
      history: { enabled: true, showDelete: false, showRename: true },
      startScreen: { greeting: 'Hello', prompts: [{ label: 'A', prompt: 'a', icon: 'bolt' }] },
      threadItemActions: { feedback: true, retry: false, share: true },
      composer: {
        placeholder: 'Ask',
        attachments: { enabled: true, maxCount: 3, maxSize: 1000, accept: { 'image/*': ['.png'] } },
        tools: [{ id: 't', label: 'Tool', icon: 'search' }],
        models: [{ id: 'm', label: 'M', default: true }],
        slashCommands: [{ name: 'sum-up', action: { type: 'submit_prompt', template: 'x' } }],
      },
      disclaimer: { text: 'careful', highContrast: true },
      layout: 'auto-height',
      maxHeight: 700,
      future: { something: 'new' },
    }
    const v = run(options, ['api.getClientSecret', 'widgets.onAction'])
    expect(v.issues).toEqual([])
    expect(v.options).toEqual(options)
    expect([...v.callbacks]).toEqual(['api.getClientSecret', 'widgets.onAction'])
  })

  it('names the path and reason of each bad value, and drops only that value', () => {
    const v = run({
      api,
      theme: { radius: 'square', colorScheme: 'dark', typography: { baseSize: 13 } },
      composer: { placeholder: 'ok', tools: [{ id: 't', label: 'T', icon: 'x' }, { id: 5 }], slashCommands: [{ name: 'Bad Name', action: { type: 'x' } }] },
      startScreen: { prompts: 'nope' },
      history: { enabled: 'yes' },
      layout: 'grid',
      initialThread: 42,
    })
    expect(v.issues).toEqual([
      { path: 'theme.radius', reason: 'expected pill | round | soft | sharp, got "square"' },
      { path: 'theme.typography.baseSize', reason: 'expected 14 | 15 | 16 | 17 | 18, got 13' },
      { path: 'composer.tools.1.id', reason: 'expected a string of at most 200 characters, got 5' },
      { path: 'composer.tools.1.label', reason: 'is required' },
      { path: 'composer.slashCommands.0.name', reason: expect.stringContaining('lowercase') },
      { path: 'startScreen.prompts', reason: 'expected an array, got "nope"' },
      { path: 'history.enabled', reason: 'expected true or false, got "yes"' },
      { path: 'layout', reason: 'expected fill | auto-height, got "grid"' },
      { path: 'initialThread', reason: 'expected a thread id or null, got 42' },
    ])
    // The valid rest still works.
    expect(v.options.theme).toEqual({ colorScheme: 'dark', typography: {} })
    expect((v.options.composer as { placeholder: string }).placeholder).toBe('ok')
    expect(v.options).not.toHaveProperty('layout')
    expect(v.options).not.toHaveProperty('initialThread')
  })

  it('checks URLs: absolute http(s) for the API, no credentials, no javascript:', () => {
    expect(run({ api: { apiUrl: '/relative' } }).issues).toEqual([{ path: 'api.apiUrl', reason: 'expected an absolute http(s) URL, got "/relative"' }])
    expect(run({ api: { apiUrl: 'https://u:p@example.com' } }).issues).toEqual([{ path: 'api.apiUrl', reason: 'credentials in the URL are not allowed' }])
    const font = run({ api, theme: { typography: { fontSources: [{ family: 'X', src: 'javascript:alert(1)' }] } } })
    expect(font.issues[0].path).toBe('theme.typography.fontSources.0.src')
    const data = run({
      api,
      theme: {
        typography: {
          fontSources: [
            { family: 'X', src: 'data:font/woff2;base64,d09GMgABAAAA' },
            { family: 'Y', src: '/fonts/y.woff2' },
          ],
        },
      },
    })
    expect(data.issues).toEqual([])
  })

  it('api.url is the API base too (OpenAI custom backend); one of the two is required and both must agree', () => {
    const base = 'https://app.example/api/ai'
    expect(run({ api: { url: base, domainKey: 'k' } }).issues).toEqual([])
    expect(run({ api: { url: base, apiUrl: base + '/' } }).issues).toEqual([])
    expect(run({ api: { url: 'https://other.example/api', apiUrl: base } }).issues).toEqual([
      { path: 'api.url', reason: `must be the same API as api.apiUrl (${base}), or left out` },
    ])
    expect(run({ api: { xpertId: 'x' } }).issues).toEqual([{ path: 'api.apiUrl', reason: 'is required (or api.url)' }])
    expect(run({ api: { url: '/chatkit' } }).issues).toEqual([{ path: 'api.url', reason: 'expected an absolute http(s) URL, got "/chatkit"' }])
  })

  it('api.uploadStrategy: direct needs an absolute uploadUrl; anything else is named', () => {
    expect(run({ api: { ...api, uploadStrategy: { type: 'direct', uploadUrl: 'https://u.example/up' } } }).issues).toEqual([])
    expect(run({ api: { ...api, uploadStrategy: { type: 'two_phase' } } }).issues).toEqual([])
    expect(run({ api: { ...api, uploadStrategy: { type: 'direct' } } }).issues).toEqual([{ path: 'api.uploadStrategy.uploadUrl', reason: 'is required' }])
    expect(run({ api: { ...api, uploadStrategy: { type: 's3' } } }).issues).toEqual([
      { path: 'api.uploadStrategy', reason: `expected {type: 'direct', uploadUrl} or {type: 'two_phase'}, got "s3"` },
    ])
  })

  it('startScreen.prompts: more than the 12 the start screen shows is an issue naming the path', () => {
    const prompts = Array.from({ length: 13 }, (_, i) => ({ prompt: `p${i}` }))
    const v = run({ api, startScreen: { prompts } })
    expect(v.issues).toEqual([{ path: 'startScreen.prompts', reason: 'expected at most 12 items, got 13; the rest are ignored' }])
    expect((v.options.startScreen as { prompts: unknown[] }).prompts).toHaveLength(12)
  })

  it('requires api and reports a non-object theme or options', () => {
    expect(run({}).issues).toEqual([{ path: 'api', reason: 'is required' }])
    expect(run({ api, theme: 'blue' }).issues).toEqual([{ path: 'theme', reason: 'expected light | dark, got "blue"' }])
    expect(() => validateOptions({ options: 'x' })).toThrow(/setOptions expects/)
  })

  it('composer.models[].avatar: an http(s) or data:image URL, or {url}; anything else is named', () => {
    const models = (avatar: unknown) => run({ api, composer: { models: [{ id: 'm', label: 'M', avatar }] } })
    for (const ok of ['https://cdn.example/m.png', 'http://127.0.0.1:8787/m.png', 'data:image/png;base64,AAAA', { url: 'https://cdn.example/m.png' }])
      expect(models(ok).issues, JSON.stringify(ok)).toEqual([])
    for (const bad of ['sparkle', 'javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'https://user:pw@cdn.example/m.png', { icon: 'x' }])
      expect(
        models(bad).issues.map((i) => i.path),
        JSON.stringify(bad),
      ).toEqual(['composer.models.0.avatar'])
  })
})
