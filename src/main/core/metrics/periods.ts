// Period boundaries in the workspace time zone (SPEC §2–§3): calendar months, ISO weeks (Monday
// start), calendar quarters and local days, DST-correct for any IANA zone. All bounds are
// half-open [start, end) in epoch milliseconds.
import { DateTime } from 'luxon'

export type Granularity = 'day' | 'week' | 'month' | 'quarter'
export type Period = { start: number; end: number }

function local(ms: number, zone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone })
  if (!dt.isValid) throw new Error(`Invalid time zone: ${zone}`)
  return dt
}

const unitOf = { day: 'day', week: 'week', month: 'month', quarter: 'quarter' } as const

/** The period of `granularity` containing instant `ms`, in `zone`. Luxon's weeks are ISO (Monday). */
export function periodContaining(ms: number, granularity: Granularity, zone: string): Period {
  const start = local(ms, zone).startOf(unitOf[granularity])
  return { start: start.toMillis(), end: start.plus({ [granularity + 's']: 1 }).toMillis() }
}

/** The period just before `period` (same granularity), e.g. the previous calendar month. */
export function previousPeriod(period: Period, granularity: Granularity, zone: string): Period {
  return periodContaining(period.start - 1, granularity, zone)
}

/**
 * The current period at `asOf`: from the period's start up to and including the as-of instant
 * (SPEC §3), so an SR resolved exactly at as-of counts.
 */
export function currentPeriodToDate(asOf: number, granularity: Granularity, zone: string): Period {
  return { start: periodContaining(asOf, granularity, zone).start, end: asOf + 1 }
}

/** Epoch ms of the start of local day `isoDate` (YYYY-MM-DD) in `zone`. */
export function startOfLocalDay(isoDate: string, zone: string): number {
  const dt = DateTime.fromISO(isoDate, { zone })
  if (!dt.isValid) throw new Error(`Invalid date "${isoDate}" (expected YYYY-MM-DD)`)
  return dt.startOf('day').toMillis()
}

/** Epoch ms of the start of the local day after `isoDate`: the exclusive end of an inclusive day range. */
export function startOfNextLocalDay(isoDate: string, zone: string): number {
  startOfLocalDay(isoDate, zone)
  return DateTime.fromISO(isoDate, { zone }).plus({ days: 1 }).startOf('day').toMillis()
}

/**
 * Parses an instant given by a user or test: ISO 8601 with an offset is taken as is; without an
 * offset it is wall time in `zone`; a bare date means the end of that local day (SPEC §11).
 */
export function parseInstant(text: string, zone: string): number {
  const trimmed = text.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    // The last millisecond of that day, so the day (and its week and month) is the current one.
    startOfLocalDay(trimmed, zone)
    return DateTime.fromISO(trimmed, { zone }).endOf('day').toMillis()
  }
  const dt = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone, setZone: true })
  if (!dt.isValid) throw new Error(`Invalid instant "${text}": use ISO 8601, e.g. 2026-03-31T18:00:00+09:00`)
  return dt.toMillis()
}

/** Formats an instant as ISO 8601 with the zone's offset. */
export function formatInstant(ms: number, zone: string): string {
  return local(ms, zone).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString()
}
