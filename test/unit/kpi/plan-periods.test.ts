import { describe, expect, it } from 'vitest'
import { planPeriods } from '../../../src/main/core/kpi/calculate'
import type { StoredVersion } from '../../../src/main/core/kpi/definitions'
import { DEFAULT_THRESHOLDS } from '../../../src/main/core/kpi/status'
import type { KpiPeriod } from '../../../src/shared/ipc/types-kpi'

const ms = (iso: string) => Date.parse(iso)
const iso = (t: number) => new Date(t).toISOString()

function version(n: number, period: KpiPeriod, effectiveFrom: string | 0, target = 4): StoredVersion {
  return {
    version: n,
    effectiveFrom: effectiveFrom === 0 ? 0 : ms(effectiveFrom),
    createdAt: 0,
    changedBy: null,
    display_name: 'x',
    description: '',
    unit: 'hours',
    direction: 'LOWER_BETTER',
    target,
    period,
    thresholds: DEFAULT_THRESHOLDS,
    filter: null,
    base_metric: 'mttr',
  }
}

const SEOUL = 'Asia/Seoul'
const AS_OF = ms('2026-03-18T15:00:00+09:00')

describe('planPeriods in Asia/Seoul', () => {
  it('MONTHLY: calendar months from the month of the first data; the one containing as-of is current', () => {
    const plan = planPeriods([version(1, 'MONTHLY', 0)], ms('2026-01-10T10:00:00+09:00'), AS_OF, SEOUL)
    // Local midnights of Jan 1, Feb 1, Mar 1 and Apr 1 in KST (UTC+9) are 15:00Z the day before.
    expect(plan.map((p) => [iso(p.start), iso(p.end), p.current])).toEqual([
      ['2025-12-31T15:00:00.000Z', '2026-01-31T15:00:00.000Z', false],
      ['2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z', false],
      ['2026-02-28T15:00:00.000Z', '2026-03-31T15:00:00.000Z', true],
    ])
  })

  it('WEEKLY: ISO weeks starting Monday', () => {
    // First data Wednesday 2026-03-04 → weeks of Mon 03-02, Mon 03-09, Mon 03-16 (current).
    const plan = planPeriods([version(1, 'WEEKLY', 0)], ms('2026-03-04T12:00:00+09:00'), AS_OF, SEOUL)
    expect(plan.map((p) => iso(p.start))).toEqual([
      '2026-03-01T15:00:00.000Z',
      '2026-03-08T15:00:00.000Z',
      '2026-03-15T15:00:00.000Z',
    ])
    expect(plan.at(-1)?.current).toBe(true)
  })

  it('DAILY: local days', () => {
    const plan = planPeriods([version(1, 'DAILY', 0)], ms('2026-03-16T23:30:00+09:00'), AS_OF, SEOUL)
    expect(plan.map((p) => iso(p.start))).toEqual([
      '2026-03-15T15:00:00.000Z',
      '2026-03-16T15:00:00.000Z',
      '2026-03-17T15:00:00.000Z',
    ])
  })

  it('with no data yet, only the current period is planned', () => {
    const plan = planPeriods([version(1, 'MONTHLY', 0)], null, AS_OF, SEOUL)
    expect(plan.map((p) => [iso(p.start), p.current])).toEqual([['2026-02-28T15:00:00.000Z', true]])
  })

  it('starts at the effective date when it is later than the first data', () => {
    const plan = planPeriods(
      [version(1, 'MONTHLY', '2026-02-01T00:00:00+09:00')],
      ms('2025-06-01T00:00:00Z'),
      AS_OF,
      SEOUL,
    )
    expect(plan.map((p) => iso(p.start))).toEqual(['2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z'])
  })

  it('is bounded: at most 400 days back for DAILY', () => {
    const plan = planPeriods([version(1, 'DAILY', 0)], ms('2020-01-01T00:00:00Z'), AS_OF, SEOUL)
    // 400 days before the current day plus the current day itself.
    expect(plan).toHaveLength(401)
  })

  it('judges each period by the version in force at its start (a target change mid-history)', () => {
    const versions = [version(1, 'MONTHLY', 0, 4), version(2, 'MONTHLY', '2026-03-01T00:00:00+09:00', 5)]
    const plan = planPeriods(versions, ms('2026-01-10T00:00:00+09:00'), AS_OF, SEOUL)
    expect(plan.map((p) => [p.version.version, p.version.target])).toEqual([
      [1, 4],
      [1, 4],
      [2, 5],
    ])
  })

  it('a newer edit with an earlier effective date supersedes an older one from that date on', () => {
    const versions = [
      version(1, 'MONTHLY', 0, 4),
      version(2, 'MONTHLY', '2026-03-01T00:00:00+09:00', 5),
      version(3, 'MONTHLY', '2026-02-01T00:00:00+09:00', 6),
    ]
    const plan = planPeriods(versions, ms('2026-01-10T00:00:00+09:00'), AS_OF, SEOUL)
    expect(plan.map((p) => p.version.version)).toEqual([1, 3, 3])
  })

  it('a MONTHLY → DAILY change mid-month ends the month period where the new version starts', () => {
    const versions = [version(1, 'MONTHLY', 0), version(2, 'DAILY', '2026-03-17T00:00:00+09:00')]
    const plan = planPeriods(versions, ms('2026-02-10T00:00:00+09:00'), AS_OF, SEOUL)
    expect(plan.map((p) => [iso(p.start), iso(p.end), p.version.version])).toEqual([
      ['2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z', 1],
      ['2026-02-28T15:00:00.000Z', '2026-03-16T15:00:00.000Z', 1],
      ['2026-03-16T15:00:00.000Z', '2026-03-17T15:00:00.000Z', 2],
      ['2026-03-17T15:00:00.000Z', '2026-03-18T15:00:00.000Z', 2],
    ])
  })
})

describe('planPeriods across the DST change in America/New_York (2026-03-08 02:00 → 03:00)', () => {
  const NY = 'America/New_York'
  const asOf = ms('2026-03-09T12:00:00-04:00')

  it('DAILY: March 8 is 23 hours long; midnights move from 05:00Z to 04:00Z', () => {
    const plan = planPeriods([version(1, 'DAILY', 0)], ms('2026-03-07T10:00:00-05:00'), asOf, NY)
    expect(plan.map((p) => [iso(p.start), (p.end - p.start) / 3_600_000])).toEqual([
      ['2026-03-07T05:00:00.000Z', 24],
      ['2026-03-08T05:00:00.000Z', 23],
      ['2026-03-09T04:00:00.000Z', 24],
    ])
  })

  it('WEEKLY: the week of Monday 03-02 has 167 hours', () => {
    const plan = planPeriods([version(1, 'WEEKLY', 0)], ms('2026-03-03T10:00:00-05:00'), asOf, NY)
    expect(plan.map((p) => [iso(p.start), (p.end - p.start) / 3_600_000])).toEqual([
      ['2026-03-02T05:00:00.000Z', 167],
      ['2026-03-09T04:00:00.000Z', 168],
    ])
  })

  it('MONTHLY: March starts at 05:00Z (EST) and ends at 04:00Z (EDT)', () => {
    const plan = planPeriods([version(1, 'MONTHLY', 0)], ms('2026-03-03T10:00:00-05:00'), asOf, NY)
    expect(plan.map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
    ])
  })
})
