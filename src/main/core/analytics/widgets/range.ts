// The time range a widget counts over, its buckets, and the filter echo every response carries
// (BiMeta). Defaults when from/to are absent are documented in src/shared/ipc/types-bi.ts. Period
// arithmetic runs on local day numbers (rollups/local-day.ts zoneClock): the same local days,
// ISO weeks and calendar months as metrics/periods.ts, DST-correct, at a fraction of luxon's cost.
import type { BiMeta } from '../../../../shared/ipc/types-bi'
import { CoreError } from '../../errors'
import { formatInstant } from '../../metrics/periods'
import { roundTo } from '../../metrics/rounding'
import { isoDateOfDay, zoneClock } from '../../rollups/local-day'
import type { ResolvedQuery } from '../query'
import type { Slice } from './aggregate'

export type Unit = 'day' | 'week' | 'month'
/** [start, end) actually counted (never past as-of), and the local days asked for. */
export type WidgetRange = Slice & { from: string; to: string }
export type Bucket = Slice & { key: string; partial: boolean; startDay: number }

const MAX_BUCKETS = 1000
const DAY = 86_400_000

/** The first day of the period of `unit` holding local day `day`. */
export function periodStartDay(day: number, unit: Unit): number {
  if (unit === 'day') return day
  // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 is 0 on Mondays (ISO weeks).
  if (unit === 'week') return day - ((((day + 3) % 7) + 7) % 7)
  const d = new Date(day * DAY)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY
}

/** The first day of the period `n` periods after the one starting on `startDay` (n may be negative). */
export function shiftPeriod(startDay: number, unit: Unit, n: number): number {
  if (unit === 'day') return startDay + n
  if (unit === 'week') return startDay + 7 * n
  const d = new Date(startDay * DAY)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / DAY
}

/** 'YYYY-MM-DD', ISO 'YYYY-Www' or 'YYYY-MM' of the period starting on `startDay`. */
export function periodKey(startDay: number, unit: Unit): string {
  if (unit === 'day') return isoDateOfDay(startDay)
  if (unit === 'month') return isoDateOfDay(startDay).slice(0, 7)
  // The ISO week-year is the year of the week's Thursday.
  const thursday = new Date((startDay + 3) * DAY)
  const year = thursday.getUTCFullYear()
  const week = Math.floor(((startDay + 3) * DAY - Date.UTC(year, 0, 1)) / DAY / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/**
 * The request's range (from/to local days), else the `count` periods of `unit` ending with the one
 * containing as-of; the end is clipped to as-of (inclusive), so nothing after it is counted.
 */
export function widgetRange(q: ResolvedQuery, unit: Unit, count: number): WidgetRange {
  const clock = zoneClock(q.zone)
  let start: number
  let rangeEnd: number
  if (q.range) {
    start = q.range.start
    rangeEnd = q.range.end
  } else {
    const current = periodStartDay(clock.dayOf(q.asOf), unit)
    start = clock.dayStart(shiftPeriod(current, unit, -(count - 1)))
    rangeEnd = clock.dayStart(shiftPeriod(current, unit, 1))
  }
  const end = Math.max(start, Math.min(rangeEnd, q.asOf + 1))
  return {
    start,
    end,
    from: isoDateOfDay(clock.dayOf(start)),
    to: isoDateOfDay(clock.dayOf(rangeEnd - 1)),
  }
}

/** The filter echo of a response. */
export function metaOf(q: ResolvedQuery, r: WidgetRange): BiMeta {
  return {
    as_of: formatInstant(q.asOf, q.zone),
    time_zone: q.zone,
    tenants: q.tenants,
    range: {
      from: r.from,
      to: r.to,
      start: formatInstant(r.start, q.zone),
      end: formatInstant(r.end, q.zone),
    },
  }
}

/** Every period of `unit` touching the range, clipped to it; partial when clipped (as-of or range). */
export function bucketsOf(r: WidgetRange, unit: Unit, zone: string): Bucket[] {
  const out: Bucket[] = []
  if (r.end <= r.start) return out
  const clock = zoneClock(zone)
  let day = periodStartDay(clock.dayOf(r.start), unit)
  let pStart = clock.dayStart(day)
  while (pStart < r.end) {
    if (out.length >= MAX_BUCKETS) {
      throw new CoreError(
        'BAD_REQUEST',
        `The range has more than ${MAX_BUCKETS} buckets: choose a coarser period`,
      )
    }
    const nextDay = shiftPeriod(day, unit, 1)
    const pEnd = clock.dayStart(nextDay)
    const start = Math.max(pStart, r.start)
    const end = Math.min(pEnd, r.end)
    out.push({
      key: periodKey(day, unit),
      start,
      end,
      partial: start !== pStart || end !== pEnd,
      startDay: day,
    })
    day = nextDay
    pStart = pEnd
  }
  return out
}

/** part / whole × 100 rounded to 1 decimal (presentation only); 0 when whole is 0. */
export function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : roundTo((part / whole) * 100, 1)
}

/** Milliseconds → hours rounded to 1 decimal (dashboards). */
export function hours1(ms: number): number {
  return roundTo(ms / 3_600_000, 1)
}
