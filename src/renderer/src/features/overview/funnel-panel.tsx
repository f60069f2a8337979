import { useTranslation } from 'react-i18next'
import type { BiFilter } from '../../../../shared/ipc/define'
import type { SrStatus } from '../../../../shared/domain'
import { formatPct } from '../../components/chart-format'
import { ChartFrame } from '../../components/chart-frame'
import { HBarChart } from '../../components/chart-hbars'
import { ChartTable } from '../../components/chart-table'
import type { OpenDrillDown } from '../../components/use-drill-down'
import { useBiQuery } from '../../components/use-bi-query'
import { formatCount } from '../../i18n/format'

/** SRs created in the range by their status now, OPEN → DONE; CANCELLED reported apart. */
export function FunnelPanel({ filter, openDrill }: { filter: BiFilter; openDrill: OpenDrillDown }) {
  const { t, i18n } = useTranslation()
  const query = useBiQuery('bi:resolution-funnel', filter)
  const data = query.data
  const stages = data?.funnel ?? []
  const stageLabel = (stage: SrStatus): string => t(`bi.status.${stage}`)

  function pick(stage: SrStatus, opener?: Element | null): void {
    openDrill(
      { ...filter, widget: 'resolution-funnel', series: 'count', stage },
      `${t('overviewBi.funnel.title')} · ${stageLabel(stage)}`,
      opener,
    )
  }

  return (
    <ChartFrame
      testId="panel-funnel"
      title={t('overviewBi.funnel.title')}
      subtitle={
        data && t('overviewBi.funnel.total', { total: formatCount(data.total_created, i18n.language) })
      }
      loading={query.loading}
      error={query.error}
      onRetry={query.reload}
      empty={data !== undefined && data.total_created === 0 && data.cancelled === 0}
      hasData={data !== undefined}
      height={300}
    >
      <HBarChart
        testId="funnel-chart"
        axisWidth={90}
        categories={stages.map((s) => stageLabel(s.stage))}
        series={[
          {
            key: 'count',
            label: t('overviewBi.funnel.count'),
            data: stages.map((s) => s.count),
            color: 'var(--chart-category)',
          },
        ]}
        rowColors={stages.map((s) => `var(--funnel-${s.stage})`)}
        endLabel={(i) => {
          const s = stages[i]
          return s ? `${formatCount(s.count, i18n.language)} · ${formatPct(s.pct, i18n.language)}%` : ''
        }}
        onPick={(i, _, opener) => {
          const s = stages[i]
          if (s) pick(s.stage, opener)
        }}
      />
      {data && (
        <p className="funnel-cancelled" data-testid="funnel-cancelled">
          <span className="status-chip status-CANCELLED">{stageLabel('CANCELLED')}</span>{' '}
          <button
            type="button"
            className="figure-link"
            data-testid="funnel-cancelled-count"
            data-count={data.cancelled}
            onClick={() => pick('CANCELLED')}
          >
            {t('bi.chart.count', { value: formatCount(data.cancelled, i18n.language) })}
          </button>{' '}
          <span className="funnel-note">{t('overviewBi.funnel.cancelledNote')}</span>
        </p>
      )}
      <ChartTable
        testId="funnel-table"
        labelHeader={t('overviewBi.funnel.header')}
        labels={stages.map((s) => stageLabel(s.stage))}
        columns={[
          { key: 'count', label: t('overviewBi.funnel.count'), values: stages.map((s) => s.count) },
          {
            key: 'pct',
            label: t('overviewBi.funnel.pct'),
            values: stages.map((s) => s.pct),
            format: (v) => formatPct(v, i18n.language),
          },
        ]}
        pickable={(key) => key === 'count'}
        onPick={(i) => {
          const s = stages[i]
          if (s) pick(s.stage)
        }}
      />
    </ChartFrame>
  )
}
