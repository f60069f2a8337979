import { useTranslation } from 'react-i18next'
import type { BenchmarkMetric, BenchmarkResponse } from '../../../../shared/ipc/types-cohorts'
import { NoticeBar } from '../../components/tenant-filter'
import { useTenantSelection } from '../../components/use-tenant-selection'
import { formatDateTime, localeOf } from '../../i18n/format'
import { call } from '../../lib/api'
import { useLiveQuery } from '../../lib/use-live-query'
import type { ConsoleFilters } from '../../screens'
import { benchmarkNoticeText, benchmarkTenant } from './benchmark-tenant'
import { benchmarkUnit } from './benchmark-unit'
import { BoxPlot } from './box-plot'
import { CohortPanel } from './cohort-panel'
import { useCohort } from './use-cohort'

/**
 * The benchmark of one tenant against all (anonymous) others. The tenant comes from the screen's
 * own selector, starting from the header filter's first tenant; the period is this month or the range.
 * The list is read again when the data changes: a tenant chosen here and renamed upstream by a sync
 * stays chosen under its new name (by its row id, as the header filter keeps its own), and one that
 * is gone gives way to the header's or the list's first, with a notice either way.
 */
export function BenchmarkView({ filters }: { filters: ConsoleFilters }) {
  const { t, i18n } = useTranslation()
  const tenants = useLiveQuery(() => call('workspace:tenants', {}), 'tenants')
  const chosen = useTenantSelection(tenants.data)
  const tenant = benchmarkTenant(chosen.selected[0], filters.tenants, tenants.data)
  const query = useCohort('cohort:benchmark', {
    ...(tenant ? { tenants: [tenant] } : {}),
    ...(filters.range ? { from: filters.range.from, to: filters.range.to } : {}),
  })
  const selector = (
    <label className="cohort-tenant-select">
      {t('cohorts.benchmark.tenant')}
      <select
        value={tenant ?? ''}
        onChange={(e) => chosen.choose(e.currentTarget.value ? [e.currentTarget.value] : [])}
        data-testid="benchmark-tenant"
      >
        {tenant === null && <option value="">{t('cohorts.benchmark.choose')}</option>}
        {(tenants.data ?? []).map((x) => (
          <option key={x.id} value={x.name}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  )
  return (
    <>
      <NoticeBar
        text={chosen.notice ? benchmarkNoticeText(t, i18n.language, chosen.notice, tenant) : null}
        onDismiss={chosen.dismissNotice}
        testId="benchmark-notice"
      />
      <CohortPanel
        testId="cohort-benchmark"
        title={t('cohorts.benchmark.title')}
        query={query}
        isEmpty={(d: BenchmarkResponse) => d.tenant_count === 0}
        controls={selector}
      >
        {(d) => <BenchmarkBody data={d} />}
      </CohortPanel>
    </>
  )
}

function BenchmarkBody({ data: d }: { data: BenchmarkResponse }) {
  const { t, i18n } = useTranslation()
  const nf = new Intl.NumberFormat(localeOf(i18n.language), { maximumFractionDigits: 1 })
  const fmt = (v: number) => nf.format(v)
  return (
    <>
      <p className="cohort-note">
        {t('cohorts.benchmark.period', {
          start: formatDateTime(d.period.start, d.time_zone, i18n.language),
          end: formatDateTime(d.period.end, d.time_zone, i18n.language),
        })}
        {' · '}
        {t('cohorts.benchmark.compared', { count: d.tenant_count })}
      </p>
      <ul className="benchmark-list" data-testid="benchmark-list" data-tenant={d.tenant ?? ''}>
        {d.metrics.map((m) => (
          <MetricRow key={m.key} metric={m} minGroup={d.min_group} fmt={fmt} />
        ))}
      </ul>
      <p className="cohort-note">{t('cohorts.benchmark.legend')}</p>
    </>
  )
}

function MetricRow({
  metric: m,
  minGroup,
  fmt,
}: {
  metric: BenchmarkMetric
  minGroup: number
  fmt: (v: number) => string
}) {
  const { t } = useTranslation()
  const d = m.distribution
  return (
    <li className="benchmark-row" data-metric={m.key}>
      <div className="benchmark-head">
        <span className="benchmark-name">{t(`cohorts.benchmark.metrics.${m.key}`)}</span>
        <span className="benchmark-direction">{t(`cohorts.benchmark.better.${m.direction}`)}</span>
      </div>
      <div className="benchmark-value" data-testid={`benchmark-value-${m.key}`}>
        {m.value === null ? (
          <span className="cohort-muted">{t('cohorts.benchmark.noValue')}</span>
        ) : (
          <>
            <strong>{fmt(m.value)}</strong>{' '}
            <span className="cohort-muted">{benchmarkUnit(t, m.key, m.value)}</span>
          </>
        )}
        {m.rank !== null && (
          <span className="benchmark-rank" data-testid={`benchmark-rank-${m.key}`}>
            {t('cohorts.benchmark.rank', { rank: m.rank, n: m.n })}
          </span>
        )}
      </div>
      <div className="benchmark-plot">
        {d ? (
          <>
            <BoxPlot
              distribution={d}
              value={m.value}
              label={t('cohorts.benchmark.box', {
                min: fmt(d.min),
                q1: fmt(d.q1),
                median: fmt(d.median),
                q3: fmt(d.q3),
                max: fmt(d.max),
              })}
            />
            <div className="box-scale" aria-hidden="true">
              <span>{fmt(Math.min(d.min, m.value ?? d.min))}</span>
              <span>
                {t('cohorts.benchmark.scale', { q1: fmt(d.q1), median: fmt(d.median), q3: fmt(d.q3) })}
              </span>
              <span>{fmt(Math.max(d.max, m.value ?? d.max))}</span>
            </div>
          </>
        ) : (
          <span className="cohort-muted">
            {m.suppressed
              ? t('cohorts.benchmark.suppressed', { min: minGroup })
              : t('cohorts.benchmark.noValue')}
          </span>
        )}
      </div>
    </li>
  )
}
