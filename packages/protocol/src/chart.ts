import { isRecord } from './guards.js'
/**
 * The chart spec: a `Chart` widget node and the agent `chart` event carry it. Small on purpose —
 * one value per label per series, one unit — so a model can write it and a screen reader can read
 * it as a table. `chartProblem` is the one check: the server runs it on the agent's event, the
 * frame on every `Chart` node it renders (widgets also come from hosts and history).
 */
export type ChartType = 'bar' | 'line' | 'area' | 'pie'
export const CHART_TYPES: readonly ChartType[] = ['bar', 'line', 'area', 'pie']

export type ChartSeries = { name: string; values: number[] }

export type ChartSpec = {
  chartType: ChartType
  /** The categories (x axis; the slices of a pie). */
  labels: string[]
  /** One or more series, each with one value per label. A pie shows the first series. */
  series: ChartSeries[]
  /** Shown after each value (`%`, `ms`, `€`…). */
  unit?: string
  /** The chart's accessible name and caption. */
  title?: string
}

export const CHART_LIMITS = { labels: 200, series: 12, text: 200 }

const text = (v: unknown) => typeof v === 'string' && v.length <= CHART_LIMITS.text

/** null when `spec` is a chart we can draw, else what is wrong with it. */
export function chartProblem(spec: unknown): string | null {
  if (!isRecord(spec)) return 'the chart is not an object'
  if (!CHART_TYPES.includes(spec.chartType as ChartType)) return `unknown chartType "${String(spec.chartType)}" (expected ${CHART_TYPES.join(', ')})`
  const { labels, series } = spec
  if (!Array.isArray(labels) || labels.length === 0) return 'labels must be a non-empty array of strings'
  if (labels.length > CHART_LIMITS.labels) return `more than ${CHART_LIMITS.labels} labels`
  if (!labels.every(text)) return `labels must be strings of at most ${CHART_LIMITS.text} characters`
  if (!Array.isArray(series) || series.length === 0) return 'series must be a non-empty array'
  if (series.length > CHART_LIMITS.series) return `more than ${CHART_LIMITS.series} series`
  for (let i = 0; i < series.length; i++) {
    const s = series[i]
    if (!isRecord(s) || !text(s.name)) return `series[${i}].name must be a string of at most ${CHART_LIMITS.text} characters`
    if (!Array.isArray(s.values) || s.values.length !== labels.length) return `series[${i}].values must hold one number per label (${labels.length})`
    if (!s.values.every((v) => typeof v === 'number' && Number.isFinite(v))) return `series[${i}].values must be finite numbers`
    if (spec.chartType === 'pie' && i === 0 && s.values.some((v) => (v as number) < 0)) return 'a pie cannot show negative values'
  }
  if (spec.unit !== undefined && (!text(spec.unit) || (spec.unit as string).length > 20)) return 'unit must be a string of at most 20 characters'
  if (spec.title !== undefined && !text(spec.title)) return `title must be a string of at most ${CHART_LIMITS.text} characters`
  return null
}
