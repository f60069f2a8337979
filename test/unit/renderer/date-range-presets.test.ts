// The header's date-range presets: local days, both inclusive, worked out by hand on a calendar.
import { describe, expect, it } from 'vitest'
import {
  addDays,
  customRangeError,
  isIsoDay,
  localDay,
  monthsEndingAt,
  presetRange,
  resolveRangeChoice,
} from '../../../src/renderer/src/components/date-range-presets'

describe('presetRange', () => {
  // Wednesday 2026-03-18 (the e2e clock's day).
  const today = '2026-03-18'

  it('last N days end today and count today as one of the N', () => {
    // 18 − 6 = 12 → 7 days: 12..18.
    expect(presetRange('last7', today)).toEqual({ from: '2026-03-12', to: '2026-03-18' })
    // 29 days back from 03-18: 18 days of March back to 03-01 (17 days), then 12 more from Feb 28 → 02-17.
    expect(presetRange('last30', today)).toEqual({ from: '2026-02-17', to: '2026-03-18' })
    // 89 days back: 17 in March (to 03-01), 28 in Feb (to 02-01), 31 in Jan (to 01-01) = 76, 13 more → 2025-12-19.
    expect(presetRange('last90', today)).toEqual({ from: '2025-12-19', to: '2026-03-18' })
  })

  it('this month, last month and this quarter follow the calendar', () => {
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-18' })
    // February 2026 has 28 days (2026 is not a leap year).
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    // March is in Q1 (Jan–Mar).
    expect(presetRange('thisQuarter', today)).toEqual({ from: '2026-01-01', to: '2026-03-18' })
  })

  it('crosses year ends and leap days', () => {
    // Last month of January is December of the year before.
    expect(presetRange('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    // 2024 is a leap year: February has 29 days.
    expect(presetRange('lastMonth', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    // 2026-01-03 minus 6 days = 2025-12-28.
    expect(presetRange('last7', '2026-01-03')).toEqual({ from: '2025-12-28', to: '2026-01-03' })
    // November is in Q4 (Oct–Dec).
    expect(presetRange('thisQuarter', '2026-11-21')).toEqual({ from: '2026-10-01', to: '2026-11-21' })
    // A quarter's first day is its own start.
    expect(presetRange('thisQuarter', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-07-01' })
  })
})

describe('resolveRangeChoice', () => {
  it('keeps custom days as given and recomputes presets against today', () => {
    const custom = { from: '2025-10-01', to: '2025-10-31' }
    expect(resolveRangeChoice({ preset: 'custom', range: custom }, '2026-03-18')).toEqual(custom)
    expect(resolveRangeChoice({ preset: 'thisMonth' }, '2026-04-02')).toEqual({
      from: '2026-04-01',
      to: '2026-04-02',
    })
  })
})

describe('monthsEndingAt', () => {
  it('starts 11 months before the end month for a 12-month window', () => {
    // 2026-03 back 11 months: 2026-02, 01, 2025-12, 11, 10, 09, 08, 07, 06, 05, 04 → 2025-04.
    expect(monthsEndingAt('2026-03-18', 12)).toEqual({ from: '2025-04-01', to: '2026-03-18' })
    expect(monthsEndingAt('2026-12-31', 12)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  })
})

describe('custom range checks', () => {
  it('rejects impossible days and a start after the end', () => {
    expect(isIsoDay('2026-02-28')).toBe(true)
    expect(isIsoDay('2026-02-29')).toBe(false)
    expect(isIsoDay('2024-02-29')).toBe(true)
    expect(isIsoDay('2026-13-01')).toBe(false)
    expect(isIsoDay('2026-3-1')).toBe(false)
    expect(customRangeError({ from: '2026-03-01', to: '2026-03-01' })).toBeNull()
    expect(customRangeError({ from: '2026-03-02', to: '2026-03-01' })).toBe('order')
    expect(customRangeError({ from: '', to: '2026-03-01' })).toBe('invalid')
  })
})

describe('localDay', () => {
  it('is the day in the workspace zone, not in UTC', () => {
    // 2026-03-17T20:00Z is 2026-03-18 05:00 in Seoul (UTC+9) and still the 17th in New York (UTC−4, DST).
    const instant = Date.parse('2026-03-17T20:00:00Z')
    expect(localDay(instant, 'Asia/Seoul')).toBe('2026-03-18')
    expect(localDay(instant, 'America/New_York')).toBe('2026-03-17')
    expect(localDay(instant, 'UTC')).toBe('2026-03-17')
  })

  it('addDays steps over a DST change by whole calendar days', () => {
    // US DST began 2026-03-08; calendar arithmetic must not lose or gain a day there.
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})
