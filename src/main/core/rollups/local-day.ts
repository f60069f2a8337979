// Local day numbers (days since 1970-01-01 of the local date in an IANA zone) for the BI rollups.
// The writer computes one per SR it writes, so this must be far cheaper than a luxon DateTime per
// call: each zone's UTC offsets are found once per UTC year (sampled every 6 hours, each change
// bisected to the second) and then looked up, DST-correct, with a cached interval and a binary search.
import { DateTime } from 'luxon'

const DAY = 86_400_000
const SAMPLE = 6 * 3_600_000

type Interval = { start: number; offset: number }

const yearsByZone = new Map<string, Map<number, Interval[]>>()

function offsetAt(ms: number, zone: string): number {
  const dt = DateTime.fromMillis(ms, { zone })
  if (!dt.isValid) throw new Error(`Invalid time zone: ${zone}`)
  return dt.offset * 60_000
}

/** The offset intervals of one UTC year, sorted; the first starts at the year's first instant. */
function yearIntervals(zone: string, year: number): Interval[] {
  let years = yearsByZone.get(zone)
  if (!years) {
    years = new Map()
    yearsByZone.set(zone, years)
  }
  const cached = years.get(year)
  if (cached) return cached
  const start = Date.UTC(year, 0, 1)
  const end = Date.UTC(year + 1, 0, 1)
  const out: Interval[] = [{ start, offset: offsetAt(start, zone) }]
  let prevT = start
  let prevO = out[0]?.offset ?? 0
  for (let t = start + SAMPLE; prevT < end - 1; t = Math.min(t + SAMPLE, end - 1)) {
    const o = offsetAt(t, zone)
    if (o !== prevO) {
      // offset(lo) = prevO, offset(hi) = o: narrow to the first second with the new offset.
      let lo = prevT
      let hi = t
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000
        if (offsetAt(mid, zone) === prevO) lo = mid
        else hi = mid
      }
      out.push({ start: hi, offset: o })
      prevO = o
    }
    prevT = t
  }
  years.set(year, out)
  return out
}

/** A function from an instant (epoch ms) to its local day number in `zone`. */
export function localDayFn(zone: string): (ms: number) => number {
  offsetAt(0, zone)
  // The interval the previous call fell in: SRs arrive roughly in time order.
  let lo = 1
  let hi = 0
  let offset = 0
  return (ms: number): number => {
    if (ms < lo || ms >= hi) {
      const year = new Date(ms).getUTCFullYear()
      const intervals = yearIntervals(zone, year)
      let i = intervals.length - 1
      while (i > 0 && (intervals[i]?.start ?? 0) > ms) i--
      const cur = intervals[i]
      if (!cur) throw new Error(`No offset for ${ms} in ${zone}`)
      lo = cur.start
      hi = intervals[i + 1]?.start ?? Date.UTC(year + 1, 0, 1)
      offset = cur.offset
    }
    return Math.floor((ms + offset) / DAY)
  }
}

export type ZoneClock = {
  zone: string
  /** Local day number of an instant. */
  dayOf(ms: number): number
  /** The instant local day `day` starts (midnight, or the first instant after a DST gap). */
  dayStart(day: number): number
}

const clocks = new Map<string, ZoneClock>()

/**
 * Fast local-day arithmetic for `zone` (luxon needs 50–100 µs per period; widgets need hundreds of
 * boundaries per request). Odd cases (a DST change at midnight) fall back to luxon.
 */
export function zoneClock(zone: string): ZoneClock {
  const cached = clocks.get(zone)
  if (cached) return cached
  const dayOf = localDayFn(zone)
  const starts = new Map<number, number>()
  const clock: ZoneClock = {
    zone,
    dayOf,
    dayStart(day) {
      const hit = starts.get(day)
      if (hit !== undefined) return hit
      let found: number | undefined
      for (const probe of [day * DAY - 14 * 3_600_000, day * DAY + 14 * 3_600_000]) {
        const t = day * DAY - (offsetAt(probe, zone) as number)
        if (dayOf(t) === day && dayOf(t - 1) === day - 1) {
          found = t
          break
        }
      }
      found ??= DateTime.fromISO(isoDateOfDay(day), { zone }).startOf('day').toMillis()
      starts.set(day, found)
      return found
    },
  }
  clocks.set(zone, clock)
  return clock
}

/** The day number of a local date 'YYYY-MM-DD'. */
export function dayOfIsoDate(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY)
}

/** The local date 'YYYY-MM-DD' of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}
