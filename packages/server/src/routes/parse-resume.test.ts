import { describe, expect, it } from 'vitest'
import { parseResume } from './parse-resume.js'

describe('parseResume', () => {
  it('keeps a client tool message artifact for the agent', () => {
    const v = parseResume({
      toolMessages: [
        { tool_call_id: 'c1', name: 't', content: 'ok', artifact: { rows: [1, 2] } },
        { tool_call_id: 'c2', content: 'x', status: 'error' },
      ],
    })
    expect(v).toEqual({
      toolMessages: [
        { tool_call_id: 'c1', name: 't', content: 'ok', status: 'success', artifact: { rows: [1, 2] } },
        { tool_call_id: 'c2', name: '', content: 'x', status: 'error' },
      ],
    })
  })

  it('refuses a bad status with the field path', () => {
    expect(() => parseResume({ toolMessages: [{ tool_call_id: 'c1', status: 'maybe' }] })).toThrow(/toolMessages\[0\]\.status/)
  })
})
