// Instants in imported files: ISO 8601 (an offset is taken as is; none = wall time in the zone), the
// "2026-03-02 오후 2:05" / "2026. 3. 2. 14:05" / "2026년 3월 2일 오후 2:05" forms Korean Excel
// displays, Excel dates, and epoch ms in JSON. Parsing is hand-rolled with a per-15-minute offset cache: luxon per cell costs ~10× more,
// and an import parses up to five instants per row for millions of rows.
import { DateTime } from 'luxon'
import { CellProblem, type Cell, type ImportFormat, type RowErrorReason } from './types'

/** `error`: the English message; `reason`: the same as a code (without the column, which the caller adds). */
export type InstantResult = { value: number | null } | { error: string; reason: RowErrorReason }

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i
// Also Korean Excel's long date ("2026년 3월 18일", "2026년 3월 18일 수요일", "… (수)"), which a CSV
// saved from a sheet formatted that way carries as text.
const LOCAL =
  /^(\d{4})\s*(?:[./-]|년)\s*(\d{1,2})\s*(?:[./-]|월)\s*(\d{1,2})\s*(?:\.|일)?(?:\s*\(?[월화수목금토일](?:요일)?\)?)?(?:\s+(오전|오후|AM|PM)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i
const DAY_MS = 86_400_000
// Excel's day 0 is 1899-12-30 in the 1900 date system (the Lotus leap-year bug is before day 61),
// 1904-01-01 in the 1904 system (Mac Excel's; a workbook says which it uses): 1,462 days later.
const EXCEL_EPOCH_OFFSET_DAYS = 25_569
const EXCEL_1904_EPOCH_OFFSET_DAYS = 24_107

const HINT =
  'use ISO 8601 such as 2026-03-02T09:30:00+09:00 (no offset = workspace time zone) or an Excel date'

type DateErrorCode =
  'invalid_date' | 'not_epoch_ms' | 'number_not_date' | 'boolean_not_date' | 'invalid_date_text'

/** A cell that is not an instant: what it is, then the hint. */
function dateError(code: DateErrorCode, what: string): InstantResult {
  return { error: `${what}; ${HINT}`, reason: { code } }
}

/** Converts wall-clock time (its fields encoded as a UTC epoch) to the instant in `zone`. */
export function createWallClock(zone: string): (wallMs: number) => number {
  const offsetAt = (wall: number): number => {
    const d = new Date(wall)
    const dt = DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      },
      { zone },
    )
    return wall - dt.toMillis()
  }
  // Most days have one offset all day (cached per day); on a transition day, zone changes fall on
  // quarter hours, so one offset serves each 15-minute bucket.
  const days = new Map<number, number | null>()
  const buckets = new Map<number, number>()
  return (wallMs) => {
    const day = Math.floor(wallMs / DAY_MS)
    let dayOffset = days.get(day)
    if (dayOffset === undefined) {
      const start = offsetAt(day * DAY_MS)
      dayOffset = start === offsetAt(day * DAY_MS + DAY_MS - 900_000) ? start : null
      if (days.size > 100_000) days.clear()
      days.set(day, dayOffset)
    }
    if (dayOffset !== null) return wallMs - dayOffset
    const bucket = Math.floor(wallMs / 900_000)
    let offset = buckets.get(bucket)
    if (offset === undefined) {
      offset = offsetAt(bucket * 900_000)
      if (buckets.size > 100_000) buckets.clear()
      buckets.set(bucket, offset)
    }
    return wallMs - offset
  }
}

/** Parses one cell as an instant; null for a blank cell. `date1904`: the workbook's date system. */
export function parseCellInstant(
  cell: Cell,
  format: ImportFormat,
  wallToEpoch: (wallMs: number) => number,
  date1904 = false,
): InstantResult {
  if (cell === null) return { value: null }
  if (cell instanceof CellProblem) return { error: cell.message, reason: cell.reason }
  if (cell instanceof Date) {
    const ms = cell.getTime()
    return Number.isFinite(ms) ? { value: wallToEpoch(ms) } : dateError('invalid_date', 'invalid date')
  }
  if (typeof cell === 'number') {
    if (format === 'json') {
      // JSON has no date type; a number is epoch milliseconds (seconds would land in 1970).
      return cell >= 1e11 && cell < 1e14
        ? { value: Math.round(cell) }
        : dateError('not_epoch_ms', 'not epoch milliseconds')
    }
    if (format === 'xlsx' && cell > 0 && cell < 2_958_466) {
      const epochDays = date1904 ? EXCEL_1904_EPOCH_OFFSET_DAYS : EXCEL_EPOCH_OFFSET_DAYS
      return { value: wallToEpoch(Math.round((cell - epochDays) * DAY_MS)) }
    }
    return dateError('number_not_date', 'a number is not a date here')
  }
  if (typeof cell === 'boolean') return dateError('boolean_not_date', 'not a date')
  const text = cell.trim()
  if (text === '') return { value: null }
  const ms = parseInstantText(text, wallToEpoch)
  return ms === null ? dateError('invalid_date_text', 'not a valid date/time') : { value: ms }
}

/** Parses ISO 8601 or a Korean-Excel display form; null when the text is neither or not a real date. */
export function parseInstantText(text: string, wallToEpoch: (wallMs: number) => number): number | null {
  let m = ISO.exec(text)
  if (m) {
    const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0
    const wall = wallOf(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, frac)
    if (wall === null) return null
    const zone = m[8]
    if (!zone) return wallToEpoch(wall)
    if (zone.toUpperCase() === 'Z') return wall
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const hours = Number(digits.slice(0, 2))
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (hours > 18 || minutes > 59) return null
    return wall - sign * (hours * 60 + minutes) * 60_000
  }
  m = LOCAL.exec(text)
  if (!m) return null
  let hour = m[5] ? +m[5] : 0
  const meridiem = (m[4] ?? m[8])?.toUpperCase()
  if (meridiem) {
    if (hour < 1 || hour > 12) return null
    const pm = meridiem === '오후' || meridiem === 'PM'
    hour = (hour % 12) + (pm ? 12 : 0)
  }
  const wall = wallOf(+m[1]!, +m[2]!, +m[3]!, hour, m[6] ? +m[6] : 0, m[7] ? +m[7] : 0, 0)
  return wall === null ? null : wallToEpoch(wall)
}

function wallOf(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return new Date(wall).getUTCDate() === d ? wall : null
}
