import { useTranslation } from 'react-i18next'
import type { BiFilter } from '../../../../shared/ipc/define'
import { ChartFrame } from '../../components/chart-frame'
import { ChartTable } from '../../components/chart-table'
import { MttrChart } from '../../components/chart-mttr'
import { monthsEndingAt } from '../../components/date-range-presets'
import type { OpenDrillDown } from '../../components/use-drill-down'
import { useBiQuery } from '../../components/use-bi-query'
import { formatHours } from '../../i18n/format'

export const MTTR_MONTHS = 12

/**
 * MTTR per month of resolution over the 12 months ending with the range's last day: a trend needs a
 * year of context even when the header shows 30 days, so only the range's end is followed.
 */
export function MttrPanel({ filter, openDrill }: { filter: BiFilter; openDrill: OpenDrillDown }) {
  const { t, i18n } = useTranslation()
  const request: BiFilter & { months?: number } =
    filter.to !== undefined
      ? { ...filter, ...monthsEndingAt(filter.to, MTTR_MONTHS) }
      : { ...filter, months: MTTR_MONTHS }
  const query = useBiQuery('bi:mttr-trend', request)
  const data = query.data
  // The core marks the month holding as-of (or one the range cuts) as partial.
  const points = (data?.raw ?? []).map((p) => ({
    label: p.month,
    hours: p.mttr_hours,
    count: p.count,
    partial: p.partial,
  }))

  function pick(index: number, opener?: Element | null): void {
    const point = data?.raw[index]
    if (!point) return
    openDrill(
      { ...request, widget: 'mttr-trend', series: 'count', bucket: point.month },
      `${point.month} · ${t('overviewBi.mttr.count')}`,
      opener,
    )
  }

  return (
    <ChartFrame
      testId="panel-mttr"
      title={t('overviewBi.mttr.title')}
      subtitle={data && t('overviewBi.range', { from: data.labels[0] ?? '', to: data.labels.at(-1) ?? '' })}
      loading={query.loading}
      error={query.error}
      onRetry={query.reload}
      empty={data !== undefined && points.every((p) => p.count === 0)}
      hasData={data !== undefined}
    >
      <MttrChart
        points={points}
        hoursLabel={t('overviewBi.mttr.hours')}
        countLabel={t('overviewBi.mttr.count')}
        onPick={pick}
      />
      <ChartTable
        testId="mttr-table"
        labelHeader={t('overviewBi.mttr.month')}
        labels={points.map((p) => p.label)}
        columns={[
          {
            key: 'hours',
            label: t('overviewBi.mttr.hours'),
            values: points.map((p) => p.hours),
            format: (v) => formatHours(v, i18n.language),
          },
          { key: 'count', label: t('overviewBi.mttr.count'), values: points.map((p) => p.count) },
        ]}
        pickable={(key) => key === 'count'}
        onPick={(i) => pick(i)}
      />
    </ChartFrame>
  )
}
