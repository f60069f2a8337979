import { describe, expect, it } from 'vitest'
import { roundTo } from '../../../src/main/core/metrics/rounding'

describe('roundTo', () => {
  it('rounds half away from zero without binary artefacts', () => {
    expect(roundTo(1.005, 2)).toBe(1.01)
    expect(roundTo(2.25, 1)).toBe(2.3)
    expect(roundTo(-2.25, 1)).toBe(-2.3)
    expect(roundTo(7.04999, 1)).toBe(7)
    expect(roundTo(0, 1)).toBe(0)
  })
})
