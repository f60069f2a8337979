// The order statistics' definitions, on values small enough to check by eye.
import { describe, expect, it } from 'vitest'
import {
  competitionRank,
  mean,
  median,
  nearestRank,
  quartileInc,
  sortedNumbers,
} from '../../../src/main/core/analytics/cohorts/stats'
import { speedOf } from '../../../src/main/core/analytics/cohorts/sr-resolution'

describe('cohort statistics', () => {
  it('median: the middle of an odd count, the mean of the two middles of an even count', () => {
    expect(median([3, 4, 5])).toBe(4)
    expect(median([1, 2, 4, 10])).toBe(3) // (2 + 4) / 2
    expect(median([7])).toBe(7)
    expect(median([])).toBeNull()
  })

  it('p90 is nearest-rank: the value at rank ⌈0.9·n⌉, always an observed value', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(nearestRank(ten, 90)).toBe(9) // ⌈9.0⌉ = 9 (not 10: 0.9·10 is 9.000000000000002 in binary)
    expect(nearestRank([...ten, 11], 90)).toBe(10) // ⌈9.9⌉ = 10
    expect(nearestRank([1, 2, 4, 10], 90)).toBe(10) // ⌈3.6⌉ = 4
    expect(nearestRank([3, 4, 5], 90)).toBe(5) // ⌈2.7⌉ = 3
    expect(nearestRank([42], 90)).toBe(42)
    expect(nearestRank([], 90)).toBeNull()
  })

  it('quartiles interpolate between closest ranks like Excel QUARTILE.INC', () => {
    const v = [1, 2, 3, 4]
    expect(quartileInc(v, 0)).toBe(1)
    expect(quartileInc(v, 0.25)).toBe(1.75) // h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1)
    expect(quartileInc(v, 0.5)).toBe(2.5) // h = 1.5 → 2 + 0.5·1
    expect(quartileInc(v, 0.75)).toBe(3.25) // h = 2.25 → 3 + 0.25·1
    expect(quartileInc(v, 1)).toBe(4)
    expect(quartileInc([5], 0.75)).toBe(5)
  })

  it('competition rank: ties share the best rank and the next rank skips (1, 2, 2, 4)', () => {
    const backlog = [0, 1, 1, 2]
    expect(competitionRank(backlog, 0, false)).toBe(1)
    expect(competitionRank(backlog, 1, false)).toBe(2)
    expect(competitionRank(backlog, 2, false)).toBe(4)
    expect(competitionRank([50, 100, 100], 100, true)).toBe(1)
    expect(competitionRank([50, 100, 100], 50, true)).toBe(3)
  })

  it('mean and numeric sort', () => {
    expect(mean([1, 2, 4, 10])).toBe(4.25)
    expect(mean([])).toBeNull()
    expect([...sortedNumbers([10, 9, 100, 1])]).toEqual([1, 9, 10, 100]) // not "1, 10, 100, 9"
  })

  it('speed label: fast < 4 h ≤ normal < 8 h ≤ slow, the bounds belong to the slower class', () => {
    expect(speedOf(3.999, 4, 8)).toBe('fast')
    expect(speedOf(4, 4, 8)).toBe('normal')
    expect(speedOf(7.999, 4, 8)).toBe('normal')
    expect(speedOf(8, 4, 8)).toBe('slow')
  })
})
