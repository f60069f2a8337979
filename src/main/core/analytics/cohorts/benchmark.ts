// SPEC §5 tenant benchmark: one tenant's KPIs against the anonymised distribution of all tenants
// (quartiles, median, its rank of N). No other tenant is ever named in the answer: tenants are
// handled by id and only the chosen tenant's name is put into the response.
import type {
  BenchmarkMetric,
  BenchmarkMetricKey,
  BenchmarkResponse,
} from '../../../../shared/ipc/types-cohorts'
import { CoreError } from '../../errors'
import type { Store } from '../../db/open-database'
import { currentPeriodToDate, formatInstant } from '../../metrics/periods'
import { roundTo } from '../../metrics/rounding'
import type { ResolvedQuery } from '../query'
import { BENCHMARK_LABELS } from './labels'
import { cohortMeta } from './months'
import { firstSrByTenant, scopedTenants } from './scope'
import { competitionRank, quartileInc, sortedNumbers } from './stats'
import { tenantKpis, type TenantKpis } from './tenant-kpis'

/**
 * With fewer tenants than this having a value, the box would expose individual tenants' figures
 * (with two, the chosen tenant's value and the median give away the other's), so it is withheld.
 */
export const MIN_GROUP = 3

const METRICS: readonly {
  key: BenchmarkMetricKey
  higherIsBetter: boolean
  decimals: number
  value: (k: TenantKpis) => number | null
}[] = [
  { key: 'mttr', higherIsBetter: false, decimals: 1, value: (k) => k.mttrHours },
  { key: 'fcr', higherIsBetter: true, decimals: 1, value: (k) => k.fcrPct },
  { key: 'sla', higherIsBetter: true, decimals: 1, value: (k) => k.slaPct },
  // Backlog is a count, but its quartiles interpolate between counts, so they keep a decimal too.
  { key: 'backlog', higherIsBetter: false, decimals: 1, value: (k) => k.backlog },
  { key: 'reopen', higherIsBetter: false, decimals: 1, value: (k) => k.reopenPct },
]

/**
 * The benchmark of the tenant in the filter (at most one; none = the distribution alone) over this
 * calendar month to as-of, or the from/to range (cut at as-of). Compared tenants: every tenant with
 * an SR created by the end of the period. Ranks use unrounded values; figures are rounded for display.
 */
export function tenantBenchmark(store: Store, q: ResolvedQuery): BenchmarkResponse {
  if (q.tenants && q.tenants.length > 1) {
    throw new CoreError(
      'BAD_REQUEST',
      `The benchmark compares one tenant with all others: give one tenant (got ${q.tenants.length})`,
    )
  }
  const period = q.range
    ? { start: q.range.start, end: Math.min(q.range.end, q.asOf + 1) }
    : currentPeriodToDate(q.asOf, 'month', q.zone)
  if (period.start >= period.end) {
    throw new CoreError('BAD_REQUEST', 'The range starts after as-of: nothing to compare yet')
  }
  const backlogAt = period.end - 1
  const all = scopedTenants(store, null)
  const subjectName = q.tenants?.[0] ?? null
  const subject = subjectName === null ? null : all.find((t) => t.name === subjectName)
  if (subjectName !== null && !subject) throw new CoreError('BAD_REQUEST', `Unknown tenant "${subjectName}"`)

  const onboarded = firstSrByTenant(store, all, backlogAt)
  const compared = all.filter((t) => onboarded.has(t.id))
  const kpis = tenantKpis(store, compared, period, backlogAt)
  const mine = subject ? kpis.get(subject.id) : undefined
  const labels = BENCHMARK_LABELS[q.lang]
  const metrics: BenchmarkMetric[] = METRICS.map((m) => {
    const values: number[] = []
    for (const k of kpis.values()) {
      const v = m.value(k)
      if (v !== null) values.push(v)
    }
    const value = mine ? m.value(mine) : null
    const sorted = sortedNumbers(values)
    const suppressed = values.length > 0 && values.length < MIN_GROUP
    const at = (p: number) => roundTo(quartileInc(sorted, p) ?? 0, m.decimals)
    return {
      key: m.key,
      label: labels[m.key].label,
      unit: labels[m.key].unit,
      direction: m.higherIsBetter ? 'HIGHER_BETTER' : 'LOWER_BETTER',
      value: value === null ? null : roundTo(value, m.decimals),
      rank: value === null ? null : competitionRank(values, value, m.higherIsBetter),
      n: values.length,
      distribution:
        values.length === 0 || suppressed
          ? null
          : { min: at(0), q1: at(0.25), median: at(0.5), q3: at(0.75), max: at(1) },
      suppressed,
    }
  })
  return {
    ...cohortMeta(q),
    tenant: subject?.name ?? null,
    period: { start: formatInstant(period.start, q.zone), end: formatInstant(period.end - 1, q.zone) },
    backlog_at: formatInstant(backlogAt, q.zone),
    tenant_count: compared.length,
    min_group: MIN_GROUP,
    metrics,
  }
}
