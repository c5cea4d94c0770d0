// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { apiSettings, applyOptions, rememberSessionAssistant } from './store.js'
import { validateOptions } from './validate.js'

const apply = (api: Record<string, unknown>) => applyOptions(validateOptions({ options: { api }, callbacks: ['api.getClientSecret'] }))

describe('options store: the assistant of each request', () => {
  it("uses the getClientSecret result's xpertId / assistantId when api.xpertId is not set", () => {
    apply({ apiUrl: 'http://127.0.0.1:8787/api/ai' })
    expect(apiSettings.value?.assistantId).toBeUndefined()
    rememberSessionAssistant({ secret: 's', xpertId: 'xpert-from-session' })
    expect(apiSettings.value?.assistantId).toBe('xpert-from-session')
    rememberSessionAssistant({ secret: 's', assistantId: 'assistant-b' })
    expect(apiSettings.value?.assistantId).toBe('assistant-b')
    rememberSessionAssistant('plain-secret')
    expect(apiSettings.value?.assistantId).toBeUndefined()
  })

  it('api.xpertId, when set, wins over the session result', () => {
    apply({ apiUrl: 'http://127.0.0.1:8787/api/ai', xpertId: 'explicit' })
    rememberSessionAssistant({ secret: 's', xpertId: 'xpert-from-session' })
    expect(apiSettings.value?.assistantId).toBe('explicit')
  })
})
