// The month grid every cohort table is laid on: calendar months in the workspace zone (SPEC §2),
// DST-correct because every boundary comes from luxon, never from adding 30 days or a fixed offset.
import { DateTime } from 'luxon'
import { formatInstant } from '../../metrics/periods'
import type { ResolvedQuery } from '../query'
import type { CohortMeta } from '../../../../shared/ipc/types-cohorts'

export type Month = {
  /** 'YYYY-MM' in the workspace zone. */
  key: string
  start: number
  /** Exclusive end: the next month's start. */
  end: number
}

function monthAt(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone }).startOf('month')
}

function toMonth(dt: DateTime): Month {
  return { key: dt.toFormat('yyyy-MM'), start: dt.toMillis(), end: dt.plus({ months: 1 }).toMillis() }
}

/** 'YYYY-MM' of the local month containing `ms`. */
export function monthKeyOf(ms: number, zone: string): string {
  return monthAt(ms, zone).toFormat('yyyy-MM')
}

/** Consecutive local months from the one containing `fromMs` through the one containing `toMs` (empty when from > to). */
export function monthsBetween(fromMs: number, toMs: number, zone: string): Month[] {
  const out: Month[] = []
  if (fromMs > toMs) return out
  const last = monthAt(toMs, zone).toMillis()
  for (let dt = monthAt(fromMs, zone); dt.toMillis() <= last; dt = dt.plus({ months: 1 }))
    out.push(toMonth(dt))
  return out
}

/**
 * The cohort months a request shows: with a from/to range, the months it touches (never past the
 * as-of month); without one, every month from the first data (`firstDataAt`) to the as-of month.
 */
export function cohortWindow(q: ResolvedQuery, firstDataAt: number | null): Month[] {
  if (q.range) return monthsBetween(q.range.start, Math.min(q.range.end - 1, q.asOf), q.zone)
  if (firstDataAt === null) return []
  return monthsBetween(firstDataAt, q.asOf, q.zone)
}

/** The month containing as-of when it has not ended yet (figures for it are partial), else null. */
export function partialMonth(q: ResolvedQuery): Month | null {
  const m = toMonth(monthAt(q.asOf, q.zone))
  // as-of is inclusive: at the month's very last millisecond the month is complete.
  return q.asOf + 1 < m.end ? m : null
}

/** Exclusive upper bound for instants counted in `month`: nothing after as-of counts. */
export function countedEnd(month: Month, asOf: number): number {
  return Math.min(month.end, asOf + 1)
}

/**
 * Triangle cells of a cohort that starts at global month index `cohortIndex` on a grid whose last
 * (as-of) month has index `asOfIndex`: `columns` cells, those past as-of null.
 */
export function triangleRow<T>(
  cohortIndex: number,
  asOfIndex: number,
  columns: number,
  valueAt: (offset: number) => T,
): (T | null)[] {
  return Array.from({ length: columns }, (_, k) => (cohortIndex + k <= asOfIndex ? valueAt(k) : null))
}

/** The fields every cohort response echoes. */
export function cohortMeta(q: ResolvedQuery): CohortMeta {
  return {
    as_of: formatInstant(q.asOf, q.zone),
    time_zone: q.zone,
    tenants: q.tenants,
    range: q.range
      ? {
          from: DateTime.fromMillis(q.range.start, { zone: q.zone }).toISODate() ?? '',
          to: DateTime.fromMillis(q.range.end - 1, { zone: q.zone }).toISODate() ?? '',
        }
      : null,
    partial_month: partialMonth(q)?.key ?? null,
  }
}

/** Index in `grid` of the month containing `ms` (binary search), or -1 when outside the grid. */
export function monthIndex(grid: readonly Month[], ms: number): number {
  let lo = 0
  let hi = grid.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const m = grid[mid]
    if (!m) return -1
    if (ms < m.start) hi = mid - 1
    else if (ms >= m.end) lo = mid + 1
    else return mid
  }
  return -1
}

/**
 * A SQL expression giving the grid index of the instant in `column`, as a balanced CASE tree (about
 * log2(months) comparisons per row; a flat CASE costs one per month). The caller bounds the column to
 * the grid. Only integers we computed are spliced in, never user text.
 */
export function monthIndexSql(column: string, grid: readonly Month[]): string {
  const build = (lo: number, hi: number): string => {
    if (hi - lo <= 1) return String(lo)
    const mid = (lo + hi) >> 1
    const boundary = grid[mid]?.start
    if (boundary === undefined || !Number.isSafeInteger(boundary)) throw new Error('Bad month grid')
    return `CASE WHEN ${column} < ${boundary} THEN ${build(lo, mid)} ELSE ${build(mid, hi)} END`
  }
  return build(0, grid.length)
}
