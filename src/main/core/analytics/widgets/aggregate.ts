// The one counting engine behind every BI widget: counts of SRs created (or resolved) in a list of
// time slices, optionally split by category, status or assignee. Whole local days come from the
// daily rollups when they are built for the request's zone; the rest (the part of as-of's day up to
// as-of, or everything when the zone differs) is counted from the SRs themselves. Both paths return
// the same numbers (test/integration/analytics/rollup-equivalence.test.ts).
import type { Store } from '../../db/open-database'
import { mttrSql, onTimeSql } from '../../rollups/deltas'
import { zoneClock } from '../../rollups/local-day'
import { tenantClause } from '../tenant-filter'

/** created: by created_at; resolved: by resolved_at (set exactly for RESOLVED/DONE SRs). */
export type Side = 'created' | 'resolved'
export type Dim = 'none' | 'category' | 'status' | 'assignee'
/** Half-open [start, end) epoch ms. */
export type Slice = { start: number; end: number }
/** Key → measures. Keys: 0 (none), category_id / assignee_id (0 = none), or the status. */
export type Counts = Map<number | string, number[]>

/** What a widget counts against: the store, the zone, the tenant filter, and whether rollups answer. */
export type CountSource = {
  store: Store
  zone: string
  tenants: string[] | null
  /** True when the rollups are built (and fresh) for `zone`. */
  rollups: boolean
}

// Measures per (side, dim). created: [count] or, by assignee, [total, resolved now, open now].
// resolved: [count, on time, MTTR sum ms] (by category: [count, on time]).
const ROLLUP: Record<Side, Partial<Record<Dim, { table: string; key: string; measures: string }>>> = {
  created: {
    none: { table: 'sr_rollup_tenant_daily', key: '0', measures: 'sum(created)' },
    category: { table: 'sr_rollup_category_daily', key: 'category_id', measures: 'sum(created)' },
    status: { table: 'sr_rollup_status_daily', key: 'status', measures: 'sum(created)' },
    assignee: {
      table: 'sr_rollup_assignee_daily',
      key: 'assignee_id',
      measures: 'sum(total), sum(resolved), sum(open)',
    },
  },
  resolved: {
    none: {
      table: 'sr_rollup_tenant_daily',
      key: '0',
      measures: 'sum(resolved), sum(on_time), sum(mttr_ms)',
    },
    category: {
      table: 'sr_rollup_category_daily',
      key: 'category_id',
      measures: 'sum(resolved), sum(on_time)',
    },
  },
}

const BASE_KEY: Record<Dim, string> = {
  none: '0',
  category: 'coalesce(category_id, 0)',
  status: 'status',
  assignee: 'coalesce(assignee_id, 0)',
}

function baseMeasures(side: Side, dim: Dim): string {
  if (side === 'created') {
    return dim === 'assignee'
      ? `count(*), sum(status IN ('RESOLVED', 'DONE')), sum(status IN ('OPEN', 'IN_PROGRESS', 'PENDING'))`
      : 'count(*)'
  }
  return dim === 'category'
    ? `count(*), sum(${onTimeSql()})`
    : `count(*), sum(${onTimeSql()}), sum(${mttrSql()})`
}

function add(into: Counts, key: number | string, values: readonly number[]): void {
  const acc = into.get(key)
  if (!acc) {
    into.set(key, [...values])
    return
  }
  for (let i = 0; i < values.length; i++) acc[i] = (acc[i] ?? 0) + (values[i] ?? 0)
}

/** Counts per slice (slices sorted, not overlapping). */
export function countSlices(src: CountSource, side: Side, dim: Dim, slices: readonly Slice[]): Counts[] {
  const out: Counts[] = slices.map(() => new Map())
  const rollup = ROLLUP[side][dim]
  const tenant = tenantClause(src.tenants)
  const baseParts: { slice: number; start: number; end: number }[] = []
  // Whole local days of each slice, as day numbers [from, to).
  const dayParts: { slice: number; from: number; to: number }[] = []

  if (src.rollups && rollup) {
    const { dayOf, dayStart } = zoneClock(src.zone)
    slices.forEach((s, i) => {
      if (s.end <= s.start) return
      let from = dayOf(s.start)
      let covered = s.start
      if (dayStart(from) !== s.start) {
        // A slice starting mid-day (only a range cut by as-of or a foreign caller does this).
        covered = Math.min(dayStart(from + 1), s.end)
        baseParts.push({ slice: i, start: s.start, end: covered })
        from += 1
      }
      const to = dayOf(s.end)
      if (to > from) dayParts.push({ slice: i, from, to })
      // The part of the last day up to the slice's end (as-of's day): counted from the SRs.
      const tailStart = Math.max(dayStart(to), covered)
      if (tailStart < s.end) baseParts.push({ slice: i, start: tailStart, end: s.end })
    })
  } else {
    slices.forEach((s, i) => {
      if (s.end > s.start) baseParts.push({ slice: i, start: s.start, end: s.end })
    })
  }

  const first = dayParts[0]
  const last = dayParts[dayParts.length - 1]
  if (rollup && first && last) {
    const byDay = dayParts.length > 1
    const sql = `SELECT ${byDay ? 'day' : '0'} AS d, ${rollup.key} AS k, ${rollup.measures} FROM ${rollup.table}
      WHERE day >= ? AND day < ?${tenant.sql} GROUP BY ${byDay ? 'd, k' : 'k'}`
    const rows = src.store.sqlite
      .prepare(sql)
      .raw()
      .all(first.from, last.to, ...tenant.params) as [number, number | string, ...number[]][]
    let p = 0
    // Rows come sorted by day; walk the parts alongside.
    for (const [day, key, ...values] of rows) {
      if (values.every((v) => !v)) continue
      if (!byDay) {
        add(out[first.slice] as Counts, key, values)
        continue
      }
      while (p < dayParts.length && (dayParts[p] as { to: number }).to <= day) p++
      const part = dayParts[p]
      if (part && day >= part.from) add(out[part.slice] as Counts, key, values)
    }
  }

  if (baseParts.length > 0) {
    const column = side === 'created' ? 'created_at' : 'resolved_at'
    const stmt = src.store.sqlite
      .prepare(
        `SELECT ${BASE_KEY[dim]} AS k, ${baseMeasures(side, dim)} FROM service_requests
         WHERE ${column} >= ? AND ${column} < ?${tenant.sql} GROUP BY k`,
      )
      .raw()
    for (const part of baseParts) {
      const rows = stmt.all(part.start, part.end, ...tenant.params) as [number | string, ...number[]][]
      for (const [key, ...values] of rows) add(out[part.slice] as Counts, key, values)
    }
  }
  return out
}

/** Sum of the first measure over all keys of one slice. */
export function total(counts: Counts, measure = 0): number {
  let n = 0
  for (const v of counts.values()) n += v[measure] ?? 0
  return n
}
