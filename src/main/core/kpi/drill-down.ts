// The SRs behind an SR-based KPI value for one period (SPEC §1 "drill from any number"), selected by
// the same definitions the value was computed with.
import type { KpiDrillDown, KpiDrillRow } from '../../../shared/ipc/types-kpi'
import type { Store } from '../db/open-database'
import { inPageOrder, SR_PAGE_IDS_SQL, srPageIds } from '../db/repositories/sr-page'
import { CoreError } from '../errors'
import { formatInstant, type Period } from '../metrics/periods'
import { roundTo } from '../metrics/rounding'
import { BASE_METRICS } from './base-metrics'
import { kpiVersions, versionAt, type StoredKpi } from './definitions'
import { kpiPeriodContaining } from './kpi-periods'
import { backlogAt, filterClause } from './metric-source'

const HOUR = 3_600_000

type Row = {
  id: number
  number: string | null
  tenant: string
  title: string
  category: string | null
  priority: string
  status: string
  assignee: string | null
  created_at: number
  resolved_at: number | null
  mttr_ms: number | null
  counted: number | null
}

/** The SRs behind `kpi`'s value for the period containing `at` (as of `asOf`), newest first. */
export function kpiDrillDown(
  store: Store,
  kpi: StoredKpi,
  o: { at: number; asOf: number; zone: string; limit: number; offset: number },
): KpiDrillDown {
  // One read transaction: the total and the listed SRs come from one snapshot while a sync commits.
  return store.sqlite.transaction(() => drillPage(store, kpi, o))()
}

function drillPage(
  store: Store,
  kpi: StoredKpi,
  o: { at: number; asOf: number; zone: string; limit: number; offset: number },
): KpiDrillDown {
  const stored = store.sqlite
    .prepare(
      'SELECT period_start, period_end FROM kpi_values WHERE kpi_id = ? AND period_start <= ? AND period_end > ? LIMIT 1',
    )
    .get(kpi.id, o.at, o.at) as { period_start: number; period_end: number } | undefined
  const versions = kpiVersions(store, kpi.id)
  const natural = stored
    ? { start: stored.period_start, end: stored.period_end }
    : kpiPeriodContaining(o.at, versionAt(versions, o.at)?.period ?? kpi.period, o.zone)
  const v = versionAt(versions, natural.start) ?? kpi
  if (!BASE_METRICS[v.base_metric].drillable) {
    throw new CoreError(
      'BAD_REQUEST',
      `${kpi.name} is computed from ${v.base_metric}, not from SRs: nothing to drill into`,
    )
  }
  // The current period's value runs up to as-of, so its SRs do too.
  const p: Period = { start: natural.start, end: Math.min(natural.end, o.asOf + 1) }
  const f = filterClause(v.filter, 's.')
  const filterSql = f.sql
  let where: string
  let params: (number | string)[]
  let counted = 'NULL'
  switch (v.base_metric) {
    case 'created':
      where = 's.created_at >= ? AND s.created_at < ?'
      params = [p.start, p.end]
      break
    case 'backlog':
      where = 's.created_at <= ? AND (s.finished_at IS NULL OR s.finished_at > ?)'
      params = [p.end - 1, p.end - 1]
      break
    default:
      // The metric's own condition (metrics/sr-metrics.ts resolvedSummary): resolved_at is non-null
      // exactly for RESOLVED/DONE SRs, so the range alone is resolved(P).
      where = 's.resolved_at >= ? AND s.resolved_at < ?'
      params = [p.start, p.end]
      if (v.base_metric === 'fcr') counted = '(s.reassignment_count = 0 AND s.reopen_count = 0)'
      if (v.base_metric === 'reopen_rate') counted = '(s.reopen_count > 0)'
      // Met (1), breached (0), or not judged yet (null: outside the compliance denominator).
      if (v.base_metric === 'sla_compliance') counted = 's.sla_met'
  }
  const whereSql = `${where}${filterSql}`
  const allParams = [...params, ...f.params]
  // Backlog: the KPI's own count (three index ranges); counting the condition reads every SR created
  // before the period's end (1M SRs: ~150 ms).
  const total =
    v.base_metric === 'backlog'
      ? backlogAt(store, v.filter, p.end - 1)
      : (
          store.sqlite
            .prepare(`SELECT count(*) AS n FROM service_requests s WHERE ${whereSql}`)
            .get(...allParams) as { n: number }
        ).n
  const ids = srPageIds(store, {
    where: whereSql,
    params: allParams,
    orderBy: 's.created_at DESC, s.id DESC',
    limit: o.limit,
    offset: o.offset,
  })
  const fetched = store.sqlite
    .prepare(
      `SELECT s.id, s.number, t.name AS tenant, s.title, c.name AS category, s.priority, s.status, pe.name AS assignee,
        s.created_at, s.resolved_at, coalesce(s.mttr_ms, max(s.resolved_at - s.created_at, 0)) AS mttr_ms, ${counted} AS counted
      FROM service_requests s JOIN tenants t ON t.id = s.tenant_id
      LEFT JOIN categories c ON c.id = s.category_id LEFT JOIN people pe ON pe.id = s.assignee_id
      WHERE ${SR_PAGE_IDS_SQL}`,
    )
    .all(JSON.stringify(ids)) as Row[]
  const rows = inPageOrder(ids, fetched, (r) => r.id)
  return {
    kpi_id: kpi.id,
    name: kpi.name,
    base_metric: v.base_metric,
    period_start: formatInstant(natural.start, o.zone),
    period_end: formatInstant(natural.end, o.zone),
    total,
    rows: rows.map((r): KpiDrillRow => ({
      id: r.id,
      number: r.number,
      tenant: r.tenant,
      title: r.title,
      category: r.category,
      priority: r.priority,
      status: r.status,
      assignee: r.assignee,
      created_at: formatInstant(r.created_at, o.zone),
      resolved_at: r.resolved_at === null ? null : formatInstant(r.resolved_at, o.zone),
      resolution_hours: r.resolved_at === null || r.mttr_ms === null ? null : roundTo(r.mttr_ms / HOUR, 2),
      counted: r.counted === null ? null : r.counted === 1,
    })),
  }
}
