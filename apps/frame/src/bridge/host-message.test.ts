import { describe, expect, it } from 'vitest'
import type { RunRequest } from '@xpert-ai/chatkit-protocol'
import { parseComposerPatch, parseHostMessage } from './host-message.js'

const body: RunRequest = { assistant_id: 'a', input: { input: { input: 'hi' }, state: { human: { input: 'hi' } } }, config: { tags: ['t'] } }

describe('sendUserMessage parameters', () => {
  it('text is optional when content carries it', () => {
    expect(parseHostMessage({ content: ['Hello', { type: 'input_text', text: 'world' }] }).text).toBe('Hello\nworld')
    expect(() => parseHostMessage({ content: [] })).toThrow(/non-empty text/)
  })

  it('model, toolChoice, uploaded attachments, references, reply and state shape this run', () => {
    const m = parseHostMessage({
      text: 'hi',
      newThread: true,
      model: 'fast',
      toolChoice: { id: 'search' },
      attachments: [{ type: 'file', id: 'f1', name: 'a.pdf', mime_type: 'application/pdf' }],
      references: [{ type: 'code', text: 'const a = 1', path: 'a.ts', startLine: 1, endLine: 1 }],
      reply: 'the earlier answer',
      state: { mood: 'calm', human: { lang: 'fr' } },
      followUpMode: 'queue',
    })
    expect(m.newThread).toBe(true)
    const out = m.extend!(body)
    expect(out.input.input).toEqual({
      input: 'hi',
      files: [{ id: 'f1', name: 'a.pdf', mimeType: 'application/pdf' }],
      references: [
        { type: 'quote', text: 'the earlier answer' },
        { type: 'code', text: 'const a = 1', path: 'a.ts', startLine: 1, endLine: 1 },
      ],
      tool: 'search',
    })
    expect(out.input.state).toEqual({ mood: 'calm', human: { lang: 'fr', input: 'hi' } })
    expect(out.config).toEqual({ tags: ['t'], configurable: { model: 'fast' } })
  })

  it('a plain text message adds nothing; unknown fields and steer are refused by name', () => {
    expect(parseHostMessage({ text: 'hi' })).toEqual({ text: 'hi', newThread: false, extend: undefined })
    expect(() => parseHostMessage({ text: 'hi', planMode: true })).toThrow(/sendUserMessage\.planMode is not supported/)
    expect(() => parseHostMessage({ text: 'hi', followUpMode: 'steer' })).toThrow(/followUpMode is not supported/)
    expect(() => parseHostMessage({ text: 'hi', references: [{ type: 'video', text: 'x' }] })).toThrow(/references\[0\]/)
  })
})

describe('setComposerValue parameters', () => {
  it('partial updates: any of text, selectedToolId, selectedModelId', () => {
    expect(parseComposerPatch({ selectedToolId: 'search' })).toEqual({ toolId: 'search' })
    expect(parseComposerPatch({ selectedModelId: null, text: '' })).toEqual({ text: '', modelId: null })
    expect(() => parseComposerPatch({})).toThrow(/at least one/)
  })

  it('reply, references and attachments are refused by name', () => {
    expect(() => parseComposerPatch({ reply: 'x' })).toThrow(/setComposerValue\.reply is not supported/)
    expect(() => parseComposerPatch({ text: 'a', references: [] })).toThrow(/setComposerValue\.references/)
    expect(() => parseComposerPatch({ attachments: [{ id: 'f' }] })).toThrow(/setComposerValue\.attachments/)
  })
})
