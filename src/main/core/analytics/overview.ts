// SPEC §4 overview cards. Every period comes from the metrics module; counts read the derived
// resolved_at (SPEC §2), never updated_at. Resolved counts and MTTR sums come from the BI rollups
// when they are built for the request's zone (whole local days from the rollups, the part of as-of's
// day from the SRs: the widgets' counting engine, widgets/aggregate.ts), else from the metrics
// module over the rows; both give the same cards (test/integration/analytics/overview.test.ts).
import type { OverviewCard, OverviewResponse } from '../../../shared/ipc/types'
import { CARD_LABELS, CHANGE_LABEL, UNITS } from '../../../shared/labels'
import type { Store } from '../db/open-database'
import { getWatermark } from '../db/meta'
import {
  currentPeriodToDate,
  formatInstant,
  periodContaining,
  previousPeriod,
  type Period,
} from '../metrics/periods'
import { roundTo } from '../metrics/rounding'
import { resolvedWithMttr } from '../metrics/sr-metrics'
import type { ResolvedQuery } from './query'
import { tenantClause } from './tenant-filter'
import { countSlices } from './widgets/aggregate'

type Resolved = { count: number; mttrHours: number | null }

const HOUR_MS = 3_600_000

/**
 * resolved(P) and MTTR(P) for each period, from the rollups. countSlices wants sorted,
 * non-overlapping slices, so each period is its own call (the month and the week overlap).
 */
function resolvedFromRollups(store: Store, q: ResolvedQuery, periods: Period[]): Resolved[] {
  const src = { store, zone: q.zone, tenants: q.tenants, rollups: true }
  return periods.map((p) => {
    const [counts] = countSlices(src, 'resolved', 'none', [p])
    // Measures of the 'resolved' side: [count, on time, MTTR sum ms]; one key (0) without a dimension.
    const [n = 0, , mttrMs = 0] = counts?.get(0) ?? []
    return { count: n, mttrHours: n === 0 ? null : mttrMs / n / HOUR_MS }
  })
}

/**
 * The overview card row: open, in progress, resolved this month (with change), this ISO week, MTTR
 * this month. `rollups`: the BI rollups are built and fresh for q.zone (rollups.ts ensureRollups).
 */
export function overview(store: Store, q: ResolvedQuery, rollups = false): OverviewResponse {
  const tenant = tenantClause(q.tenants)
  const countStatus = store.sqlite.prepare(
    `SELECT count(*) AS n FROM service_requests WHERE status = ? AND created_at <= ?${tenant.sql}`,
  )
  // Open and in progress now: few SRs, read straight from the (status, tenant, created_at) index.
  // resolved(P) and MTTR(P) as SPEC §3 defines them (metrics/sr-metrics.ts): MTTR reads the stored
  // mttr_ms, which follows the SLA policy's clock (calendar by default, business hours if set).
  const resolved = (p: Period): Resolved => {
    const r = resolvedWithMttr(store, p, { tenants: q.tenants })
    return { count: r.resolved, mttrHours: r.mttr.value }
  }
  const open = (countStatus.get('OPEN', q.asOf, ...tenant.params) as { n: number }).n
  const inProgress = (countStatus.get('IN_PROGRESS', q.asOf, ...tenant.params) as { n: number }).n
  const month = currentPeriodToDate(q.asOf, 'month', q.zone)
  const lastMonth = previousPeriod(periodContaining(q.asOf, 'month', q.zone), 'month', q.zone)
  const week = currentPeriodToDate(q.asOf, 'week', q.zone)
  const [thisMonth, prevMonth, thisWeek] = rollups
    ? (resolvedFromRollups(store, q, [month, lastMonth, week]) as [Resolved, Resolved, Resolved])
    : [resolved(month), resolved(lastMonth), resolved(week)]

  const labels = CARD_LABELS[q.lang]
  const units = UNITS[q.lang]
  const cards: OverviewCard[] = [
    { key: 'open_sr', label: labels.open_sr, value: open, unit: units.count, color: 'red' },
    { key: 'inprog_sr', label: labels.inprog_sr, value: inProgress, unit: units.count, color: 'orange' },
    {
      key: 'done_month',
      label: labels.done_month,
      value: thisMonth.count,
      unit: units.count,
      color: 'green',
      change: thisMonth.count - prevMonth.count,
      change_label: CHANGE_LABEL[q.lang],
    },
    { key: 'done_week', label: labels.done_week, value: thisWeek.count, unit: units.count, color: 'blue' },
    {
      key: 'mttr',
      label: labels.mttr,
      value: thisMonth.mttrHours === null ? null : roundTo(thisMonth.mttrHours, 1),
      unit: units.hours,
      color: 'purple',
    },
  ]
  const watermark = getWatermark(store)
  return {
    cards,
    updated_at: watermark === null ? null : formatInstant(watermark, q.zone),
    as_of: formatInstant(q.asOf, q.zone),
    time_zone: q.zone,
    tenants: q.tenants,
  }
}
