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
