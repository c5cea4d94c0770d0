import { describe, expect, it } from 'vitest'
import { downloadName, mimeOf } from './files.js'
import { previewDocument } from './SandboxFrame.js'

describe('artifact files', () => {
  it('names downloads from the title and kind, or the given filename', () => {
    expect(downloadName({ kind: 'svg', title: 'A circle', content: '' })).toBe('A-circle.svg')
    expect(downloadName({ kind: 'code', title: 'hello / <world>', language: 'Python', content: '' })).toBe('hello-world.py')
    expect(downloadName({ kind: 'code', title: '***', content: '' })).toBe('artifact.txt')
    expect(downloadName({ kind: 'markdown', title: 'x', filename: 'notes.md', content: '' })).toBe('notes.md')
    expect(mimeOf({ kind: 'html', title: 'x', content: '' })).toBe('text/html;charset=utf-8')
  })
  it('wraps an SVG in a page; HTML previews as it is', () => {
    expect(previewDocument('html', '<p>x</p>')).toBe('<p>x</p>')
    expect(previewDocument('svg', '<svg/>')).toMatch(/^<!doctype html>.*<body><svg\/><\/body>/)
  })
})
