/**
 * A chart (bar, line, area, pie) drawn as SVG from a `ChartSpec`, themed with the frame's tokens,
 * with its numbers as a data table behind a toggle (screen readers and anyone who wants the
 * figures). Loaded lazily: the widget set imports it on the first `Chart` node.
 */
import type { ChartSpec } from '@xpert-ai/chatkit-protocol'
import { chartProblem } from '@xpert-ai/chatkit-protocol'
import { useId, useState } from 'preact/hooks'
import { currentLocale, t } from '../../i18n/index.js'
import '../../i18n/more/index.js'
import { scrollRegion } from '../../shared/index.js'
import { VIEW, barGeometry, bandCentres, formatValue, lineGeometry, pieGeometry, type Tick } from './geometry.js'
import './chart.css'

const COLORS = 8
const tone = (i: number) => `ck-chart-s${i % COLORS}`

export function Chart({ spec }: { spec: unknown }) {
  const problem = chartProblem(spec)
  if (problem)
    return (
      <div class="ck-widget-error" role="alert">
        <strong>{t('widget.invalid')}</strong> {problem}
      </div>
    )
  return <ChartView spec={spec as ChartSpec} />
}

function ChartView({ spec }: { spec: ChartSpec }) {
  const [table, setTable] = useState(false)
  const id = useId()
  const locale = currentLocale()
  const fmt = (v: number) => formatValue(v, spec.unit, locale)
  const name = spec.title || t('chart.name', { type: t(`chart.type.${spec.chartType}` as const) })
  const pie = spec.chartType === 'pie'
  const legend = pie ? spec.labels : spec.series.length > 1 ? spec.series.map((s) => s.name) : []
  return (
    <figure class="ck-chart" data-chart-type={spec.chartType}>
      {spec.title && (
        <figcaption class="ck-chart-title" id={`${id}-t`}>
          {spec.title}
        </figcaption>
      )}
      <svg class="ck-chart-svg" viewBox={`0 0 ${VIEW.width} ${VIEW.height}`} role="img" aria-label={name} preserveAspectRatio="xMidYMid meet">
        {pie ? <PieShapes spec={spec} fmt={fmt} /> : <AxisShapes spec={spec} fmt={fmt} />}
      </svg>
      {legend.length > 0 && (
        <ul class="ck-chart-legend" aria-hidden="true">
          {legend.map((l, i) => (
            <li key={i}>
              <span class={`ck-chart-key ${tone(i)}`} />
              {l}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="ck-chart-toggle" aria-expanded={table} aria-controls={`${id}-d`} onClick={() => setTable(!table)}>
        {t(table ? 'chart.hideTable' : 'chart.showTable')}
      </button>
      {table && (
        <div class="ck-chart-table" id={`${id}-d`} {...scrollRegion(t('table.label'))}>
          <table>
            <caption>{name}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.label')}</th>
                {(pie ? spec.series.slice(0, 1) : spec.series).map((s, i) => (
                  <th key={i} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spec.labels.map((l, li) => (
                <tr key={li}>
                  <th scope="row">{l}</th>
                  {(pie ? spec.series.slice(0, 1) : spec.series).map((s, si) => (
                    <td key={si}>{fmt(s.values[li])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  )
}

function AxisShapes({ spec, fmt }: { spec: ChartSpec; fmt: (v: number) => string }) {
  const xs = bandCentres(spec.labels.length)
  // At most ~12 x labels fit; the rest stay in the table and the tooltips.
  const every = Math.ceil(spec.labels.length / 12)
  const bar = spec.chartType === 'bar'
  const g = bar ? barGeometry(spec) : lineGeometry(spec, spec.chartType === 'area')
  return (
    <>
      <Grid ticks={g.ticks} fmt={fmt} />
      <line class="ck-chart-zero" x1={VIEW.left} x2={VIEW.width - VIEW.right} y1={g.zero} y2={g.zero} />
      {spec.labels.map(
        (l, i) =>
          i % every === 0 && (
            <text key={i} class="ck-chart-xlabel" x={xs[i]} y={VIEW.height - VIEW.bottom + 18} text-anchor="middle">
              {l.length > 14 ? `${l.slice(0, 13)}…` : l}
            </text>
          ),
      )}
      {'bars' in g
        ? g.bars.map((b) => (
            <rect key={`${b.series}-${b.label}`} class={`ck-chart-bar ${tone(b.series)}`} x={b.x} y={b.y} width={b.width} height={b.height}>
              <title>{`${spec.series[b.series].name} · ${spec.labels[b.label]}: ${fmt(spec.series[b.series].values[b.label])}`}</title>
            </rect>
          ))
        : g.paths.map((p) => (
            <g key={p.series} class={tone(p.series)}>
              <path class={spec.chartType === 'area' ? 'ck-chart-area' : 'ck-chart-line'} d={p.d} />
              {p.points.map((pt, i) => (
                <circle key={i} class="ck-chart-point" cx={pt.x} cy={pt.y} r={3.5}>
                  <title>{`${spec.series[p.series].name} · ${spec.labels[i]}: ${fmt(spec.series[p.series].values[i])}`}</title>
                </circle>
              ))}
            </g>
          ))}
    </>
  )
}

function Grid({ ticks, fmt }: { ticks: Tick[]; fmt: (v: number) => string }) {
  return (
    <g class="ck-chart-grid">
      {ticks.map((tk) => (
        <g key={tk.value}>
          <line x1={VIEW.left} x2={VIEW.width - VIEW.right} y1={tk.y} y2={tk.y} />
          <text class="ck-chart-ylabel" x={VIEW.left - 6} y={tk.y + 4} text-anchor="end">
            {fmt(tk.value)}
          </text>
        </g>
      ))}
    </g>
  )
}

function PieShapes({ spec, fmt }: { spec: ChartSpec; fmt: (v: number) => string }) {
  const { slices } = pieGeometry(spec)
  return (
    <>
      {slices.map((s) => (
        <path key={s.label} class={`ck-chart-slice ${tone(s.label)}`} d={s.d}>
          <title>{`${spec.labels[s.label]}: ${fmt(s.value)}`}</title>
        </path>
      ))}
    </>
  )
}
