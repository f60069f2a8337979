// SLA calendars (SPEC §3): a clock that measures durations either on the calendar (24x7) or in
// business hours (weekly opening intervals in a zone, minus holidays). Durations on a business
// calendar come from a lazily built table of local days with cumulative business time, so a
// million SRs cost a binary search each instead of a walk over their days in luxon.
import { DateTime } from 'luxon'

/** Minutes from local midnight, [start, end), 0 ≤ start < end ≤ 1440. */
export type MinuteInterval = readonly [number, number]
/** Opening intervals per ISO weekday: index 0 = Monday … 6 = Sunday. */
export type WeekHours = readonly (readonly MinuteInterval[])[]

export type BusinessCalendarSpec = {
  /** IANA zone the hours and holidays are local to. */
  zone: string
  week: WeekHours
  /** Local days 'YYYY-MM-DD' with no business hours. */
  holidays: ReadonlySet<string>
}

/** Measures durations on one SLA calendar. */
export type Clock = {
  readonly kind: '24x7' | 'business'
  /** Time in [a, b) that counts on this calendar (0 when b ≤ a). */
  elapsed(a: number, b: number): number
  /** The instant at which `ms` of calendar time has elapsed since `start` (the inverse of elapsed). */
  add(start: number, ms: number): number
}

/** Upper bound on how many local days a table may cover: ~150 years, so garbage instants fail loudly. */
const MAX_DAYS = 55_000

/** Mon–Fri 09:00–18:00, the default business week (SPEC §3). */
export const DEFAULT_WEEK: WeekHours = [
  [[540, 1080]],
  [[540, 1080]],
  [[540, 1080]],
  [[540, 1080]],
  [[540, 1080]],
  [],
  [],
]

/** The 24x7 clock: every millisecond counts. */
export const CALENDAR_CLOCK: Clock = {
  kind: '24x7',
  elapsed: (a, b) => (b > a ? b - a : 0),
  add: (start, ms) => start + Math.max(0, ms),
}

/** Checks a week of opening hours; returns a message for the first problem, or null when valid. */
export function weekHoursProblem(week: WeekHours): string | null {
  if (week.length !== 7) return 'Business hours need exactly 7 weekdays (Monday … Sunday)'
  let total = 0
  for (let d = 0; d < 7; d++) {
    const day = [...(week[d] ?? [])].sort((x, y) => x[0] - y[0])
    let lastEnd = -1
    for (const [s, e] of day) {
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > 1440 || s >= e) {
        return `Weekday ${d + 1}: an interval must start before it ends, within 00:00–24:00`
      }
      if (s < lastEnd) return `Weekday ${d + 1}: intervals overlap`
      lastEnd = e
      total += e - s
    }
  }
  return total === 0 ? 'Business hours must open at least once a week' : null
}

type Day = { start: number; end: number; open: number[] }

