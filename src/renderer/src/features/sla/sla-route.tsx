import { useTranslation } from 'react-i18next'
import type { SlaHeatmapCell, SlaHeatmapResponse } from '../../../../shared/ipc/types-bi'
import { formatPct } from '../../components/chart-format'
import { ChartFrame } from '../../components/chart-frame'
import { SlaHeatmap } from '../../components/chart-heatmap'
import { biFilter, useBiLanguage, useBiQuery } from '../../components/use-bi-query'
import { useDrillDown } from '../../components/use-drill-down'
import { formatCount } from '../../i18n/format'
import type { ScreenProps } from '../../screens'
import { BreachesPanel } from './breaches-panel'
import type { SlaSeries } from './breaches-table'
import './sla.css'

/** SLA compliance of the range: summary, week × category heatmap, and the SRs resolved late. */
export function SlaRoute({ filters }: ScreenProps) {
  const { t } = useTranslation()
  const lang = useBiLanguage()
  const drill = useDrillDown()
  const filter = biFilter(filters, lang)
  const query = useBiQuery('bi:sla-heatmap', filter)
  const data = query.data

  function openCell(cell: SlaHeatmapCell, series: SlaSeries, categoryLabel = cell.category): void {
    const titleKey = series === 'total' ? 'slaBoard.heatmap.drillTitle' : 'slaBoard.breaches.drillTitle'
    drill.open(
      { ...filter, widget: 'sla-heatmap', series, bucket: cell.week, category: cell.category_key },
      t(titleKey, { week: cell.week, category: categoryLabel }),
    )
  }

  /** A summary figure, or a heatmap row (one category), over every week of the range. */
  function openRange(series: SlaSeries, label: string, category?: { key: string | null; label: string }) {
    drill.open(
      { ...filter, widget: 'sla-heatmap', series, ...(category ? { category: category.key } : {}) },
      category ? t('slaBoard.heatmap.categoryTitle', { category: category.label }) : label,
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
        subtitle={data && <SlaSummary summary={data.summary} onPick={openRange} />}
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
            onPickCategory={(category) => openRange('total', category.label, category)}
          />
        )}
      </ChartFrame>
      <BreachesPanel
        filter={filter}
        heatmap={data}
        loading={query.loading}
        error={query.error}
        onRetry={query.reload}
        onPickCell={openCell}
      />
      {drill.panel}
    </div>
  )
}

/** Resolved, on time, late and compliance over the whole range; each count opens its SRs. */
function SlaSummary({
  summary,
  onPick,
}: {
  summary: SlaHeatmapResponse['summary']
  onPick: (series: SlaSeries, label: string) => void
}) {
  const { t, i18n } = useTranslation()
  const figures = [
    { key: 'total', label: t('slaBoard.summary.total'), value: summary.total },
    { key: 'on_time', label: t('slaBoard.summary.onTime'), value: summary.on_time },
    { key: 'late', label: t('slaBoard.summary.late'), value: summary.total - summary.on_time },
  ] as const
  return (
    <span className="stat-row" data-testid="sla-summary">
      {figures.map((f) => (
        <span key={f.key}>
          {f.label}{' '}
          <button
            type="button"
            className={f.key === 'late' ? 'figure-link sla-figure sla-missed' : 'figure-link sla-figure'}
            data-testid={`sla-summary-${f.key}`}
            data-value={f.value}
            aria-label={t('slaBoard.summary.open', {
              label: f.label,
              value: formatCount(f.value, i18n.language),
            })}
            onClick={() => onPick(f.key, t('slaBoard.summary.drillTitle', { label: f.label }))}
          >
            {formatCount(f.value, i18n.language)}
          </button>
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
