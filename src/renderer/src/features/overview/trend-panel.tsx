import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BI_PERIODS } from '../../../../shared/ipc/channels/bi'
import type { BiPeriod } from '../../../../shared/ipc/types-bi'
import type { BiFilter } from '../../../../shared/ipc/define'
import { ChartFrame } from '../../components/chart-frame'
import { ChartTable } from '../../components/chart-table'
import { TrendChart, type TrendSeries } from '../../components/chart-trend'
import type { OpenDrillDown } from '../../components/use-drill-down'
import { useBiQuery } from '../../components/use-bi-query'

const COLORS = { created: 'var(--chart-created)', resolved: 'var(--chart-resolved)' } as const

/** Created vs resolved per day, week or month, the bucket holding "now" hatched. */
export function TrendPanel({ filter, openDrill }: { filter: BiFilter; openDrill: OpenDrillDown }) {
  const { t } = useTranslation()
  const [period, setPeriod] = useState<BiPeriod>('daily')
  const request = { ...filter, period }
  const query = useBiQuery('bi:sr-trend', request)
  const data = query.data
  const series: TrendSeries[] = (data?.datasets ?? []).map((d) => ({
    key: d.key,
    label: t(`overviewBi.trend.${d.key}`),
    data: d.data,
    color: COLORS[d.key],
  }))
  const empty = data !== undefined && data.datasets.every((d) => d.data.every((v) => v === 0))

  function pick(index: number, seriesKey: string, opener?: Element | null): void {
    const bucket = data?.buckets[index]
    if (!data || !bucket) return
    const label = series.find((s) => s.key === seriesKey)?.label ?? seriesKey
    openDrill(
      { ...filter, widget: 'sr-trend', period: data.period, bucket: bucket.key, series: seriesKey },
      `${bucket.key} · ${label}`,
      opener,
    )
  }

  return (
    <ChartFrame
      testId="panel-trend"
      title={t('overviewBi.trend.title')}
      subtitle={data && t('overviewBi.range', { from: data.range.from, to: data.range.to })}
      actions={
        <div className="segmented" role="group" aria-label={t('overviewBi.trend.periodLabel')}>
          {BI_PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={period === p}
              data-testid={`period-${p}`}
              onClick={() => setPeriod(p)}
            >
              {t(`overviewBi.trend.periods.${p}`)}
            </button>
          ))}
        </div>
      }
      loading={query.loading}
      error={query.error}
      onRetry={query.reload}
      empty={empty}
      hasData={data !== undefined}
      height={310}
    >
      {data && (
        <div data-period={data.period} data-buckets={data.labels.length} data-testid="trend-body">
          <TrendChart
            labels={data.labels}
            series={series}
            partial={data.buckets.map((b) => b.partial)}
            onPick={pick}
          />
          <ChartTable
            testId="trend-table"
            labelHeader={t('overviewBi.trend.bucket')}
            labels={data.labels.map((l, i) =>
              data.buckets[i]?.partial ? `${l} ${t('bi.chart.partialTag')}` : l,
            )}
            columns={series.map((s) => ({ key: s.key, label: s.label, values: s.data }))}
            onPick={(i, key) => pick(i, key)}
          />
        </div>
      )}
    </ChartFrame>
  )
}
