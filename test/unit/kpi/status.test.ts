import { describe, expect, it } from 'vitest'
import { DEFAULT_THRESHOLDS, judge, overallStatus, summarize } from '../../../src/main/core/kpi/status'

const T = DEFAULT_THRESHOLDS // green 95, yellow 80, yellowFactor 1.2

describe('judge (SPEC §6 status)', () => {
  it('is NO_DATA without a value', () => {
    expect(judge(null, 'HIGHER_BETTER', 80, T)).toEqual({ status: 'NO_DATA', achievementPct: null })
    expect(judge(null, 'LOWER_BETTER', 4, T)).toEqual({ status: 'NO_DATA', achievementPct: null })
  })

  it('HIGHER_BETTER: achievement = value/target×100, bands at 95 and 80 inclusive', () => {
    // target 80: 76/80 = 95 % exactly → GREEN; 75.99/80 = 94.9875 % → YELLOW
    expect(judge(76, 'HIGHER_BETTER', 80, T)).toEqual({ status: 'GREEN', achievementPct: 95 })
    expect(judge(75.99, 'HIGHER_BETTER', 80, T).status).toBe('YELLOW')
    expect(judge(75.99, 'HIGHER_BETTER', 80, T).achievementPct).toBeCloseTo(94.9875, 10)
    // 64/80 = 80 % exactly → YELLOW; 63.99/80 = 79.9875 % → RED
    expect(judge(64, 'HIGHER_BETTER', 80, T).status).toBe('YELLOW')
    expect(judge(63.99, 'HIGHER_BETTER', 80, T).status).toBe('RED')
    // 100/80 = 125 % → GREEN with achievement above 100
    expect(judge(100, 'HIGHER_BETTER', 80, T)).toEqual({ status: 'GREEN', achievementPct: 125 })
    // 0 → 0 % → RED
    expect(judge(0, 'HIGHER_BETTER', 95, T)).toEqual({ status: 'RED', achievementPct: 0 })
  })

  it('LOWER_BETTER: ≤ target GREEN 100, ≤ 1.2×target YELLOW, else RED; achievement = target/value×100', () => {
    // target 4 h: 4.0 → GREEN 100; 3 → GREEN 100 (not 133)
    expect(judge(4, 'LOWER_BETTER', 4, T)).toEqual({ status: 'GREEN', achievementPct: 100 })
    expect(judge(3, 'LOWER_BETTER', 4, T)).toEqual({ status: 'GREEN', achievementPct: 100 })
    // 4.01 → YELLOW, 4/4.01×100 = 99.7506…
    expect(judge(4.01, 'LOWER_BETTER', 4, T).status).toBe('YELLOW')
    expect(judge(4.01, 'LOWER_BETTER', 4, T).achievementPct).toBeCloseTo(99.7506, 3)
    // 1.2 × 4 = 4.8 → YELLOW at the edge, 4/4.8 = 83.33 %; 4.81 → RED
    expect(judge(4.8, 'LOWER_BETTER', 4, T).status).toBe('YELLOW')
    expect(judge(4.8, 'LOWER_BETTER', 4, T).achievementPct).toBeCloseTo(83.3333, 3)
    expect(judge(4.81, 'LOWER_BETTER', 4, T).status).toBe('RED')
    // target 3: 1.2 × 3 is 3.5999999999999996 in binary; 3.6 is still the inclusive YELLOW edge
    expect(judge(3.6, 'LOWER_BETTER', 3, T).status).toBe('YELLOW')
    // backlog 20 against 10: 10/20 = 50 % RED
    expect(judge(20, 'LOWER_BETTER', 10, T)).toEqual({ status: 'RED', achievementPct: 50 })
  })

  it('LOWER_BETTER with a value of 0 is GREEN 100 (no division by zero)', () => {
    expect(judge(0, 'LOWER_BETTER', 10, T)).toEqual({ status: 'GREEN', achievementPct: 100 })
    expect(judge(0, 'LOWER_BETTER', 0, T)).toEqual({ status: 'GREEN', achievementPct: 100 })
    // target 0 and a positive value: 0/5 = 0 % → RED (5 > 1.2×0)
    expect(judge(5, 'LOWER_BETTER', 0, T)).toEqual({ status: 'RED', achievementPct: 0 })
  })

  it('honours edited thresholds', () => {
    const strict = { green: 100, yellow: 90, yellowFactor: 1.5 }
    // 76/80 = 95 %: GREEN by default, YELLOW under green 100; 71/80 = 88.75 % → RED under yellow 90
    expect(judge(76, 'HIGHER_BETTER', 80, strict).status).toBe('YELLOW')
    expect(judge(71, 'HIGHER_BETTER', 80, strict).status).toBe('RED')
    // LOWER: 5.9 vs 4 → 1.475×target ≤ 1.5 → YELLOW (RED by default 1.2)
    expect(judge(5.9, 'LOWER_BETTER', 4, strict).status).toBe('YELLOW')
    expect(judge(5.9, 'LOWER_BETTER', 4, T).status).toBe('RED')
    expect(judge(6.01, 'LOWER_BETTER', 4, strict).status).toBe('RED')
  })
})

describe('summary and overall status', () => {
  it('counts by status', () => {
    expect(summarize(['GREEN', 'RED', 'GREEN', 'NO_DATA'])).toEqual({
      GREEN: 2,
      YELLOW: 0,
      RED: 1,
      NO_DATA: 1,
    })
  })
  it('RED if any RED, else YELLOW if any, else GREEN if any, else NO_DATA', () => {
    expect(overallStatus(summarize(['GREEN', 'YELLOW', 'RED']))).toBe('RED')
    expect(overallStatus(summarize(['GREEN', 'YELLOW', 'NO_DATA']))).toBe('YELLOW')
    expect(overallStatus(summarize(['GREEN', 'NO_DATA']))).toBe('GREEN')
    expect(overallStatus(summarize(['NO_DATA']))).toBe('NO_DATA')
    expect(overallStatus(summarize([]))).toBe('NO_DATA')
  })
})
