// One page of drill-down rows for a condition on the SRs: the total, the order asked for (created,
// resolved, or how far past the SLA target), and the SR columns a list shows, SLA target and elapsed
// hours included. The SLA columns follow the same rule as the widgets' on-time count (onTimeSql in
// rollups/deltas.ts): the stored judgement, or for a resolved SR not judged yet the calendar time
// against the SPEC default target of its priority; so over_target_hours > 0 exactly for the SRs
// the widgets count as late.
import type { DrillDownRow, DrillSort } from '../../../../shared/ipc/types-bi'
import type { Priority, SrStatus } from '../../../../shared/domain'
import type { Store } from '../../db/open-database'
import { inPageOrder, SR_PAGE_IDS_SQL, srPageIds } from '../../db/repositories/sr-page'
import { formatInstant } from '../../metrics/periods'
import { DEFAULT_SLA_TARGET_MS, mttrSql, onTimeSql } from '../../rollups/deltas'
import { hours1 } from './range'

const DEFAULT_TARGET_SQL = `CASE s.priority ${Object.entries(DEFAULT_SLA_TARGET_MS)
  .map(([p, ms]) => `WHEN '${p}' THEN ${ms}`)
  .join(' ')} END`
/** The SR's SLA target in ms (the judged one, else the default of its priority). */
const TARGET_SQL = `CASE WHEN s.resolved_at IS NOT NULL AND s.sla_met IS NULL THEN ${DEFAULT_TARGET_SQL}
  ELSE coalesce(s.sla_target_ms, ${DEFAULT_TARGET_SQL}) END`
/** The SR's SLA elapsed ms; null unless resolved. */
const ELAPSED_SQL = `CASE WHEN s.resolved_at IS NULL THEN NULL
  WHEN s.sla_met IS NULL THEN s.resolved_at - s.created_at
  ELSE coalesce(s.sla_elapsed_ms, s.resolved_at - s.created_at) END`

const ORDER_SQL: Record<DrillSort, string> = {
  created: 's.created_at',
  resolved: 's.resolved_at',
  over_target: `(${ELAPSED_SQL}) - (${TARGET_SQL})`,
}

export type DrillPage = { total: number; rows: DrillDownRow[] }
export type DrillOrder = { sort: DrillSort; order: 'desc' | 'asc'; page: number; pageSize: number }

type RowTuple = [
  number,
  string | null,
  string,
  string,
  string | null,
  Priority,
  SrStatus,
  string | null,
  number,
  number | null,
  number | null,
  number | null,
  number,
  number | null,
]

/**
 * Counts the SRs matching `where` (unless the caller knows the count) and reads one page of them in
 * the order asked for.
 */
export function drillRows(
  store: Store,
  where: string,
  params: readonly (string | number)[],
  o: DrillOrder,
  zone: string,
  knownTotal?: number,
): DrillPage {
  // One read transaction: the count, the page's ids and their rows come from one snapshot while a
  // sync commits on its own connection.
  return store.sqlite.transaction(() => drillPage(store, where, params, o, zone, knownTotal))()
}

function drillPage(
  store: Store,
  where: string,
  params: readonly (string | number)[],
  o: DrillOrder,
  zone: string,
  knownTotal: number | undefined,
): DrillPage {
  const total =
    knownTotal ??
    (
      store.sqlite.prepare(`SELECT count(*) AS n FROM service_requests s WHERE ${where}`).get(...params) as {
        n: number
      }
    ).n
  const dir = o.order === 'asc' ? 'ASC' : 'DESC'
  // SRs without the sort key (not resolved) go last either way; the id keeps pages stable.
  const orderBy = `${ORDER_SQL[o.sort]} ${dir} NULLS LAST, s.id ${dir}`
  const ids = srPageIds(store, {
    where,
    params,
    orderBy,
    limit: o.pageSize,
    offset: (o.page - 1) * o.pageSize,
  })
  const fetched = store.sqlite
    .prepare(
      `SELECT s.id, s.number, (SELECT name FROM tenants WHERE id = s.tenant_id), s.title,
         (SELECT name FROM categories WHERE id = s.category_id), s.priority, s.status,
         (SELECT name FROM people WHERE id = s.assignee_id), s.created_at, s.resolved_at,
         CASE WHEN s.resolved_at IS NULL THEN NULL ELSE ${mttrSql('s.')} END,
         CASE WHEN s.resolved_at IS NULL THEN NULL ELSE ${onTimeSql('s.')} END,
         ${TARGET_SQL}, ${ELAPSED_SQL}
       FROM service_requests s WHERE ${SR_PAGE_IDS_SQL}`,
    )
    .raw()
    .all(JSON.stringify(ids)) as RowTuple[]
  const rows = inPageOrder(ids, fetched, (r) => r[0])
  return {
    total,
    rows: rows.map((r): DrillDownRow => {
      const target = r[12]
      const elapsed = r[13]
      return {
        id: r[0],
        number: r[1],
        tenant: r[2],
        title: r[3],
        category: r[4],
        priority: r[5],
        status: r[6],
        assignee: r[7],
        created_at: formatInstant(r[8], zone),
        resolved_at: r[9] === null ? null : formatInstant(r[9], zone),
        mttr_hours: r[10] === null ? null : hours1(r[10]),
        sla_met: r[11] === null ? null : r[11] === 1,
        sla_target_hours: hours1(target),
        sla_elapsed_hours: elapsed === null ? null : hours1(elapsed),
        // Rounded from the exact difference, not from the two rounded figures.
        // `|| 0`: a few minutes early rounds to -0, shown as 0.
        over_target_hours: elapsed === null ? null : hours1(elapsed - target) || 0,
      }
    }),
  }
}
