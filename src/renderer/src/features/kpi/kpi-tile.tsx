import { useTranslation } from 'react-i18next'
import type { KpiBoardItem } from '../../../../shared/ipc/types-kpi'
import { formatKpiValue, formatPct, withUnit } from './format'
import { Sparkline } from './sparkline'
import { StatusBadge } from './status-badge'
import { useUnit } from './use-unit'

/** One KPI on the board: light, value against target, achievement and the recent trend. */
export function KpiTile({ kpi, onOpen }: { kpi: KpiBoardItem; onOpen: () => void }) {
  const { t, i18n } = useTranslation()
  const unit = useUnit()
  const lang = i18n.language
  return (
    <section
      className={`kpi-tile kpi-tile-${kpi.status.toLowerCase()}`}
      data-testid={`kpi-tile-${kpi.name}`}
      aria-label={kpi.display_name}
    >
      <header className="kpi-tile-head">
        <h3 className="kpi-tile-name">{kpi.display_name}</h3>
        <StatusBadge status={kpi.status} />
      </header>
      <p className="kpi-tile-figure">
        <span className="kpi-tile-value" data-testid="kpi-value">
          {formatKpiValue(kpi.value, lang)}
        </span>
        {kpi.value !== null && <span className="kpi-tile-unit">{unit(kpi.unit, kpi.value)}</span>}
      </p>
      <p className="kpi-tile-meta">
        <span data-testid="kpi-target">
          {t('kpiBoard.target', {
            value: withUnit(formatKpiValue(kpi.target, lang), unit(kpi.unit, kpi.target)),
          })}
        </span>
        <span className="kpi-tile-sep" aria-hidden="true">
          ·
        </span>
        <span data-testid="kpi-achievement">
          {kpi.achievement_pct === null
            ? t('kpiBoard.noAchievement')
            : t('kpiBoard.achievement', { pct: formatPct(kpi.achievement_pct, lang) })}
        </span>
      </p>
      <p className="kpi-tile-period">
        {t('kpiBoard.periodOf', {
          period: t(`kpiBoard.period.${kpi.period}`),
          start: kpi.period_start.slice(0, 10),
        })}
        {' · '}
        {t(`kpiBoard.direction.${kpi.direction}`)}
      </p>
      <div className="kpi-tile-foot">
        <Sparkline points={kpi.history} unit={kpi.unit} />
        <button type="button" className="btn kpi-open" onClick={onOpen} data-testid="kpi-open">
          {t('kpiBoard.open')}
        </button>
      </div>
    </section>
  )
}
