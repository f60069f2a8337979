import { useTranslation } from 'react-i18next'
import type { KpiPoint } from '../../../../shared/ipc/types-kpi'
import { formatKpiValue, withUnit } from './format'
import { useUnit } from './use-unit'

const W = 160
const H = 40
const PAD = 4

/**
 * A small line of the recent values with a dot per period coloured by its status, and titled with
 * its value and `unit` (the KPI's) and status.
 */
export function Sparkline({ points, unit: kpiUnit }: { points: KpiPoint[]; unit: string }) {
  const { t, i18n } = useTranslation()
  const unit = useUnit()
  const values = points.map((p) => p.value).filter((v): v is number => v !== null)
  if (values.length === 0) return <span className="kpi-spark-empty">{t('kpiBoard.sparklineEmpty')}</span>
  const targets = points.map((p) => p.target)
  const min = Math.min(...values, ...targets)
  const max = Math.max(...values, ...targets)
  const span = max - min || 1
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1))
  const y = (v: number) => H - PAD - ((v - min) / span) * (H - 2 * PAD)
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter((s): s is string => s !== null)
    .join(' ')
  const last = points[points.length - 1]
  return (
    <svg
      className="kpi-spark"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={t('kpiBoard.sparkline', { count: points.length })}
      data-testid="kpi-sparkline"
    >
      {last && (
        <line className="kpi-spark-target" x1={PAD} x2={W - PAD} y1={y(last.target)} y2={y(last.target)} />
      )}
      <polyline className="kpi-spark-line" points={path} fill="none" />
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle
            key={p.period_start}
            className={`kpi-spark-dot kpi-dot-${p.status.toLowerCase()}`}
            cx={x(i)}
            cy={y(p.value)}
            r={2.5}
          >
            <title>{`${p.period_start.slice(0, 10)}: ${withUnit(formatKpiValue(p.value, i18n.language), unit(kpiUnit, p.value))} (${t(`kpiBoard.status.${p.status}`)})`}</title>
          </circle>
        ),
      )}
    </svg>
  )
}
