import { describe, expect, it } from 'vitest'
import { ConfigError, parseAppConfig } from './config.js'

const parse = (env: NodeJS.ProcessEnv) => parseAppConfig([], env, '/tmp')

describe('CHATKIT_KEEP_ALIVE_MS', () => {
  it('sets the SSE keep-alive interval; unset leaves the library default', () => {
    expect(parse({ CHATKIT_KEEP_ALIVE_MS: '500' })).toMatchObject({ keepAliveMs: 500 })
    expect(parse({})).toMatchObject({ keepAliveMs: null })
  })

  it('refuses what is not a sensible number of milliseconds, saying so', () => {
    for (const bad of ['abc', '5', '-100', '1e4', '99']) {
      expect(() => parse({ CHATKIT_KEEP_ALIVE_MS: bad })).toThrow(ConfigError)
      expect(() => parse({ CHATKIT_KEEP_ALIVE_MS: bad })).toThrow(/CHATKIT_KEEP_ALIVE_MS: expected milliseconds/)
    }
  })
})

describe('OPENAI_AGENT_NAME / OPENAI_AGENT_DESCRIPTION', () => {
  it('name the built-in openai agent for end users; unset, neither the endpoint nor the model is shown', () => {
    const set = parse({ OPENAI_BASE_URL: 'http://10.0.0.9/v1', OPENAI_MODEL: 'm', OPENAI_AGENT_NAME: 'Support', OPENAI_AGENT_DESCRIPTION: 'Billing help.' })
    expect(set).toMatchObject({ openai: { baseUrl: 'http://10.0.0.9/v1', model: 'm', name: 'Support', description: 'Billing help.' } })
    expect(parse({ OPENAI_BASE_URL: 'http://10.0.0.9/v1' })).toMatchObject({ openai: { name: undefined, description: undefined } })
  })
})
