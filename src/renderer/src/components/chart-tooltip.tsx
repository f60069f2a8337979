import type { TooltipContentProps } from 'recharts'

/** The hover band behind the active bucket, themed. */
export const TOOLTIP_CURSOR = { fill: 'var(--surface-muted)', fillOpacity: 0.6 }

type ChartTooltipProps = Partial<Pick<TooltipContentProps, 'active' | 'payload' | 'label'>> & {
  format: (value: number, seriesKey: string) => string
  /** Text after the label, from the hovered row (e.g. "(집계 중)" for a partial bucket). */
  labelSuffix?: (row: Record<string, unknown>) => string
  /** Swatch colour per series key: a hatched bar's own fill is a pattern, not a colour. */
  colors?: Record<string, string>
}

/** A themed tooltip (recharts' default one is white on any theme). */
export function ChartTooltip({ active, payload, label, format, labelSuffix, colors }: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0) return null
  const row = (payload[0]?.payload ?? {}) as Record<string, unknown>
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-label">
        {String(label ?? '')}
        {labelSuffix?.(row)}
      </p>
      <ul>
        {payload.map((item) => {
          const key = String(item.dataKey ?? item.name ?? '')
          const value = typeof item.value === 'number' ? format(item.value, key) : '—'
          return (
            <li key={key}>
              <span
                className="legend-swatch"
                style={{ background: colors?.[key] ?? item.color }}
                aria-hidden="true"
              />
              <span>{String(item.name ?? key)}</span>
              <strong>{value}</strong>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
