import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from '../i18n/format'
import { formatTick, shortBucketLabel } from './chart-format'
import { ChartTooltip, TOOLTIP_CURSOR } from './chart-tooltip'

export type TrendSeries = {
  key: string
  label: string
  data: number[]
  /** A CSS colour, normally a theme variable such as var(--chart-created). */
  color: string
}

type TrendChartProps = {
  labels: string[]
  series: TrendSeries[]
  /** partial[i]: bucket i is counted only in part (it holds as-of, or the range cuts it). */
  partial: boolean[]
  onPick: (index: number, seriesKey: string, opener: Element | null) => void
  height?: number
}

/** Grouped bars per bucket; partial buckets are hatched (see the legend note). */
export function TrendChart({ labels, series, partial, onPick, height = 280 }: TrendChartProps) {
  const { t, i18n } = useTranslation()
  const uid = useId().replace(/:/g, '')
  const frame = useRef<HTMLDivElement>(null)
  const rows = labels.map((label, i) => ({
    label,
    partial: partial[i] === true,
    ...Object.fromEntries(series.map((s) => [s.key, s.data[i] ?? 0])),
  }))
  const hatch = (key: string): string => `hatch-${uid}-${key}`
  const hasPartial = partial.some(Boolean)

  return (
    <div className="chart-figure" ref={frame} tabIndex={-1} data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={1}>
          <defs>
            {series.map((s) => (
              <pattern
                key={s.key}
                id={hatch(s.key)}
                patternUnits="userSpaceOnUse"
                width={6}
                height={6}
                patternTransform="rotate(45)"
              >
                <rect width={6} height={6} fill={s.color} fillOpacity={0.25} />
                <line x1={0} y1={0} x2={0} y2={6} stroke={s.color} strokeWidth={3} />
              </pattern>
            ))}
          </defs>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tickFormatter={shortBucketLabel}
            tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            stroke="var(--border)"
            minTickGap={8}
          />
          <YAxis
            allowDecimals={false}
            width={48}
            tickFormatter={(v: number) => formatTick(v, i18n.language)}
            tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            stroke="var(--border)"
          />
          <Tooltip
            cursor={TOOLTIP_CURSOR}
            content={(props) => (
              <ChartTooltip
                {...props}
                format={(v) => formatCount(v, i18n.language)}
                colors={Object.fromEntries(series.map((s) => [s.key, s.color]))}
                labelSuffix={(row) => (row['partial'] === true ? ` ${t('bi.chart.partialTag')}` : '')}
              />
            )}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_, index) => onPick(index, s.key, frame.current)}
            >
              {rows.map((row, i) => (
                <Cell
                  key={i}
                  fill={row.partial ? `url(#${hatch(s.key)})` : s.color}
                  stroke={row.partial ? s.color : undefined}
                  data-partial={row.partial ? 'true' : undefined}
                  data-testid={`bar-${s.key}-${i}`}
                />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.key}>
            <span className="legend-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
        {hasPartial && (
          <li className="legend-partial" data-testid="partial-note">
            <span className="legend-swatch legend-swatch-hatched" aria-hidden="true" />
            {t('bi.chart.partial')}
          </li>
        )}
      </ul>
    </div>
  )
}
