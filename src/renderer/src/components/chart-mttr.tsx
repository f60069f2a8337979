import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { formatCount, formatHours } from '../i18n/format'
import { formatTick } from './chart-format'
import { ChartTooltip, TOOLTIP_CURSOR } from './chart-tooltip'

/** partial: the month is counted only in part (it holds as-of, or the range cuts it; the core says so). */
export type MttrPoint = { label: string; hours: number | null; count: number; partial?: boolean }

type MttrChartProps = {
  points: MttrPoint[]
  hoursLabel: string
  countLabel: string
  /** Clicking anywhere in a month's column lists the SRs resolved that month. */
  onPick: (index: number, opener: Element | null) => void
  height?: number
}

const COLORS = { hours: 'var(--chart-mttr)', count: 'var(--chart-volume)' }

/** MTTR per month (line, left axis) over the resolved count (bars, right axis). */
export function MttrChart({ points, hoursLabel, countLabel, onPick, height = 260 }: MttrChartProps) {
  const { t, i18n } = useTranslation()
  const frame = useRef<HTMLDivElement>(null)
  return (
    <div className="chart-figure" ref={frame} tabIndex={-1} data-testid="mttr-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          style={{ cursor: 'pointer' }}
          onClick={(state) => {
            const index = Number(state.activeTooltipIndex)
            if (Number.isInteger(index) && index >= 0 && index < points.length) onPick(index, frame.current)
          }}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" />
          <YAxis
            yAxisId="hours"
            width={48}
            tickFormatter={(v: number) => formatTick(v, i18n.language)}
            tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            stroke="var(--border)"
          />
          <YAxis
            yAxisId="count"
            orientation="right"
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
                format={(v, key) =>
                  key === 'hours' ? formatHours(v, i18n.language) : formatCount(v, i18n.language)
                }
                colors={COLORS}
              />
            )}
          />
          <Bar
            yAxisId="count"
            dataKey="count"
            name={countLabel}
            fill={COLORS.count}
            barSize={22}
            isAnimationActive={false}
          >
            {points.map((p, i) => (
              <Cell
                key={i}
                fillOpacity={p.partial ? 0.45 : 1}
                stroke={p.partial ? 'var(--text-muted)' : undefined}
                strokeDasharray={p.partial ? '3 2' : undefined}
                data-partial={p.partial ? 'true' : undefined}
              />
            ))}
          </Bar>
          <Line
            yAxisId="hours"
            dataKey="hours"
            name={hoursLabel}
            stroke={COLORS.hours}
            strokeWidth={2}
            dot={{ r: 3, fill: COLORS.hours }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        <li>
          <span
            className="legend-swatch legend-swatch-line"
            style={{ background: COLORS.hours }}
            aria-hidden="true"
          />
          {hoursLabel}
        </li>
        <li>
          <span className="legend-swatch" style={{ background: COLORS.count }} aria-hidden="true" />
          {countLabel}
        </li>
        {points.some((p) => p.partial) && (
          <li data-testid="mttr-partial-note">
            <span className="legend-swatch legend-swatch-dashed" aria-hidden="true" />
            {t('bi.chart.partialMonth')}
          </li>
        )}
      </ul>
    </div>
  )
}
