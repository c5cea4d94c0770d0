import { describe, expect, it } from 'vitest'
import { ARTIFACT_LIMITS, artifactProblem } from './artifact.js'

const ok = { kind: 'html', title: 'Page', content: '<p>hi</p>' }

describe('artifactProblem', () => {
  it('accepts each kind', () => {
    for (const kind of ['html', 'svg', 'markdown']) expect(artifactProblem({ ...ok, kind })).toBeNull()
    expect(artifactProblem({ ...ok, kind: 'code', language: 'c++', filename: 'main.cpp' })).toBeNull()
  })
  it('says what is wrong', () => {
    expect(artifactProblem('x')).toBe('the artifact is not an object')
    expect(artifactProblem({ ...ok, kind: 'pdf' })).toMatch(/unknown artifact kind "pdf"/)
    expect(artifactProblem({ ...ok, title: ' ' })).toMatch(/title must be a non-empty string/)
    expect(artifactProblem({ ...ok, content: 1 })).toMatch(/content must be a string/)
    expect(artifactProblem({ ...ok, content: 'x'.repeat(ARTIFACT_LIMITS.content + 1) })).toMatch(/content is longer than 262144/)
    expect(artifactProblem({ ...ok, language: 'a b' })).toMatch(/language/)
    expect(artifactProblem({ ...ok, filename: '../etc/passwd' })).toMatch(/filename/)
  })
})
