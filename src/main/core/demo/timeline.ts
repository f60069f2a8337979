// When demo SRs are created: hourly buckets over the demo range in the workspace zone, weighted by
// hour of day (peaks 10:00 and 14:00), weekday (weekends and public holidays much quieter), the
// tenants onboarded by then (each ramping up) and a slow overall growth.
import { DateTime } from 'luxon'
import type { Rng } from './prng'

// Relative SR arrivals per local hour 0..23.
const HOUR_WEIGHTS = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.9, 1.6, 2.0, 1.7, 0.8, 1.5, 1.9, 1.6, 1.3, 1.0, 0.6, 0.35,
  0.25, 0.18, 0.12, 0.08,
]
// Luxon weekday 1 = Monday … 7 = Sunday.
const WEEKDAY_WEIGHTS = [0, 1.05, 1.0, 1.0, 0.97, 0.9, 0.12, 0.08]
// Fixed-date public holidays (MM-DD); lunar ones vary by year and are left out of the demo.
const HOLIDAYS = new Set(['01-01', '03-01', '05-05', '06-06', '08-15', '10-03', '10-09', '12-25'])

export type DemoRange = {
  /** Start of the first local month of the range (epoch ms). */
  start: number
  asOf: number
  zone: string
  /** Local days of the range, in order: start instant and label. */
  days: { start: number; label: string; weekday: number }[]
}

/** The demo range: `months` calendar months ending with the month containing `asOf`. */
export function demoRange(asOf: number, months: number, zone: string): DemoRange {
  const end = DateTime.fromMillis(asOf, { zone })
  if (!end.isValid) throw new Error(`Invalid time zone: ${zone}`)
  const first = end.startOf('month').minus({ months: Math.max(1, months) - 1 })
  const days: DemoRange['days'] = []
  for (let d = first; d.toMillis() <= asOf; d = d.plus({ days: 1 })) {
    days.push({ start: d.toMillis(), label: d.toFormat('yyyy-MM-dd'), weekday: d.weekday })
  }
  return { start: first.toMillis(), asOf, zone, days }
}

/** True on weekends and fixed public holidays. */
export function isOffDay(day: DemoRange['days'][number]): boolean {
  return day.weekday >= 6 || HOLIDAYS.has(day.label.slice(5))
}

export type Buckets = { starts: Float64Array; lengths: Float64Array; cdf: Float64Array; dayIndex: Int32Array }

/** Hourly buckets with cumulative weights; `dayWeight(i)` is the volume factor of local day i. */
export function hourlyBuckets(range: DemoRange, dayWeight: (dayIndex: number) => number): Buckets {
  const n = range.days.length * 24
  const starts = new Float64Array(n)
  const lengths = new Float64Array(n)
  const cdf = new Float64Array(n)
  const dayIndex = new Int32Array(n)
  let total = 0
  let k = 0
  range.days.forEach((day, di) => {
    const local = DateTime.fromMillis(day.start, { zone: range.zone })
    const dayFactor =
      (isOffDay(day)
        ? Math.min(WEEKDAY_WEIGHTS[day.weekday] ?? 0.1, 0.1)
        : (WEEKDAY_WEIGHTS[day.weekday] ?? 1)) * dayWeight(di)
    const next = local.plus({ days: 1 }).toMillis()
    // A 24-hour day has plain hourly steps; only DST-change days need luxon's wall-clock arithmetic.
    const plain = next - day.start === 24 * 3_600_000
    const hourStart = (h: number) => (plain ? day.start + h * 3_600_000 : local.set({ hour: h }).toMillis())
    for (let h = 0; h < 24; h++) {
      const s = hourStart(h)
      const e = h === 23 ? next : hourStart(h + 1)
      const usable = Math.max(0, Math.min(e, range.asOf) - s)
      starts[k] = s
      lengths[k] = usable
      total += (HOUR_WEIGHTS[h] ?? 0) * dayFactor * (e > s ? usable / (e - s) : 0)
      cdf[k] = total
      dayIndex[k] = di
      k++
    }
  })
  return { starts, lengths, cdf, dayIndex }
}

/** `count` creation instants (sorted ascending, whole seconds) drawn from the buckets. */
export function sampleInstants(
  buckets: Buckets,
  count: number,
  rng: Rng,
): { at: Float64Array; day: Int32Array } {
  const total = buckets.cdf[buckets.cdf.length - 1] ?? 0
  if (total <= 0) throw new Error('The demo range is empty')
  const u = new Float64Array(count)
  for (let i = 0; i < count; i++) u[i] = rng.next() * total
  u.sort()
  const at = new Float64Array(count)
  const day = new Int32Array(count)
  let b = 0
  for (let i = 0; i < count; i++) {
    const x = u[i] ?? 0
    while (b < buckets.cdf.length - 1 && (buckets.cdf[b] ?? 0) <= x) b++
    const start = buckets.starts[b] ?? 0
    const len = buckets.lengths[b] ?? 0
    // Offsets within one bucket are drawn independently, so re-sort below to keep creation order.
    at[i] = Math.floor((start + rng.next() * len) / 1000) * 1000
    day[i] = buckets.dayIndex[b] ?? 0
  }
  // Sorting within equal buckets only: pairs stay aligned because buckets are already in order.
  sortWithinBuckets(at)
  return { at, day }
}

function sortWithinBuckets(at: Float64Array): void {
  // Insertion sort: the array is sorted across buckets already, only short runs are out of order.
  for (let i = 1; i < at.length; i++) {
    const v = at[i] ?? 0
    let j = i - 1
    while (j >= 0 && (at[j] ?? 0) > v) {
      at[j + 1] = at[j] ?? 0
      j--
    }
    at[j + 1] = v
  }
}
