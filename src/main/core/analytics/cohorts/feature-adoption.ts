// SPEC §5 feature adoption: per feature, the tenants using it and its usage count by month, from the
// feature-usage feed (feature_usage: source × tenant × feature × 'YYYY-MM' month as the feed reports
// it). Two sources may report the same tenant: their counts add up, and the tenant is counted once.
import type { FeatureAdoptionResponse, FeatureAdoptionRow } from '../../../../shared/ipc/types-cohorts'
import type { Store } from '../../db/open-database'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'
import { COHORT_METRICS } from './labels'
import { cohortMeta, monthKeyOf, monthsBetween } from './months'

type Cell = { feature: string; month: string; tenants: number; usage: number }

/**
 * Feature adoption by month. The tenant filter keeps those tenants' usage rows; from/to picks the
 * months it touches (never past the as-of month); by default every month of the feed up to as-of.
 * A tenant uses a feature in a month when its count there is above zero (any source's: counts are ≥ 0).
 */
export function featureAdoption(store: Store, q: ResolvedQuery): FeatureAdoptionResponse {
  const tenant = tenantClause(q.tenants)
  const asOfMonth = monthKeyOf(q.asOf, q.zone)
  const base = { ...cohortMeta(q), metric: COHORT_METRICS[q.lang].featureAdoption }
  const tenantTotal = store.sqlite
    .prepare(`SELECT count(*) FROM tenants WHERE created_at <= ?${tenantClause(q.tenants, 'id').sql}`)
    .pluck()
    .get(q.asOf, ...tenant.params) as number

  let months: string[]
  if (q.range) {
    months = monthsBetween(q.range.start, Math.min(q.range.end - 1, q.asOf), q.zone).map((m) => m.key)
  } else {
    const first = store.sqlite
      .prepare(
        `SELECT min(month) FROM feature_usage WHERE month <= ? AND month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'${tenant.sql}`,
      )
      .pluck()
      .get(asOfMonth, ...tenant.params) as string | null
    months = first === null ? [] : monthKeysFrom(first, asOfMonth)
  }
  const from = months[0]
  const to = months[months.length - 1]
  if (from === undefined || to === undefined)
    return { ...base, months: [], tenant_total: tenantTotal, feature_adoption: [] }

  const features = store.sqlite
    .prepare(`SELECT DISTINCT feature FROM feature_usage WHERE month <= ?${tenant.sql} ORDER BY feature`)
    .pluck()
    .all(asOfMonth, ...tenant.params) as string[]
  const cells = store.sqlite
    .prepare(
      `SELECT feature, month, count(DISTINCT CASE WHEN count > 0 THEN tenant_id END) AS tenants,
         sum(count) AS usage FROM feature_usage
       WHERE month >= ? AND month <= ?${tenant.sql} GROUP BY feature, month`,
    )
    .all(from, to, ...tenant.params) as Cell[]
  const distinct = new Map(
    (
      store.sqlite
        .prepare(
          `SELECT feature, count(DISTINCT tenant_id) AS n, min(month) AS first FROM feature_usage
           WHERE count > 0 AND month >= ? AND month <= ?${tenant.sql} GROUP BY feature`,
        )
        .all(from, to, ...tenant.params) as { feature: string; n: number; first: string }[]
    ).map((r) => [r.feature, r]),
  )
  const byKey = new Map(cells.map((c) => [`${c.feature}\u0000${c.month}`, c]))
  const rows: FeatureAdoptionRow[] = features.map((feature) => {
    const byMonth = months.map((month) => {
      const c = byKey.get(`${feature}\u0000${month}`)
      return { month, tenants: c?.tenants ?? 0, usage_count: c?.usage ?? 0 }
    })
    const usage = byMonth.reduce((s, m) => s + m.usage_count, 0)
    const d = distinct.get(feature)
    return {
      feature,
      usage_count: usage,
      adopted: (d?.n ?? 0) > 0,
      tenants_using: d?.n ?? 0,
      first_month: d?.first ?? null,
      by_month: byMonth,
    }
  })
  // Most widely adopted first, then by usage, then by name, so the table reads as a ranking.
  rows.sort(
    (a, b) =>
      b.tenants_using - a.tenants_using ||
      b.usage_count - a.usage_count ||
      a.feature.localeCompare(b.feature),
  )
  return { ...base, months, tenant_total: tenantTotal, feature_adoption: rows }
}

/** 'YYYY-MM' keys from `from` through `to` inclusive (plain calendar arithmetic on the labels). */
function monthKeysFrom(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`
    if (key > to) break
    out.push(key)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}
