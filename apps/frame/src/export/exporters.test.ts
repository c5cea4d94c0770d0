import { describe, expect, it } from 'vitest'
import type { Message } from '../thread/index.js'
import { toJson } from './to-json.js'
import { sourcesOf, toMarkdown } from './to-markdown.js'

const at = new Date('2026-01-02T03:04:05.000Z')
const messages: Message[] = [
  {
    id: 'q1',
    role: 'user',
    status: 'done',
    parts: [{ type: 'text', text: 'What is *this*?\nSecond line' }],
    sent: {
      files: [{ id: 'f1', name: 'cat.png', mimeType: 'image/png', size: 68 }],
      references: [
        { type: 'quote', text: 'the quoted bit' },
        { type: 'entity', id: 'u1', title: 'Ada', data: { k: 'v' } },
      ],
    },
  },
  {
    id: 'a1',
    role: 'assistant',
    status: 'done',
    feedback: 'like',
    parts: [
      { type: 'reasoning', text: 'thinking' },
      {
        type: 'component',
        id: 't1',
        data: {
          type: 'web_search',
          title: 'Web search',
          status: 'success',
          input: { q: 'x' },
          output: {
            results: [
              { title: 'Doc', url: 'https://ex.com/a b' },
              { title: 'Bad', url: 'javascript:alert(1)' },
            ],
          },
        } as never,
      },
      { type: 'text', text: 'It is **bold**.' },
      { type: 'image', url: 'https://img.example/p.png', alt: 'plot' },
    ],
  },
  { id: 'a2', role: 'assistant', status: 'error', parts: [{ type: 'error', code: 'stream_error', message: 'boom' }] },
]
const src = { threadId: 'th1', title: 'My chat', messages, at }

describe('toJson', () => {
  it('writes the versioned schema: every message in order with its extras, tools, images and errors', () => {
    const doc = toJson(src)
    expect(doc).toMatchObject({ format: 'chatkit.conversation', version: 1, exportedAt: '2026-01-02T03:04:05.000Z', threadId: 'th1', title: 'My chat' })
    expect(doc.messages.map((m) => [m.id, m.role, m.status])).toEqual([
      ['q1', 'user', 'done'],
      ['a1', 'assistant', 'done'],
      ['a2', 'assistant', 'error'],
    ])
    expect(doc.messages[0]).toEqual({
      id: 'q1',
      role: 'user',
      status: 'done',
      text: 'What is *this*?\nSecond line',
      attachments: [{ id: 'f1', name: 'cat.png', mimeType: 'image/png', size: 68 }],
      references: [
        { type: 'quote', text: 'the quoted bit' },
        { type: 'entity', id: 'u1', title: 'Ada' },
      ],
    })
    expect(doc.messages[1]).toMatchObject({
      text: 'It is **bold**.',
      reasoning: 'thinking',
      feedback: 'like',
      images: [{ url: 'https://img.example/p.png', alt: 'plot' }],
      tools: [{ id: 't1', type: 'web_search', title: 'Web search', status: 'success', input: { q: 'x' } }],
    })
    expect(doc.messages[2].errors).toEqual([{ code: 'stream_error', message: 'boom' }])
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
  })
})

describe('toMarkdown', () => {
  it('writes questions as text, answers as Markdown, tool steps and their http(s) sources summarized', () => {
    expect(toMarkdown(src)).toBe(
      [
        '# My chat',
        '',
        '_Exported 2026-01-02T03:04:05.000Z_',
        '',
        '## User',
        '',
        '> the quoted bit',
        '',
        'What is \\*this\\*?  \nSecond line',
        '',
        'Attachments: `cat.png`',
        '',
        'Mentions: @Ada',
        '',
        '## Assistant',
        '',
        '- Tool: **Web search** (success)',
        '  - [Doc](<https://ex.com/a%20b>)',
        '',
        'It is **bold**.',
        '',
        '![plot](<https://img.example/p.png>)',
        '',
        '## Assistant',
        '',
        '> Error (stream\\_error): boom',
        '',
      ]
        .join('\n')
        .trimEnd() + '\n',
    )
  })

  it('keeps markup in a question and a title from acting', () => {
    const md = toMarkdown({
      ...src,
      title: '# <b>x</b>',
      messages: [{ id: 'q', role: 'user', status: 'done', parts: [{ type: 'text', text: '<img src=x onerror=alert(1)> [a](javascript:x)' }] }],
    })
    expect(md).toContain('# \\# \\<b\\>x\\</b\\>')
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> \\[a\\](javascript:x)')
  })

  it('finds sources only in result lists, and only http(s) links', () => {
    expect(sourcesOf({ id: 't', type: 'x', title: 'x', status: 'success', output: { items: [{ link: 'http://a.example' }, { url: 'ftp://b' }] } })).toEqual([
      { title: 'http://a.example', url: 'http://a.example' },
    ])
    expect(sourcesOf({ id: 't', type: 'x', title: 'x', status: 'success', output: 'text' })).toEqual([])
  })
})
