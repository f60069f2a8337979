import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IcsError, parseIcsHolidays } from '../../../src/main/core/metrics/ical'

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/ical', name), 'utf8')
const cal = (...body: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...body, 'END:VCALENDAR'].join('\r\n')
const ev = (...props: string[]): string[] => ['BEGIN:VEVENT', ...props, 'END:VEVENT']

describe('iCal holiday import', () => {
  it('reads all-day events: exclusive DTEND, multi-day, folded Korean SUMMARY, yearly RRULE, VALARM, timed skipped', () => {
    const r = parseIcsHolidays(fixture('korean-holidays-2026.ics'), { untilYear: 2027 })
    // 신정 2025-01-01 yearly → 2025, 2026, 2027 (3 days); 설날 16–18 Feb (DTEND 19 exclusive, 3 days);
    // 대체공휴일 03-02 (1); 어린이날 without DTEND (1 day). The 주간 회의 meeting is timed: skipped.
    expect(r.holidays.map((h) => h.day)).toEqual([
      '2025-01-01',
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-03-02',
      '2026-05-05',
      '2027-01-01',
    ])
    expect(r.events).toBe(4)
    expect(r.skippedTimed).toBe(1)
    // The folded line is joined back without the continuation space; "\," is unescaped.
    expect(r.holidays.find((h) => h.day === '2026-02-17')?.name).toBe(
      '설날 연휴 (음력 12월 29일부터 1월 2일까지, 가족과 함께하는 명절이며 긴 요약은 여러 줄로 접힙니다)',
    )
    // The VALARM's DESCRIPTION does not leak into the event.
    expect(r.holidays.find((h) => h.day === '2026-03-02')?.name).toBe('대체공휴일(삼일절)')
  })

  it('accepts LF line endings, a BOM and tab continuation lines', () => {
    const text =
      '\uFEFF' + cal(...ev('DTSTART;VALUE=DATE:20261009', 'SUMMARY:한글', '\t날')).replace(/\r\n/g, '\n')
    expect(parseIcsHolidays(text, { untilYear: 2030 }).holidays).toEqual([
      { day: '2026-10-09', name: '한글날' },
    ])
  })

  it('honours COUNT, UNTIL, INTERVAL and EXDATE of a yearly rule, and skips 29 February in common years', () => {
    const r = parseIcsHolidays(
      cal(
        ...ev('DTSTART;VALUE=DATE:20200301', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:삼일절'),
        ...ev('DTSTART;VALUE=DATE:20200815', 'RRULE:FREQ=YEARLY;UNTIL=20221231', 'SUMMARY:광복절'),
        ...ev(
          'DTSTART;VALUE=DATE:20201225',
          'RRULE:FREQ=YEARLY;INTERVAL=2',
          'EXDATE;VALUE=DATE:20221225',
          'SUMMARY:X',
        ),
        ...ev('DTSTART;VALUE=DATE:20200229', 'RRULE:FREQ=YEARLY', 'SUMMARY:윤일'),
      ),
      { untilYear: 2024 },
    )
    const days = r.holidays.map((h) => h.day)
    // COUNT=3: 2020, 2021, 2022.
    expect(days.filter((d) => d.endsWith('-03-01'))).toEqual(['2020-03-01', '2021-03-01', '2022-03-01'])
    // UNTIL 2022-12-31: 2020, 2021, 2022.
    expect(days.filter((d) => d.endsWith('-08-15'))).toEqual(['2020-08-15', '2021-08-15', '2022-08-15'])
    // INTERVAL=2 → 2020, 2022, 2024; 2022 excluded.
    expect(days.filter((d) => d.endsWith('-12-25'))).toEqual(['2020-12-25', '2024-12-25'])
    // Leap day: 2020 and 2024 only.
    expect(days.filter((d) => d.endsWith('-02-29'))).toEqual(['2020-02-29', '2024-02-29'])
  })

  it('joins the names of two holidays on the same day', () => {
    const r = parseIcsHolidays(
      cal(
        ...ev('DTSTART;VALUE=DATE:20261003', 'SUMMARY:개천절'),
        ...ev('DTSTART;VALUE=DATE:20261003', 'SUMMARY:행사'),
      ),
      { untilYear: 2026 },
    )
    expect(r.holidays).toEqual([{ day: '2026-10-03', name: '개천절 / 행사' }])
  })

  it.each([
    ['an empty file', '', /BEGIN:VCALENDAR/],
    ['a PNG read as text', '\u0089PNG\r\n\u001a\n\u0000\u0000', /BEGIN:VCALENDAR/],
    ['CSV', 'day,name\n2026-01-01,신정\n', /BEGIN:VCALENDAR/],
    ['a file cut short', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\n', /never ends/],
    ['no END:VCALENDAR', 'BEGIN:VCALENDAR\r\n' + ev('DTSTART;VALUE=DATE:20260101').join('\r\n'), /cut short/],
    ['no events', cal(), /No events/],
    ['only timed events', cal(...ev('DTSTART:20260101T090000Z')), /No all-day events/],
    [
      'an impossible date',
      cal(...ev('DTSTART;VALUE=DATE:20260230')),
      /Line 4: DTSTART "20260230" is not a date/,
    ],
    [
      'DTEND before DTSTART',
      cal(...ev('DTSTART;VALUE=DATE:20260105', 'DTEND;VALUE=DATE:20260105')),
      /DTEND must be after/,
    ],
    ['a monthly rule', cal(...ev('DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=MONTHLY')), /only yearly/],
    ['a rule by weekday', cal(...ev('DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY;BYDAY=MO')), /BYDAY/],
    [
      'a property without a value',
      cal(...ev('DTSTART;VALUE=DATE:20260101', 'SUMMARY')),
      /not an iCalendar property/,
    ],
    ['an event without DTSTART', cal(...ev('SUMMARY:x')), /no DTSTART/],
  ])('rejects %s with a clear message', (_what, text, message) => {
    expect(() => parseIcsHolidays(text, { untilYear: 2030 })).toThrow(IcsError)
    expect(() => parseIcsHolidays(text, { untilYear: 2030 })).toThrow(message)
  })
})
