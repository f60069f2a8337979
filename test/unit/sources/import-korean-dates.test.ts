// Korean Excel's long date form in an imported file ("2026년 3월 18일", with the weekday and a time
// or without), which a CSV saved from a sheet formatted that way carries as text: read as wall time
// in the workspace zone, as the "2026. 3. 18. 오후 3:00" form is.
import { describe, expect, it } from 'vitest'
import { createWallClock, parseCellInstant } from '../../../src/main/core/sources/file-import/dates'

const seoul = createWallClock('Asia/Seoul') // UTC+9, no daylight saving
const read = (text: string) => parseCellInstant(text, 'csv', seoul)

describe('Korean long dates in imported files', () => {
  it.each([
    ['2026년 3월 18일', Date.UTC(2026, 2, 17, 15, 0, 0)], // midnight in Seoul
    ['2026년 3월 18일 오후 3:00', Date.UTC(2026, 2, 18, 6, 0, 0)],
    ['2026년 3월 18일 수요일 오후 3:00:30', Date.UTC(2026, 2, 18, 6, 0, 30)],
    ['2026년 3월 18일 (수) 14:05', Date.UTC(2026, 2, 18, 5, 5, 0)],
    ['2026년 12월 1일 오전 12:10', Date.UTC(2026, 10, 30, 15, 10, 0)], // 00:10 in Seoul
  ])('reads %j', (text, expected) => {
    expect(read(text)).toEqual({ value: expected })
  })

  it('refuses a day the month does not have, as for the other forms', () => {
    expect(read('2026년 2월 30일')).toMatchObject({ reason: { code: 'invalid_date_text' } })
    expect(read('2026. 2. 30.')).toMatchObject({ reason: { code: 'invalid_date_text' } })
  })
})