/** A business-hours clock over `spec`; DST-correct because every boundary is a local wall time. */
export function businessClock(spec: BusinessCalendarSpec): Clock {
  const problem = weekHoursProblem(spec.week)
  if (problem) throw new Error(problem)
  if (!DateTime.now().setZone(spec.zone).isValid) throw new Error(`Invalid time zone: ${spec.zone}`)
  const week = spec.week.map((d) => [...d].sort((x, y) => x[0] - y[0]))

  // days[i] covers [start, end) of consecutive local days; cum[i] = business ms before days[i]
  // (relative to the table's first day, so prepending days shifts the origin, which cancels out).
  let days: Day[] = []
  let cum: number[] = []
  let firstDate: DateTime | null = null

  const buildDay = (date: DateTime): Day => {
    const start = date.toMillis()
    const next = date.plus({ days: 1 })
    const end = next.toMillis()
    const open: number[] = []
    if (!spec.holidays.has(date.toISODate() ?? '')) {
      for (const [s, e] of week[date.weekday - 1] ?? []) {
        const a = s === 0 ? start : date.set({ hour: Math.floor(s / 60), minute: s % 60 }).toMillis()
        const b = e === 1440 ? end : date.set({ hour: Math.floor(e / 60), minute: e % 60 }).toMillis()
        // A wall time inside a DST gap moves forward; clamping keeps intervals ordered and in the day.
        const lo = Math.max(start, Math.min(a, end))
        const hi = Math.max(lo, Math.min(b, end))
        if (hi > lo) open.push(lo, hi)
      }
    }
    return { start, end, open }
  }
  const total = (d: Day): number => {
    let sum = 0
    for (let k = 0; k < d.open.length; k += 2) sum += (d.open[k + 1] ?? 0) - (d.open[k] ?? 0)
    return sum
  }
  const localDate = (t: number): DateTime => DateTime.fromMillis(t, { zone: spec.zone }).startOf('day')

  const cover = (t: number): void => {
    const first = days[0]
    const last = days[days.length - 1]
    if (first && last && t >= first.start && t < last.end) return
    const target = localDate(t)
    if (!firstDate || !first || !last) {
      firstDate = target
      const d = buildDay(target)
      days = [d]
      cum = [0]
      return
    }
    if (t < first.start) {
      const n = Math.round(firstDate.diff(target, 'days').days)
      if (n + days.length > MAX_DAYS) throw new Error(`Instant ${new Date(t).toISOString()} is out of range`)
      const added: Day[] = []
      for (let i = n; i >= 1; i--) added.push(buildDay(firstDate.minus({ days: i })))
      const addedCum: number[] = []
      let c = cum[0] ?? 0
      for (let i = added.length - 1; i >= 0; i--) {
        c -= total(added[i] as Day)
        addedCum[i] = c
      }
      days = [...added, ...days]
      cum = [...addedCum, ...cum]
      firstDate = target
    } else {
      const lastDate = firstDate.plus({ days: days.length - 1 })
      const n = Math.round(target.diff(lastDate, 'days').days)
      if (n + days.length > MAX_DAYS) throw new Error(`Instant ${new Date(t).toISOString()} is out of range`)
      for (let i = 1; i <= n; i++) {
        const prev = days[days.length - 1] as Day
        cum.push((cum[cum.length - 1] ?? 0) + total(prev))
        days.push(buildDay(lastDate.plus({ days: i })))
      }
    }
  }

  const indexOf = (t: number): number => {
    let lo = 0
    let hi = days.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((days[mid] as Day).start <= t) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** Business ms in [table origin, t). */
  const position = (t: number): number => {
    cover(t)
    const i = indexOf(t)
    const d = days[i] as Day
    let p = cum[i] ?? 0
    for (let k = 0; k < d.open.length; k += 2) {
      const s = d.open[k] ?? 0
      const e = d.open[k + 1] ?? 0
      if (t <= s) break
      p += Math.min(t, e) - s
    }
    return p
  }

  return {
    kind: 'business',
    elapsed: (a, b) => (b > a ? position(b) - position(a) : 0),
    add: (start, ms) => {
      if (ms <= 0) return start
      const target = position(start) + Math.max(0, ms)
      let i = indexOf(start)
      // Walk forward day by day (a deadline is rarely more than weeks away), extending the table.
      for (let steps = 0; steps < MAX_DAYS; steps++) {
        const d = days[i] as Day
        const before = cum[i] ?? 0
        if (before + total(d) >= target) {
          let p = before
          for (let k = 0; k < d.open.length; k += 2) {
            const s = d.open[k] ?? 0
            const e = d.open[k + 1] ?? 0
            if (p + (e - s) >= target) return Math.max(start, s + (target - p))
            p += e - s
          }
          return Math.max(start, d.end)
        }
        if (i === days.length - 1) cover(d.end)
        i++
      }
      throw new Error('No business time within range: check the calendar hours and holidays')
    },
  }
}

/** Formats minutes from midnight as HH:MM (1440 → 24:00). */
export function formatMinutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** Parses HH:MM (00:00–24:00) into minutes from midnight, or null. */
export function parseMinutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}
