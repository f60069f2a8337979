import { describe, expect, it } from 'vitest'
import {
  CALENDAR_CLOCK,
  DEFAULT_WEEK,
  businessClock,
  parseMinutes,
  formatMinutes,
  weekHoursProblem,
  type WeekHours,
} from '../../../src/main/core/metrics/calendar'

const H = 3_600_000
const at = (iso: string): number => Date.parse(iso)
const seoul = (holidays: string[] = []) =>
  businessClock({ zone: 'Asia/Seoul', week: DEFAULT_WEEK, holidays: new Set(holidays) })
const allDay: WeekHours = Array.from({ length: 7 }, () => [[0, 1440] as const])

describe('24x7 clock', () => {
  it('counts every millisecond and never goes negative', () => {
    expect(CALENDAR_CLOCK.elapsed(at('2026-03-01T00:00:00Z'), at('2026-03-02T06:00:00Z'))).toBe(30 * H)
    expect(CALENDAR_CLOCK.elapsed(at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z'))).toBe(0)
    expect(CALENDAR_CLOCK.add(1000, 5 * H)).toBe(1000 + 5 * H)
  })
})

describe('business-hours clock (Mon–Fri 09:00–18:00)', () => {
  it('counts an overnight span only inside opening hours', () => {
    // Mon 2026-03-16 17:00 KST → Tue 10:00 KST: 17–18 (1 h) + 09–10 (1 h) = 2 h.
    expect(seoul().elapsed(at('2026-03-16T17:00:00+09:00'), at('2026-03-17T10:00:00+09:00'))).toBe(2 * H)
  })

  it('skips the weekend', () => {
    // Fri 2026-03-20 16:00 → Mon 03-23 11:00: Fri 16–18 (2 h) + Mon 09–11 (2 h) = 4 h.
    expect(seoul().elapsed(at('2026-03-20T16:00:00+09:00'), at('2026-03-23T11:00:00+09:00'))).toBe(4 * H)
  })

  it('skips holidays', () => {
    // Fri 02-27 17:00 → Tue 03-03 10:00 with Mon 03-02 a holiday: Fri 1 h + Mon 0 + Tue 1 h = 2 h.
    const clock = seoul(['2026-03-02'])
    expect(clock.elapsed(at('2026-02-27T17:00:00+09:00'), at('2026-03-03T10:00:00+09:00'))).toBe(2 * H)
    // Without the holiday Monday adds 9 h: 11 h.
    expect(seoul().elapsed(at('2026-02-27T17:00:00+09:00'), at('2026-03-03T10:00:00+09:00'))).toBe(11 * H)
  })

  it('counts nothing for a span outside opening hours', () => {
    // Sat 10:00 → Sun 20:00.
    expect(seoul().elapsed(at('2026-03-21T10:00:00+09:00'), at('2026-03-22T20:00:00+09:00'))).toBe(0)
    // Tue 19:00 → Wed 08:00.
    expect(seoul().elapsed(at('2026-03-17T19:00:00+09:00'), at('2026-03-18T08:00:00+09:00'))).toBe(0)
  })

  it('is DST-correct in America/New_York (spring forward on Sun 2026-03-08)', () => {
    const ny = businessClock({ zone: 'America/New_York', week: DEFAULT_WEEK, holidays: new Set() })
    // Fri 03-06 17:00 EST = 22:00Z → Mon 03-09 10:00 EDT = 14:00Z: Fri 17–18 (1 h) + Mon 09–10 (1 h) = 2 h.
    // (Monday 09:00 EDT is 13:00Z; a clock that kept EST would put it at 14:00Z and count 1 h.)
    expect(ny.elapsed(at('2026-03-06T22:00:00Z'), at('2026-03-09T14:00:00Z'))).toBe(2 * H)
    const always = businessClock({ zone: 'America/New_York', week: allDay, holidays: new Set() })
    // Sun 03-08 00:00 EST (05:00Z) → Mon 03-09 00:00 EDT (04:00Z): a 23-hour local day.
    expect(always.elapsed(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * H)
    // Fall back on Sun 2026-11-01: 00:00 EDT (04:00Z) → Mon 00:00 EST (05:00Z) = 25 h.
    expect(always.elapsed(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * H)
  })

  it('counts a DST day inside opening hours by wall time', () => {
    // Hours 00:00–06:00 every day; on 03-08 02:00 jumps to 03:00, so that day has 5 h open.
    const early: WeekHours = Array.from({ length: 7 }, () => [[0, 360] as const])
    const ny = businessClock({ zone: 'America/New_York', week: early, holidays: new Set() })
    expect(ny.elapsed(at('2026-03-08T05:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe(5 * H)
  })

  it('works in a zone with a 30-minute offset (Asia/Kolkata, +05:30)', () => {
    const ist = businessClock({ zone: 'Asia/Kolkata', week: DEFAULT_WEEK, holidays: new Set() })
    // Mon 2026-03-16 03:00Z = 08:30 IST → 04:00Z = 09:30 IST: only 09:00–09:30 counts = 30 min.
    expect(ist.elapsed(at('2026-03-16T03:00:00Z'), at('2026-03-16T04:00:00Z'))).toBe(H / 2)
    // 12:00Z = 17:30 IST → next day 04:00Z = 09:30 IST: 30 min + 30 min = 1 h.
    expect(ist.elapsed(at('2026-03-16T12:00:00Z'), at('2026-03-17T04:00:00Z'))).toBe(H)
  })

  it('handles several intervals per day', () => {
    const split: WeekHours = [
      [
        [540, 720],
        [780, 1080],
      ],
      [],
      [],
      [],
      [],
      [],
      [],
    ]
    const clock = businessClock({ zone: 'Asia/Seoul', week: split, holidays: new Set() })
    // Mon 11:00 → 14:00: 11–12 (1 h) + lunch 12–13 (0) + 13–14 (1 h) = 2 h.
    expect(clock.elapsed(at('2026-03-16T11:00:00+09:00'), at('2026-03-16T14:00:00+09:00'))).toBe(2 * H)
    // A whole week is Monday's 3 h + 5 h = 8 h.
    expect(clock.elapsed(at('2026-03-16T00:00:00+09:00'), at('2026-03-23T00:00:00+09:00'))).toBe(8 * H)
  })

  it('extends its day table backwards and forwards consistently', () => {
    const clock = seoul()
    // Query late first, then early: 2026-03-16 (Mon) → 2026-03-30 (Mon) is two weeks = 90 h.
    expect(clock.elapsed(at('2026-03-30T00:00:00+09:00'), at('2026-03-31T00:00:00+09:00'))).toBe(9 * H)
    expect(clock.elapsed(at('2026-03-16T00:00:00+09:00'), at('2026-03-30T00:00:00+09:00'))).toBe(90 * H)
    // A year earlier: 2025-03-17 (Mon) → 2025-03-24 (Mon) = 45 h.
    expect(clock.elapsed(at('2025-03-17T00:00:00+09:00'), at('2025-03-24T00:00:00+09:00'))).toBe(45 * H)
  })

  it('inverts elapsed: the instant a business duration runs out', () => {
    const clock = seoul(['2026-03-02'])
    // Fri 02-27 17:00 + 2 h business: 1 h on Friday, Monday is a holiday, 1 h on Tuesday → Tue 10:00.
    expect(clock.add(at('2026-02-27T17:00:00+09:00'), 2 * H)).toBe(at('2026-03-03T10:00:00+09:00'))
    // From Saturday, 0 h lands on Saturday itself (nothing to wait for).
    expect(clock.add(at('2026-03-21T10:00:00+09:00'), 0)).toBe(at('2026-03-21T10:00:00+09:00'))
    // 9 h from Mon 09:00 ends exactly at Mon 18:00.
    expect(clock.add(at('2026-03-16T09:00:00+09:00'), 9 * H)).toBe(at('2026-03-16T18:00:00+09:00'))
  })
})

describe('week hours validation and HH:MM', () => {
  it('rejects bad weeks with a message', () => {
    expect(weekHoursProblem(DEFAULT_WEEK)).toBeNull()
    expect(weekHoursProblem([[], [], [], [], [], [], []])).toMatch(/at least once/)
    expect(weekHoursProblem([[[600, 540]], [], [], [], [], [], []])).toMatch(/start before/)
    expect(
      weekHoursProblem([
        [
          [540, 700],
          [600, 800],
        ],
        [],
        [],
        [],
        [],
        [],
        [],
      ]),
    ).toMatch(/overlap/)
    expect(weekHoursProblem([[[540, 1080]]])).toMatch(/7 weekdays/)
    expect(() => businessClock({ zone: 'Mars/Base', week: DEFAULT_WEEK, holidays: new Set() })).toThrow(
      /time zone/,
    )
  })

  it('parses and formats HH:MM', () => {
    expect(parseMinutes('09:30')).toBe(570)
    expect(parseMinutes('24:00')).toBe(1440)
    expect(parseMinutes('24:30')).toBeNull()
    expect(parseMinutes('9h')).toBeNull()
    expect(formatMinutes(1440)).toBe('24:00')
    expect(formatMinutes(545)).toBe('09:05')
  })
})
