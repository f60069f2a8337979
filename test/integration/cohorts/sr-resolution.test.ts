// SR resolution cohorts (SPEC §5) on a hand-worked fixture, zone Asia/Seoul (UTC+9).
// Percentiles: median = middle value (mean of the two middles for an even count); p90 = nearest rank ⌈0.9·n⌉.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { srResolution } from '../../../src/main/core/analytics/cohorts/sr-resolution'
import { CoreError } from '../../../src/main/core/errors'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '서울특별시청'
const B = '부산광역시청'
const AS_OF = '2026-03-18T15:00:00+09:00'

/** A resolved SR created at `created` (KST unless it says otherwise), resolved `hours` later. */
function resolved(tenant: string, created: string, hours: number, title: string) {
  const c = Date.parse(created)
  return {
    tenant,
    title,
    status: 'DONE' as const,
    created,
    resolved: new Date(c + hours * 3_600_000).toISOString(),
  }
}

describe('SR resolution cohorts', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      // January: resolved 1, 2, 4 h (A) and 10 h (B); one open, one cancelled → 6 created, 4 resolved.
      resolved(A, '2026-01-05T09:00:00+09:00', 1, 'jan-1h'),
      resolved(A, '2026-01-06T09:00:00+09:00', 2, 'jan-2h'),
      resolved(A, '2026-01-07T09:00:00+09:00', 4, 'jan-4h'),
      resolved(B, '2026-01-08T09:00:00+09:00', 10, 'jan-10h'),
      { tenant: A, status: 'OPEN', created: '2026-01-09T09:00:00+09:00' },
      {
        tenant: A,
        status: 'CANCELLED',
        created: '2026-01-10T09:00:00+09:00',
        closed: '2026-01-11T09:00:00+09:00',
      },
      // February: 3, 4, 5 h; the 3 h one is created 01-31 15:30 UTC = 02-01 00:30 KST → February.
      resolved(A, '2026-01-31T15:30:00Z', 3, 'feb-3h'),
      resolved(A, '2026-02-10T09:00:00+09:00', 4, 'feb-4h'),
      resolved(A, '2026-02-11T09:00:00+09:00', 5, 'feb-5h'),
      // March (partial): 8 h, and one resolved after as-of (created, not yet resolved at as-of).
      resolved(A, '2026-03-10T09:00:00+09:00', 8, 'mar-8h'),
      resolved(A, '2026-03-17T10:00:00+09:00', 30, 'mar-after-as-of'), // resolved 03-18 16:00 > as-of
    ])
  })
  beforeEach(() => {
    // The calendar clock: as if no per-SR judgement were stored (the clock test below sets some).
    ws.store.sqlite.prepare('UPDATE service_requests SET mttr_ms = NULL').run()
  })
  afterAll(() => ws.dispose())

  it('count, resolved, mean, median, p90 and the label per creation month', () => {
    const r = srResolution(ws.store, query({ asOf: AS_OF }))
    expect(r.thresholds).toEqual({ fast_below_hours: 4, slow_from_hours: 8 })
    expect(r.basis).toBe('mean')
    expect(r.clock).toBe('calendar')
    expect(r.data).toEqual([
      {
        cohort: '2026-01',
        sr_count: 6,
        resolved_count: 4,
        avg_resolution_hours: 4.3, // (1 + 2 + 4 + 10) / 4 = 4.25 → 4.3 (half away from zero)
        median_resolution_hours: 3, // even count: (2 + 4) / 2
        p90_resolution_hours: 10, // ⌈0.9 · 4⌉ = rank 4
        speed: 'normal', // 4 ≤ 4.25 < 8
        benchmark: '보통',
        partial: false,
      },
      {
        cohort: '2026-02',
        sr_count: 3,
        resolved_count: 3,
        avg_resolution_hours: 4, // (3 + 4 + 5) / 3 = 4 exactly
        median_resolution_hours: 4, // odd count: the middle
        p90_resolution_hours: 5, // ⌈0.9 · 3⌉ = rank 3
        speed: 'normal', // exactly 4 h is normal, not fast
        benchmark: '보통',
        partial: false,
      },
      {
        cohort: '2026-03',
        sr_count: 2,
        resolved_count: 1,
        avg_resolution_hours: 8,
        median_resolution_hours: 8,
        p90_resolution_hours: 8,
        speed: 'slow', // exactly 8 h is slow
        benchmark: '느림',
        partial: true,
      },
    ])
  })

  it('thresholds and the judged statistic are configurable', () => {
    const raised = srResolution(ws.store, query({ asOf: AS_OF, lang: 'en' }), {
      fastBelowHours: 4.3,
      slowFromHours: 8.5,
    })
    // Jan 4.25 < 4.3 → fast; Feb 4 → fast; Mar 8 < 8.5 → normal
    expect(raised.data.map((d) => d.speed)).toEqual(['fast', 'fast', 'normal'])
    expect(raised.data.map((d) => d.benchmark)).toEqual(['Fast', 'Fast', 'Normal'])
    const byMedian = srResolution(ws.store, query({ asOf: AS_OF }), { basis: 'median' })
    expect(byMedian.data.map((d) => d.speed)).toEqual(['fast', 'normal', 'slow']) // 3, 4, 8
    const byP90 = srResolution(ws.store, query({ asOf: AS_OF }), { basis: 'p90' })
    expect(byP90.data.map((d) => d.speed)).toEqual(['slow', 'normal', 'slow']) // 10, 5, 8
  })

  it('refuses a fast threshold above the slow one', () => {
    expect(() => srResolution(ws.store, query({ asOf: AS_OF }), { fastBelowHours: 9 })).toThrow(CoreError)
  })

  it('the tenant filter keeps that tenant’s SRs', () => {
    const r = srResolution(ws.store, query({ asOf: AS_OF, tenants: [A] }))
    const jan = r.data[0]
    // A's January: 5 created (without B's 10 h); resolved 1, 2, 4 h: mean 7/3 = 2.33 → 2.3, median 2,
    // p90 ⌈2.7⌉ = rank 3 → 4; fast.
    expect(jan).toMatchObject({
      cohort: '2026-01',
      sr_count: 5,
      resolved_count: 3,
      avg_resolution_hours: 2.3,
      median_resolution_hours: 2,
      p90_resolution_hours: 4,
      speed: 'fast',
    })
  })

  it('reads the stored MTTR clock where it is filled and says the clocks are mixed', () => {
    const set = ws.store.sqlite.prepare('UPDATE service_requests SET mttr_ms = ? WHERE title = ?')
    set.run(6 * 3_600_000, 'jan-10h') // business-hours clock: 6 h instead of 10
    set.run(2 * 3_600_000, 'feb-3h')
    const r = srResolution(ws.store, query({ asOf: AS_OF }))
    expect(r.clock).toBe('mixed')
    // January: 1, 2, 4, 6 → mean 3.25 → 3.3, median 3, p90 6, fast. February: 2, 4, 5 → mean 11/3 = 3.67 → 3.7.
    expect(r.data[0]).toMatchObject({
      avg_resolution_hours: 3.3,
      median_resolution_hours: 3,
      p90_resolution_hours: 6,
    })
    expect(r.data[0]?.speed).toBe('fast')
    expect(r.data[1]?.avg_resolution_hours).toBe(3.7)
    ws.store.sqlite
      .prepare(
        'UPDATE service_requests SET mttr_ms = (resolved_at - created_at) WHERE resolved_at IS NOT NULL',
      )
      .run()
    expect(srResolution(ws.store, query({ asOf: AS_OF })).clock).toBe('judged')
  })

  it('a range picks the creation months it touches', () => {
    const r = srResolution(ws.store, query({ asOf: AS_OF, from: '2026-02-15', to: '2026-04-30' }))
    // February and March (April is after as-of).
    expect(r.data.map((d) => d.cohort)).toEqual(['2026-02', '2026-03'])
  })
})
