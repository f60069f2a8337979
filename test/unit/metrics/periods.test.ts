import { describe, expect, it } from 'vitest'
import {
  currentPeriodToDate,
  formatInstant,
  parseInstant,
  periodContaining,
  previousPeriod,
  startOfLocalDay,
  startOfNextLocalDay,
} from '../../../src/main/core/metrics/periods'

const utc = (iso: string): number => Date.parse(iso)

describe('periods in the workspace time zone', () => {
  it('puts an instant given in UTC into the local month it falls in (Seoul, +09:00)', () => {
    // 2026-03-31T15:30Z is 2026-04-01 00:30 in Seoul: April, not March.
    const p = periodContaining(utc('2026-03-31T15:30:00Z'), 'month', 'Asia/Seoul')
    expect(p.start).toBe(utc('2026-03-31T15:00:00Z')) // 2026-04-01 00:00 KST
    expect(p.end).toBe(utc('2026-04-30T15:00:00Z')) // 2026-05-01 00:00 KST
  })

  it('starts ISO weeks on Monday', () => {
    // Wednesday 2026-03-18 10:00 KST → Monday 2026-03-16 00:00 KST.
    const p = periodContaining(utc('2026-03-18T01:00:00Z'), 'week', 'Asia/Seoul')
    expect(p.start).toBe(utc('2026-03-15T15:00:00Z'))
    expect(p.end - p.start).toBe(7 * 24 * 3_600_000)
    // A Sunday belongs to the week that started six days before.
    const sunday = periodContaining(utc('2026-03-22T14:00:00Z'), 'week', 'Asia/Seoul') // Sun 23:00 KST
    expect(sunday.start).toBe(p.start)
  })

  it('makes the spring-forward day 23 hours long in America/New_York', () => {
    // DST starts 2026-03-08 02:00 local: midnight is EST (-05:00), the next midnight EDT (-04:00).
    const p = periodContaining(utc('2026-03-08T17:00:00Z'), 'day', 'America/New_York')
    expect(p.start).toBe(utc('2026-03-08T05:00:00Z'))
    expect(p.end).toBe(utc('2026-03-09T04:00:00Z'))
    expect((p.end - p.start) / 3_600_000).toBe(23)
  })

  it('steps back to the previous calendar month and quarter', () => {
    const april = periodContaining(utc('2026-04-10T00:00:00Z'), 'month', 'Asia/Seoul')
    const march = previousPeriod(april, 'month', 'Asia/Seoul')
    expect(march.start).toBe(utc('2026-02-28T15:00:00Z')) // 2026-03-01 00:00 KST
    expect(march.end).toBe(april.start)
    const q2 = periodContaining(utc('2026-05-10T00:00:00Z'), 'quarter', 'Asia/Seoul')
    expect(q2.start).toBe(utc('2026-03-31T15:00:00Z'))
    expect(previousPeriod(q2, 'quarter', 'Asia/Seoul').start).toBe(utc('2025-12-31T15:00:00Z'))
  })

  it('ends the current period at the as-of instant, inclusive', () => {
    const asOf = utc('2026-03-18T06:00:00Z')
    const p = currentPeriodToDate(asOf, 'month', 'Asia/Seoul')
    expect(p.start).toBe(utc('2026-02-28T15:00:00Z'))
    expect(p.end).toBe(asOf + 1)
  })
})

describe('parsing instants', () => {
  it('takes a bare date as the end of that local day', () => {
    expect(parseInstant('2026-03-31', 'Asia/Seoul')).toBe(utc('2026-03-31T14:59:59.999Z'))
    // … so the current month is still March.
    const month = periodContaining(parseInstant('2026-03-31', 'Asia/Seoul'), 'month', 'Asia/Seoul')
    expect(month.start).toBe(utc('2026-02-28T15:00:00Z'))
  })

  it('reads a timestamp without offset as wall time in the zone, and keeps an explicit offset', () => {
    expect(parseInstant('2026-03-31T10:00:00', 'Asia/Seoul')).toBe(utc('2026-03-31T01:00:00Z'))
    expect(parseInstant('2026-03-31 10:00:00', 'Asia/Seoul')).toBe(utc('2026-03-31T01:00:00Z'))
    expect(parseInstant('2026-03-31T10:00:00Z', 'Asia/Seoul')).toBe(utc('2026-03-31T10:00:00Z'))
    expect(parseInstant('2026-03-31T10:00:00-05:00', 'Asia/Seoul')).toBe(utc('2026-03-31T15:00:00Z'))
  })

  it('refuses garbage with a message that shows the expected form', () => {
    expect(() => parseInstant('yesterday', 'Asia/Seoul')).toThrow(/ISO 8601/)
    expect(() => startOfLocalDay('2026-02-30', 'Asia/Seoul')).toThrow(/Invalid date/)
  })

  it('gives the exclusive end of an inclusive day range across DST', () => {
    expect(startOfNextLocalDay('2026-03-08', 'America/New_York')).toBe(utc('2026-03-09T04:00:00Z'))
    expect(startOfNextLocalDay('2026-03-31', 'Asia/Seoul')).toBe(utc('2026-03-31T15:00:00Z'))
  })

  it('formats an instant with the zone offset', () => {
    expect(formatInstant(utc('2026-03-31T15:30:00Z'), 'Asia/Seoul')).toBe('2026-04-01T00:30:00+09:00')
  })
})
