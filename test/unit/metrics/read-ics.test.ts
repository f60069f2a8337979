import { describe, expect, it } from 'vitest'
import { decodeIcs, unfoldBytes } from '../../../src/renderer/src/features/sla-settings/read-ics'
import { parseIcsHolidays } from '../../../src/main/core/metrics/ical'

describe('reading an .ics file in the renderer', () => {
  it('unfolds a line folded inside a multi-byte UTF-8 character before decoding', () => {
    const summary = new TextEncoder().encode('SUMMARY:추석') // 추 = EC B6 94, 석 = EC 84 9D
    // Fold after the first two octets of 석: CRLF + space inside the character.
    const folded = new Uint8Array([...summary.slice(0, 10), 0x0d, 0x0a, 0x20, ...summary.slice(10)])
    expect(new TextDecoder().decode(folded)).toContain('\uFFFD') // naive decoding breaks the syllable
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260925',
      new TextDecoder('latin1').decode(folded), // placeholder, replaced below
      'END:VEVENT',
      'END:VCALENDAR',
    ]
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(text.slice(0, 3).join('\r\n') + '\r\n'),
      ...folded,
      ...new TextEncoder().encode('\r\n' + text.slice(4).join('\r\n')),
    ])
    const decoded = decodeIcs(bytes)
    expect(parseIcsHolidays(decoded, { untilYear: 2026 }).holidays).toEqual([
      { day: '2026-09-25', name: '추석' },
    ])
  })

  it('keeps ordinary line breaks and LF-only folds', () => {
    const bytes = new TextEncoder().encode('A:1\r\nB:2\n 3\r\n')
    expect(new TextDecoder().decode(unfoldBytes(bytes))).toBe('A:1\r\nB:23\r\n')
  })
})
