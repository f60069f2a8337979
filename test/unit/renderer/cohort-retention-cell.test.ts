// A retention cell shows the whole percentage without its sign, so 18 months fit a 960 px window;
// rounding never shows a cohort as all gone or all kept when it is not.
import { describe, expect, it } from 'vitest'
import { retentionCell } from '../../../src/renderer/src/features/cohorts/retention-cell'

describe('retention cell', () => {
  it('rounds to the whole percentage', () => {
    expect(retentionCell(66.7, 'ko')).toBe('67')
    expect(retentionCell(33.3, 'en')).toBe('33')
    expect(retentionCell(50, 'en')).toBe('50')
    expect(retentionCell(100, 'ko')).toBe('100')
    expect(retentionCell(0, 'ko')).toBe('0')
  })

  it('says "<1" for a few active and ">99" for all but a few, never 0 or 100 for them', () => {
    expect(retentionCell(0.4, 'ko')).toBe('<1')
    expect(retentionCell(0.01, 'en')).toBe('<1')
    expect(retentionCell(99.5, 'en')).toBe('>99')
    expect(retentionCell(99.96, 'ko')).toBe('>99')
    expect(retentionCell(99.4, 'ko')).toBe('99')
    expect(retentionCell(0.5, 'en')).toBe('1')
  })
})
