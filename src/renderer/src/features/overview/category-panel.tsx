import { useTranslation } from 'react-i18next'
import type { BiFilter } from '../../../../shared/ipc/define'
import { formatPct } from '../../components/chart-format'
import { ChartFrame } from '../../components/chart-frame'
import { HBarChart } from '../../components/chart-hbars'
import { ChartTable } from '../../components/chart-table'
import type { OpenDrillDown } from '../../components/use-drill-down'
import { useBiQuery } from '../../components/use-bi-query'
import { formatCount } from '../../i18n/format'

/** New SRs of the range by category, largest first, with each one's share. */
export function CategoryPanel({ filter, openDrill }: { filter: BiFilter; openDrill: OpenDrillDown }) {
  const { t, i18n } = useTranslation()
  const query = useBiQuery('bi:category-pie', filter)
  const data = query.data
  const slices = data?.data ?? []

  function pick(index: number, opener?: Element | null): void {
    const slice = slices[index]
    if (!slice) return
    openDrill(
      { ...filter, widget: 'category-pie', series: 'count', category: slice.category_key },
      `${t('overviewBi.category.title')} · ${slice.category}`,
      opener,
    )
  }

  return (
    <ChartFrame
      testId="panel-category"
      title={t('overviewBi.category.title')}
      subtitle={data && t('overviewBi.category.total', { count: data.total })}
      loading={query.loading}
      error={query.error}
      onRetry={query.reload}
      empty={data !== undefined && data.total === 0}
      hasData={data !== undefined}
      height={300}
    >
      <HBarChart
        testId="category-chart"
        categories={slices.map((s) => s.category)}
        series={[
          {
            key: 'count',
            label: t('overviewBi.category.count'),
            data: slices.map((s) => s.count),
            color: 'var(--chart-category)',
          },
        ]}
        endLabel={(i) => {
          const s = slices[i]
          return s ? `${formatCount(s.count, i18n.language)} · ${formatPct(s.pct, i18n.language)}%` : ''
        }}
        onPick={(i, _, opener) => pick(i, opener)}
      />
      <ChartTable
        testId="category-table"
        labelHeader={t('overviewBi.category.header')}
        labels={slices.map((s) => s.category)}
        columns={[
          { key: 'count', label: t('overviewBi.category.count'), values: slices.map((s) => s.count) },
          {
            key: 'pct',
            label: t('overviewBi.category.pct'),
            values: slices.map((s) => s.pct),
            format: (v) => formatPct(v, i18n.language),
          },
        ]}
        pickable={(key) => key === 'count'}
        onPick={(i) => pick(i)}
      />
    </ChartFrame>
  )
}
