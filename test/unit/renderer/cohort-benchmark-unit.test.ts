// The tenant benchmark says each value with its unit; the backlog is a count of SRs, so English
// says "1 SR" and "2 SRs" (Korean 건 either way), judged on the value as shown (one decimal).
import { describe, expect, it } from 'vitest'
import { benchmarkUnit } from '../../../src/renderer/src/features/cohorts/benchmark-unit'
import { i18n } from '../../../src/renderer/src/i18n/index'

async function translator(lng: 'ko' | 'en') {
  const instance = i18n.cloneInstance({ lng })
  await instance.changeLanguage(lng)
  return instance.t
}

describe('tenant benchmark units', () => {
  it('says a backlog of one SR in the singular in English, any other in the plural', async () => {
    const en = await translator('en')
    expect(benchmarkUnit(en, 'backlog', 1)).toBe('SR')
    // Shown as 1 with one decimal, so said as one.
    expect(benchmarkUnit(en, 'backlog', 1.04)).toBe('SR')
    expect(benchmarkUnit(en, 'backlog', 0)).toBe('SRs')
    expect(benchmarkUnit(en, 'backlog', 2)).toBe('SRs')
    expect(benchmarkUnit(en, 'backlog', 1.5)).toBe('SRs')
    expect(benchmarkUnit(en, 'backlog', 1234)).toBe('SRs')
  })

  it('keeps hours and percentages as they are, and Korean 건 for any count', async () => {
    const en = await translator('en')
    const ko = await translator('ko')
    expect(benchmarkUnit(en, 'mttr', 1)).toBe('h')
    expect(benchmarkUnit(en, 'fcr', 1)).toBe('%')
    expect(benchmarkUnit(en, 'sla', 97.5)).toBe('%')
    expect(benchmarkUnit(en, 'reopen', 1)).toBe('%')
    expect(benchmarkUnit(ko, 'backlog', 1)).toBe('건')
    expect(benchmarkUnit(ko, 'backlog', 12)).toBe('건')
    expect(benchmarkUnit(ko, 'mttr', 1)).toBe('시간')
  })
})
