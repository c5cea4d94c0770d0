// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { h, render } from 'preact'
import { act } from 'preact/test-utils'
import { Chart } from './Chart.js'
import { VIEW, barGeometry, lineGeometry, niceScale, pieGeometry } from './geometry.js'

const spec = {
  chartType: 'bar',
  labels: ['Q1', 'Q2', 'Q3'],
  series: [
    { name: 'A', values: [10, -5, 20] },
    { name: 'B', values: [4, 8, 12] },
  ],
  unit: '%',
} as const

describe('chart geometry', () => {
  it('picks nice axes that include zero', () => {
    expect(niceScale(3, 97)).toEqual({ lo: 0, hi: 100, step: 20 })
    expect(niceScale(-5, 20)).toEqual({ lo: -5, hi: 20, step: 5 })
    expect(niceScale(7, 7)).toEqual({ lo: 0, hi: 8, step: 2 })
  })

  it('draws one bar per value, negative ones below the zero line, all inside the view', () => {
    const { bars, zero } = barGeometry(spec as never)
    expect(bars).toHaveLength(6)
    const neg = bars.find((b) => b.series === 0 && b.label === 1)!
    expect(neg.y).toBeCloseTo(zero, 1)
    for (const b of bars) {
      expect(b.x).toBeGreaterThanOrEqual(VIEW.left)
      expect(b.x + b.width).toBeLessThanOrEqual(VIEW.width - VIEW.right)
      expect(b.y + b.height).toBeLessThanOrEqual(VIEW.height - VIEW.bottom + 0.01)
    }
  })

  it('closes an area down to the zero line; a line stays open', () => {
    expect(lineGeometry(spec as never, false).paths[0].d).not.toContain('Z')
    expect(lineGeometry(spec as never, true).paths[0].d).toMatch(/Z$/)
  })

  it('splits a pie by share, skipping zeros, one full circle for a single slice', () => {
    const pie = pieGeometry({ chartType: 'pie', labels: ['a', 'b', 'c'], series: [{ name: 's', values: [1, 0, 3] }] })
    expect(pie.slices.map((s) => s.label)).toEqual([0, 2])
    expect(pie.slices[1].d).toContain(' 0 1 1 ') // 3/4 of the circle: the large arc
    expect(pieGeometry({ chartType: 'pie', labels: ['a'], series: [{ name: 's', values: [5] }] }).slices[0].d).toMatch(/A.*A.*Z/)
  })
})

describe('Chart', () => {
  let root: HTMLElement
  afterEach(() => {
    act(() => render(null, root))
    root.remove()
  })
  const mount = (s: unknown) => {
    root = document.createElement('div')
    document.body.append(root)
    act(() => render(h(Chart, { spec: s }), root))
    return root
  }

  it('draws an SVG named for screen readers, with the numbers in a table behind a toggle', () => {
    const el = mount({ ...spec, title: 'Growth <b>' })
    expect(el.querySelector('svg')!.getAttribute('aria-label')).toBe('Growth <b>')
    expect(el.querySelectorAll('rect.ck-chart-bar')).toHaveLength(6)
    expect(el.querySelector('b')).toBeNull()
    const toggle = el.querySelector('button')!
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(el.querySelector('table')).toBeNull()
    act(() => toggle.click())
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const rows = [...el.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent))
    expect(rows).toEqual([
      ['Q1', '10 %', '4 %'],
      ['Q2', '-5 %', '8 %'],
      ['Q3', '20 %', '12 %'],
    ])
    expect(el.querySelector('.ck-chart-table')!.id).toBe(toggle.getAttribute('aria-controls'))
  })

  it('shows a bad spec as an inline error', () => {
    const el = mount({ chartType: 'bar', labels: ['a'], series: [{ name: 's', values: [] }] })
    expect(el.querySelector('[role=alert]')!.textContent).toMatch(/one number per label/)
    expect(el.querySelector('svg')).toBeNull()
  })
})
