import { describe, expect, it } from 'vitest'
import { CHART_LIMITS, chartProblem } from './chart.js'

const ok = { chartType: 'line', labels: ['a', 'b'], series: [{ name: 's', values: [1, -2] }] }

describe('chartProblem', () => {
  it('accepts a small spec of each type', () => {
    for (const chartType of ['bar', 'line', 'area']) expect(chartProblem({ ...ok, chartType })).toBeNull()
    expect(chartProblem({ ...ok, chartType: 'pie', series: [{ name: 's', values: [1, 2] }], unit: '%', title: 'T' })).toBeNull()
  })

  it('says what is wrong', () => {
    expect(chartProblem(null)).toBe('the chart is not an object')
    expect(chartProblem({ ...ok, chartType: 'radar' })).toMatch(/unknown chartType "radar"/)
    expect(chartProblem({ ...ok, labels: [] })).toMatch(/labels must be a non-empty array/)
    expect(chartProblem({ ...ok, labels: ['a', 1] })).toMatch(/labels must be strings/)
    expect(chartProblem({ ...ok, labels: Array(CHART_LIMITS.labels + 1).fill('x') })).toMatch(/more than 200 labels/)
    expect(chartProblem({ ...ok, series: [] })).toMatch(/series must be a non-empty array/)
    expect(chartProblem({ ...ok, series: [{ name: 's', values: [1] }] })).toMatch(/one number per label \(2\)/)
    expect(chartProblem({ ...ok, series: [{ name: 's', values: [1, Infinity] }] })).toMatch(/finite numbers/)
    expect(chartProblem({ ...ok, series: [{ values: [1, 2] }] })).toMatch(/series\[0\]\.name/)
    expect(chartProblem({ ...ok, chartType: 'pie' })).toMatch(/negative/)
    expect(chartProblem({ ...ok, unit: 'x'.repeat(21) })).toMatch(/unit/)
    expect(chartProblem({ ...ok, title: 5 })).toMatch(/title/)
  })
})
