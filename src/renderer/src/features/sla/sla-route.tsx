import { useTranslation } from 'react-i18next'
import type { SlaHeatmapCell, SlaHeatmapResponse } from '../../../../shared/ipc/types-bi'
import { formatPct } from '../../components/chart-format'
import { ChartFrame } from '../../components/chart-frame'
import { SlaHeatmap } from '../../components/chart-heatmap'
import { biFilter, useBiLanguage, useBiQuery } from '../../components/use-bi-query'
import { useDrillDown } from '../../components/use-drill-down'
import { formatCount } from '../../i18n/format'
import type { ScreenProps } from '../../screens'
import { BreachesTable } from './breaches-table'

/** SLA compliance of the range: summary, week × category heatmap, and where the late resolutions are. */
export function SlaRoute({ filters }: ScreenProps) {
  const { t } = useTranslation()
  const lang = useBiLanguage()
  const drill = useDrillDown()
  const filter = biFilter(filters, lang)
  const query = useBiQuery('bi:sla-heatmap', filter)
  const data = query.data

  function openCell(cell: SlaHeatmapCell, series: 'total' | 'breached', categoryLabel = cell.category): void {
    const titleKey = series === 'total' ? 'slaBoard.heatmap.drillTitle' : 'slaBoard.breaches.drillTitle'
    drill.open(
      { ...filter, widget: 'sla-heatmap', series, bucket: cell.week, category: cell.category_key },
      t(titleKey, { week: cell.week, category: categoryLabel }),
    )
  }

  return (
    <div data-testid="sla-screen" data-state={query.loading ? 'loading' : query.error ? 'error' : 'ready'}>
      <h2 className="page-title">{t('slaBoard.title')}</h2>
      <p className="page-subtitle">
        {data
          ? t('slaBoard.subtitle', { from: data.range.from, to: data.range.to })
          : filters.range && t('slaBoard.subtitle', filters.range)}
      </p>
      <ChartFrame
        testId="panel-heatmap"
        title={t('slaBoard.heatmap.title')}
        subtitle={data && <SlaSummary summary={data.summary} />}
        loading={query.loading}
        error={query.error}
        onRetry={query.reload}
        empty={data !== undefined && data.summary.total === 0}
        hasData={data !== undefined}
        height={360}
      >
        {data && (
          <SlaHeatmap
            weeks={data.weeks}
            categories={data.categories}
            cells={data.data}
            onPick={(cell, categoryLabel) => openCell(cell, 'total', categoryLabel)}
          />
        )}
      </ChartFrame>
      <ChartFrame
        testId="panel-breaches"
        title={t('slaBoard.breaches.title')}
        subtitle={t('slaBoard.breaches.subtitle')}
        loading={query.loading}
        error={query.error}
        onRetry={query.reload}
        empty={data !== undefined && data.summary.total === 0}
        hasData={data !== undefined}
        height={160}
      >
        {data && <BreachesTable cells={data.data} onPick={(cell, series) => openCell(cell, series)} />}
      </ChartFrame>
      {drill.panel}
    </div>
  )
}

/**
 * Resolved, on time, late and compliance over the whole range. Plain figures: the core's drill-down
 * explains one week × category at a time, so the per-cell numbers (heatmap, breaches) are the drillable ones.
 */
function SlaSummary({ summary }: { summary: SlaHeatmapResponse['summary'] }) {
  const { t, i18n } = useTranslation()
  const figures = [
    { key: 'total', label: t('slaBoard.summary.total'), value: summary.total },
    { key: 'on_time', label: t('slaBoard.summary.onTime'), value: summary.on_time },
    { key: 'breached', label: t('slaBoard.summary.breached'), value: summary.total - summary.on_time },
  ] as const
  return (
    <span className="stat-row" data-testid="sla-summary">
      {figures.map((f) => (
        <span key={f.key}>
          {f.label}{' '}
          <strong data-testid={`sla-summary-${f.key}`} data-value={f.value}>
            {formatCount(f.value, i18n.language)}
          </strong>
        </span>
      ))}
      <span>
        {t('slaBoard.summary.compliance')}{' '}
        <strong data-testid="sla-summary-compliance">
          {summary.compliance_pct === null ? '—' : `${formatPct(summary.compliance_pct, i18n.language)}%`}
        </strong>
      </span>
    </span>
  )
}
