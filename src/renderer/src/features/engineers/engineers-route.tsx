import { useTranslation } from 'react-i18next'
import { ChartFrame } from '../../components/chart-frame'
import { HBarChart } from '../../components/chart-hbars'
import { ChartTable } from '../../components/chart-table'
import { biFilter, useBiLanguage, useBiQuery } from '../../components/use-bi-query'
import { useDrillDown } from '../../components/use-drill-down'
import { formatCount } from '../../i18n/format'
import type { ScreenProps } from '../../screens'

const SERIES = ['resolved', 'open'] as const
const COLORS = { resolved: 'var(--chart-resolved)', open: 'var(--chart-open)' } as const

/** Load per assignee: SRs created in the range, resolved and still open; 미배정 as its own row. */
export function EngineersRoute({ filters }: ScreenProps) {
  const { t, i18n } = useTranslation()
  const lang = useBiLanguage()
  const drill = useDrillDown()
  const filter = biFilter(filters, lang)
  const query = useBiQuery('bi:engineer-load', filter)
  const data = query.data
  const rows = data?.data ?? []
  const names = rows.map((r) => r.engineer)

  function pick(index: number, series: string, opener?: Element | null): void {
    const row = rows[index]
    if (!row) return
    const column = t(`engineers.columns.${series}`)
    drill.open(
      { ...filter, widget: 'engineer-load', series, assignee: row.assignee_id },
      `${row.engineer} · ${column}`,
      opener,
    )
  }

  return (
    <div
      data-testid="engineers-screen"
      data-state={query.loading ? 'loading' : query.error ? 'error' : 'ready'}
    >
      <h2 className="page-title">{t('engineers.title')}</h2>
      <p className="page-subtitle">
        {filters.range
          ? t('engineers.subtitle', { from: filters.range.from, to: filters.range.to })
          : t('engineers.title')}
      </p>
      <ChartFrame
        testId="panel-engineers"
        title={t('engineers.chartTitle')}
        subtitle={
          data &&
          (rows.length >= data.engineer_count
            ? t('engineers.all', { count: data.engineer_count })
            : t('engineers.shown', {
                shown: formatCount(rows.length, i18n.language),
                count: formatCount(data.engineer_count, i18n.language),
              }))
        }
        loading={query.loading}
        error={query.error}
        onRetry={query.reload}
        empty={data !== undefined && rows.length === 0}
        hasData={data !== undefined}
        height={420}
        footer={<p className="chart-note">{t('engineers.cancelledNote')}</p>}
      >
        <HBarChart
          testId="engineers-chart"
          axisWidth={110}
          categories={names}
          series={SERIES.map((key) => ({
            key,
            label: t(`engineers.${key}`),
            data: rows.map((r) => r[key]),
            color: COLORS[key],
          }))}
          endLabel={(i) => formatCount(rows[i]?.total ?? 0, i18n.language)}
          onPick={pick}
        />
        <ul className="chart-legend">
          {SERIES.map((key) => (
            <li key={key}>
              <span className="legend-swatch" style={{ background: COLORS[key] }} aria-hidden="true" />
              {t(`engineers.${key}`)}
            </li>
          ))}
        </ul>
        <ChartTable
          testId="engineers-table"
          defaultOpen
          labelHeader={t('engineers.columns.engineer')}
          labels={names}
          columns={(['total', 'resolved', 'open'] as const).map((key) => ({
            key,
            label: t(`engineers.columns.${key}`),
            values: rows.map((r) => r[key]),
          }))}
          onPick={(i, key) => pick(i, key)}
        />
      </ChartFrame>
      {drill.panel}
    </div>
  )
}
