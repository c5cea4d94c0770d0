/**
 * Chart spec → SVG geometry in a fixed viewBox (the SVG scales to its box, so the chart is
 * responsive without measuring). Pure: the same spec always gives the same shapes.
 */
import type { ChartSpec } from '@xpert-ai/chatkit-protocol'

export const VIEW = { width: 600, height: 300, left: 56, right: 16, top: 12, bottom: 40 }

export type Tick = { y: number; value: number }
export type Bar = { series: number; label: number; x: number; y: number; width: number; height: number }
export type Path = { series: number; d: string; points: { x: number; y: number }[] }
export type Slice = { label: number; d: string; value: number }

/** A "nice" axis from min to max (always including 0) with about five ticks. */
export function niceScale(min: number, max: number, count = 5): { lo: number; hi: number; step: number } {
  let lo = Math.min(0, min)
  let hi = Math.max(0, max)
  if (lo === hi) hi = lo + 1
  const raw = (hi - lo) / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  lo = Math.floor(lo / step) * step
  hi = Math.ceil(hi / step) * step
  return { lo, hi, step }
}

function axis(spec: ChartSpec) {
  const all = spec.series.flatMap((s) => s.values)
  const { lo, hi, step } = niceScale(Math.min(...all), Math.max(...all))
  const plotH = VIEW.height - VIEW.top - VIEW.bottom
  const y = (v: number) => VIEW.top + plotH * (1 - (v - lo) / (hi - lo))
  const ticks: Tick[] = []
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push({ value: round(v), y: y(v) })
  return { y, ticks, zero: y(Math.max(lo, Math.min(0, hi))) }
}

const round = (v: number) => Math.round(v * 1e6) / 1e6
const f = (v: number) => Math.round(v * 100) / 100

/** The x centre of each label's band. */
export function bandCentres(n: number): number[] {
  const plotW = VIEW.width - VIEW.left - VIEW.right
  return Array.from({ length: n }, (_, i) => VIEW.left + (plotW * (i + 0.5)) / n)
}

export function barGeometry(spec: ChartSpec): { bars: Bar[]; ticks: Tick[]; zero: number } {
  const { y, ticks, zero } = axis(spec)
  const n = spec.labels.length
  const band = (VIEW.width - VIEW.left - VIEW.right) / n
  const inner = band * 0.8
  const w = inner / spec.series.length
  const bars: Bar[] = []
  const centres = bandCentres(n)
  spec.series.forEach((s, si) => {
    s.values.forEach((v, li) => {
      const top = Math.min(y(v), zero)
      bars.push({ series: si, label: li, x: f(centres[li] - inner / 2 + si * w), y: f(top), width: f(Math.max(1, w - 1)), height: f(Math.abs(y(v) - zero)) })
    })
  })
  return { bars, ticks, zero }
}

export function lineGeometry(spec: ChartSpec, area: boolean): { paths: Path[]; ticks: Tick[]; zero: number } {
  const { y, ticks, zero } = axis(spec)
  const xs = bandCentres(spec.labels.length)
  const paths = spec.series.map((s, si) => {
    const points = s.values.map((v, i) => ({ x: f(xs[i]), y: f(y(v)) }))
    let d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x} ${p.y}`).join(' ')
    if (area) d += ` L${points[points.length - 1].x} ${f(zero)} L${points[0].x} ${f(zero)} Z`
    return { series: si, d, points }
  })
  return { paths, ticks, zero }
}

/** Slices of the first series, clockwise from 12 o'clock, in a circle centred in the view. */
export function pieGeometry(spec: ChartSpec): { slices: Slice[]; cx: number; cy: number; r: number } {
  const values = spec.series[0].values
  const total = values.reduce((a, b) => a + b, 0)
  const cx = VIEW.width / 2
  const cy = VIEW.height / 2
  const r = VIEW.height / 2 - 12
  const at = (t: number) => `${f(cx + r * Math.sin(2 * Math.PI * t))} ${f(cy - r * Math.cos(2 * Math.PI * t))}`
  let start = 0
  const slices: Slice[] = []
  values.forEach((v, i) => {
    if (total <= 0 || v <= 0) return
    const part = v / total
    const end = start + part
    const d =
      part >= 0.9999
        ? `M${at(0)} A${r} ${r} 0 1 1 ${at(0.5)} A${r} ${r} 0 1 1 ${at(0)} Z`
        : `M${cx} ${cy} L${at(start)} A${r} ${r} 0 ${part > 0.5 ? 1 : 0} 1 ${at(end)} Z`
    slices.push({ label: i, d, value: v })
    start = end
  })
  return { slices, cx, cy, r }
}

/** A value with its unit, in the user's locale. */
export function formatValue(v: number, unit: string | undefined, locale: string | undefined): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v)
  return unit ? `${n} ${unit}` : n
}
