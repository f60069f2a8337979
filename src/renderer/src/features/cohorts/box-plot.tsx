import type { BenchmarkDistribution } from '../../../../shared/ipc/types-cohorts'

type BoxPlotProps = {
  distribution: BenchmarkDistribution
  /** The chosen tenant's value (a dot), if any. */
  value: number | null
  label: string
}

const H = 36

/**
 * A horizontal box-and-whisker of the anonymous distribution, with the chosen tenant as a dot.
 * Positions are percentages of the SVG's own width (no viewBox), so it stretches with the layout
 * while the dot stays round.
 */
export function BoxPlot({ distribution: d, value, label }: BoxPlotProps) {
  const lo = Math.min(d.min, value ?? d.min)
  const hi = Math.max(d.max, value ?? d.max)
  const span = hi - lo || 1
  const x = (v: number) => `${3 + ((v - lo) / span) * 94}%`
  const width = (a: number, b: number) => `${Math.max(0.3, ((b - a) / span) * 94)}%`
  const mid = H / 2
  return (
    <svg className="box-plot" width="100%" height={H} role="img" aria-label={label}>
      <line x1={x(d.min)} x2={x(d.max)} y1={mid} y2={mid} className="box-whisker" />
      <line x1={x(d.min)} x2={x(d.min)} y1={mid - 7} y2={mid + 7} className="box-whisker" />
      <line x1={x(d.max)} x2={x(d.max)} y1={mid - 7} y2={mid + 7} className="box-whisker" />
      <rect x={x(d.q1)} y={mid - 10} width={width(d.q1, d.q3)} height={20} className="box-iqr" rx={3} />
      <line x1={x(d.median)} x2={x(d.median)} y1={mid - 10} y2={mid + 10} className="box-median" />
      {value !== null && (
        <circle cx={x(value)} cy={mid} r={6} className="box-value" data-testid="box-value" />
      )}
    </svg>
  )
}
