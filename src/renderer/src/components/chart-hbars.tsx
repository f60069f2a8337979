import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from '../i18n/format'
import { formatTick } from './chart-format'
import { ChartTooltip, TOOLTIP_CURSOR } from './chart-tooltip'
import type { TrendSeries } from './chart-trend'

type HBarChartProps = {
  /** One row per bar, top to bottom. */
  categories: string[]
  /** One series draws single bars; several are stacked (e.g. resolved + open). */
  series: TrendSeries[]
  /** Text at the end of row i (e.g. "1,234 · 12.5%"). */
  endLabel?: (index: number) => string
  onPick: (index: number, seriesKey: string, opener: Element | null) => void
  /** A colour per row (single series only), e.g. one per funnel stage. */
  rowColors?: string[]
  /** Width of the category axis, in px. */
  axisWidth?: number
  testId?: string
}

const ROW_HEIGHT = 30
const END_WIDTH = 110

/** Horizontal bars: categories, funnel stages, assignees. Height follows the row count. */
export function HBarChart({
  categories,
  series,
  endLabel,
  onPick,
  rowColors,
  axisWidth = 120,
  testId = 'hbar-chart',
}: HBarChartProps) {
  const { i18n } = useTranslation()
  const frame = useRef<HTMLDivElement>(null)
  const rows = categories.map((label, i) => ({
    label,
    end: endLabel?.(i) ?? '',
    ...Object.fromEntries(series.map((s) => [s.key, s.data[i] ?? 0])),
  }))
  const stacked = series.length > 1

  return (
    <div className="chart-figure" ref={frame} tabIndex={-1} data-testid={testId}>
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * ROW_HEIGHT + 40)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            allowDecimals={false}
            tickFormatter={(v: number) => formatTick(v, i18n.language)}
            tick={{ fill: 'var(--text-muted)', fontSize: 12 }}
            stroke="var(--border)"
          />
          <YAxis
            yAxisId="label"
            type="category"
            dataKey="label"
            width={axisWidth}
            interval={0}
            tick={{ fill: 'var(--text)', fontSize: 12 }}
            stroke="var(--border)"
          />
          {endLabel && (
            // The row's figure at the right edge, as a second category axis: unlike a bar label it
            // shows for a zero row too, and the figures line up like a table column.
            <YAxis
              yAxisId="end"
              orientation="right"
              type="category"
              dataKey="end"
              width={END_WIDTH}
              interval={0}
              axisLine={false}
              tickLine={false}
              tick={{ fill: 'var(--text)', fontSize: 12 }}
            />
          )}
          <Tooltip
            cursor={TOOLTIP_CURSOR}
            content={(props) => (
              <ChartTooltip
                {...props}
                format={(v) => formatCount(v, i18n.language)}
                colors={Object.fromEntries(series.map((s) => [s.key, s.color]))}
              />
            )}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              yAxisId="label"
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? 'stack' : undefined}
              barSize={18}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_, index) => onPick(index, s.key, frame.current)}
            >
              {!stacked &&
                rowColors?.map((color, i) => <Cell key={i} fill={color} data-testid={`hbar-${i}`} />)}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
