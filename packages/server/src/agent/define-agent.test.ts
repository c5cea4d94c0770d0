import { describe, expect, it } from 'vitest'
import { defineAgent } from './define-agent.js'

const run = async function* () {}

describe('defineAgent appTools', () => {
  it('keeps the tools MCP Apps may call, and refuses a value without find()', () => {
    const appTools = { find: () => null }
    expect(defineAgent({ name: 'Apps', run, appTools }).appTools).toBe(appTools)
    expect('appTools' in defineAgent({ name: 'Plain', run })).toBe(false)
    expect(() => defineAgent({ name: 'Bad', run, appTools: {} as never })).toThrow('defineAgent(Bad): `appTools` must have a find(server, name) function')
  })
})
