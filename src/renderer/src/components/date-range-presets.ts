// Date-range presets of the console header, as local days (YYYY-MM-DD, both inclusive, SPEC §11).
// Plain calendar arithmetic on dates: no instants, so DST and the browser's own zone never shift a day;
// "today" is the workspace zone's local day, which the core also uses to turn days into instants.
import type { DateRange } from '../screens'

export const RANGE_PRESETS = [
  'last7',
  'last30',
  'last90',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'custom',
] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

/** What the user picked: a preset (recomputed against today) or fixed custom days. */
export type RangeChoice = { preset: Exclude<RangePreset, 'custom'> } | { preset: 'custom'; range: DateRange }

export const DEFAULT_RANGE_CHOICE: RangeChoice = { preset: 'last30' }

const DAY_MS = 86_400_000
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The local calendar day of `instantMs` in `timeZone`, as YYYY-MM-DD. */
export function localDay(instantMs: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD; formatToParts keeps this independent of that convention anyway.
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instantMs))
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** True for a real calendar day written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function parts(day: string): { y: number; m: number; d: number } {
  const match = ISO_DAY.exec(day)
  if (!match) throw new Error(`Not a YYYY-MM-DD day: ${day}`)
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) }
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const { y, m, d } = parts(day)
  return fromUtc(Date.UTC(y, m - 1, d) + days * DAY_MS)
}

/** First day of the month `offset` months from `day`'s month (Date.UTC normalises month overflow). */
function monthStart(day: string, offset = 0): string {
  const { y, m } = parts(day)
  return fromUtc(Date.UTC(y, m - 1 + offset, 1))
}

/** The days a preset covers when today is `today` (the last N days include today). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DateRange {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today }
    case 'last30':
      return { from: addDays(today, -29), to: today }
    case 'last90':
      return { from: addDays(today, -89), to: today }
    case 'thisMonth':
      return { from: monthStart(today), to: today }
    case 'lastMonth':
      return { from: monthStart(today, -1), to: addDays(monthStart(today), -1) }
    case 'thisQuarter': {
      const { m } = parts(today)
      // Calendar quarters start in months 1, 4, 7, 10 (SPEC §2).
      return { from: monthStart(today, -((m - 1) % 3)), to: today }
    }
  }
}

/** The range a choice stands for today. */
export function resolveRangeChoice(choice: RangeChoice, today: string): DateRange {
  return choice.preset === 'custom' ? choice.range : presetRange(choice.preset, today)
}

/** Why a custom range cannot be used, or null when it can. */
export function customRangeError(range: { from: string; to: string }): 'invalid' | 'order' | null {
  if (!isIsoDay(range.from) || !isIsoDay(range.to)) return 'invalid'
  // ISO days compare correctly as strings.
  if (range.from > range.to) return 'order'
  return null
}

/** The `months` whole calendar months ending with `to`'s month, cut at `to` (e.g. the MTTR trend's 12). */
export function monthsEndingAt(to: string, months: number): DateRange {
  return { from: monthStart(to, -(months - 1)), to }
}
