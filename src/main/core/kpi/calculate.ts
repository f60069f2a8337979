// KPI values per period (SPEC §6): a calculation fills in the periods missing from kpi_values (from the
// KPI's effective date or its first data, bounded), recomputes the current period (ending at as-of)
// and any period last computed before it closed, and judges each with the version in force then.
import type { Store } from '../db/open-database'
import type { Period } from '../metrics/periods'
import { getKpi, kpiVersions, listKpis, versionAt, type StoredKpi, type StoredVersion } from './definitions'
import { BACKFILL_LIMIT, kpiPeriodContaining, periodsBefore } from './kpi-periods'
import { storeMetricSource, type MetricSource } from './metric-source'
import { judge } from './status'
import { writeTransaction } from '../db/write-transaction'

/** One period of a KPI's plan: its bounds, the version judging it, and whether it contains as-of. */
export type PlannedPeriod = { start: number; end: number; version: StoredVersion; current: boolean }

export type CalcOptions = {
  /** The as-of instant (epoch ms): the current period ends just after it. */
  now: number
  zone: string
  source?: MetricSource
  /** Recompute every period in range, not only missing, stale and current ones. */
  full?: boolean
}

export type KpiCalcOutcome = { kpi: StoredKpi; computed: number; current: PlannedPeriod | null }

const MAX_PERIODS = 2000

/**
 * The periods of a KPI up to as-of. Each is judged by the version in force at its start and ends
 * at its natural end or where another version takes over, whichever comes first, so no period
 * straddles two versions (a DAILY→MONTHLY change starts with a partial period).
 */
export function planPeriods(
  versions: readonly StoredVersion[],
  firstDataAt: number | null,
  asOf: number,
  zone: string,
): PlannedPeriod[] {
  const latest = versionAt(versions, asOf)
  if (!latest) return []
  const firstEffective = Math.min(...versions.map((v) => v.effectiveFrom))
  const bound = periodsBefore(asOf, latest.period, BACKFILL_LIMIT[latest.period], zone)
  const start = Math.max(firstEffective, firstDataAt ?? asOf, bound)
  const first = versionAt(versions, start)
  if (!first) return []
  let cursor = Math.max(kpiPeriodContaining(start, first.period, zone).start, firstEffective)
  const boundaries = [...new Set(versions.map((v) => v.effectiveFrom))].sort((a, b) => a - b)
  const plan: PlannedPeriod[] = []
  while (cursor <= asOf && plan.length < MAX_PERIODS) {
    const version = versionAt(versions, cursor)
    if (!version) break
    const natural = kpiPeriodContaining(cursor, version.period, zone)
    const takeover = boundaries.find((b) => b > cursor && versionAt(versions, b)?.version !== version.version)
    const end = takeover !== undefined ? Math.min(natural.end, takeover) : natural.end
    plan.push({ start: cursor, end, version, current: end > asOf })
    cursor = end
  }
  return plan
}

type StoredValueRow = { period_start: number; period_end: number; computed_at: number }

/** Calculates one KPI's missing, stale and current periods and stores them. */
export function calculateKpi(store: Store, kpi: StoredKpi, opts: CalcOptions): KpiCalcOutcome {
  const source = opts.source ?? storeMetricSource
  const versions = kpiVersions(store, kpi.id)
  const latest = versionAt(versions, opts.now) ?? versions[versions.length - 1]
  const firstData = latest ? source.firstDataAt(store, latest.base_metric, opts.zone) : null
  const plan = planPeriods(versions, firstData, opts.now, opts.zone)
  const current = plan.find((p) => p.current) ?? null
  if (plan.length === 0) return { kpi, computed: 0, current }

  const stored = new Map(
    (
      store.sqlite
        .prepare(
          'SELECT period_start, period_end, computed_at FROM kpi_values WHERE kpi_id = ? AND period_start >= ?',
        )
        .all(kpi.id, plan[0]?.start ?? 0) as StoredValueRow[]
    ).map((r) => [r.period_start, r]),
  )
  const todo = plan.filter((p) => {
    if (opts.full || p.current) return true
    const row = stored.get(p.start)
    // Missing, built for other bounds (a version change), or computed before the period closed.
    return !row || row.period_end !== p.end || row.computed_at < p.end - 1
  })

  // One metric query per version: periods judged by the same version share metric and filter.
  const byVersion = new Map<number, PlannedPeriod[]>()
  for (const p of todo) byVersion.set(p.version.version, [...(byVersion.get(p.version.version) ?? []), p])
  const results: { p: PlannedPeriod; value: number | null }[] = []
  for (const periods of byVersion.values()) {
    const v = periods[0]?.version
    if (!v) continue
    const bounds: Period[] = periods.map((p) => ({ start: p.start, end: p.current ? opts.now + 1 : p.end }))
    const values = source.values(store, { metric: v.base_metric, filter: v.filter, zone: opts.zone }, bounds)
    periods.forEach((p, i) => results.push({ p, value: values[i] ?? null }))
  }

  const planned = new Set(plan.map((p) => p.start))
  const upsert = store.sqlite.prepare(
    `INSERT INTO kpi_values (kpi_id, period_start, period_end, value, status, achievement_pct, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kpi_id, period_start) DO UPDATE SET period_end = excluded.period_end, value = excluded.value,
       status = excluded.status, achievement_pct = excluded.achievement_pct, computed_at = excluded.computed_at`,
  )
  const remove = store.sqlite.prepare('DELETE FROM kpi_values WHERE kpi_id = ? AND period_start = ?')
  writeTransaction(store.sqlite, () => {
    for (const { p, value } of results) {
      const j = judge(value, p.version.direction, p.version.target, p.version.thresholds)
      // computed_at holds the as-of the value was computed at: a period is final once that reaches its end.
      upsert.run(kpi.id, p.start, p.end, value, j.status, j.achievementPct, opts.now)
    }
    // Rows left over from earlier period bounds inside the planned range no longer belong to any period.
    for (const row of stored.values()) {
      if (!planned.has(row.period_start) && row.period_start <= opts.now) remove.run(kpi.id, row.period_start)
    }
  })()
  return { kpi, computed: results.length, current }
}

/** Recalculates every KPI (after a sync, on the timer, on demand). */
export function recalculateKpis(
  store: Store,
  opts: CalcOptions & { only?: number | string },
): KpiCalcOutcome[] {
  const kpis = opts.only !== undefined ? [getKpi(store, opts.only)] : listKpis(store)
  return kpis.map((kpi) => calculateKpi(store, kpi, opts))
}
