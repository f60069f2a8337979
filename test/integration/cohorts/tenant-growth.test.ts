// Tenant growth cohorts (SPEC §5) on a hand-worked fixture, zone Asia/Seoul (UTC+9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenantGrowth } from '../../../src/main/core/analytics/cohorts/tenant-growth'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '서울특별시청'
const B = '부산광역시청' // sorts before A (부 U+BD80 < 서 U+C11C)
const C = '대구광역시청'
const D = '광주광역시청'
// Wednesday 2026-03-18 15:00 KST: March is partial.
const AS_OF = '2026-03-18T15:00:00+09:00'

describe('tenant growth cohorts', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      // A: first SR 01-05 → cohort 2026-01. Jan 2, Feb 2, Mar 2 (+1 after as-of).
      { tenant: A, status: 'OPEN', created: '2026-01-05T09:00:00+09:00' },
      { tenant: A, status: 'OPEN', created: '2026-01-20T09:00:00+09:00' },
      { tenant: A, status: 'OPEN', created: '2026-02-10T09:00:00+09:00' },
      // 01-31 15:30 UTC is 02-01 00:30 in Seoul → February (month 1), not January.
      { tenant: A, status: 'OPEN', created: '2026-01-31T15:30:00Z' },
      { tenant: A, status: 'OPEN', created: '2026-03-02T09:00:00+09:00' },
      { tenant: A, status: 'OPEN', created: '2026-03-18T14:59:59+09:00' },
      { tenant: A, status: 'OPEN', created: '2026-03-18T15:00:01+09:00' }, // after as-of: not counted
      // B: first SR 2025-12-31 16:00 UTC = 2026-01-01 01:00 KST → cohort 2026-01 (not December).
      { tenant: B, status: 'OPEN', created: '2025-12-31T16:00:00Z' },
      { tenant: B, status: 'OPEN', created: '2026-03-10T09:00:00+09:00' }, // Feb 0, Mar 1
      // C: cohort 2026-02. Feb 1, Mar 1.
      { tenant: C, status: 'OPEN', created: '2026-02-10T09:00:00+09:00' },
      { tenant: C, status: 'OPEN', created: '2026-03-01T00:00:00+09:00' }, // exactly the month start → March
      // D: first SR after as-of → not onboarded yet.
      { tenant: D, status: 'OPEN', created: '2026-03-20T09:00:00+09:00' },
    ])
  })
  afterAll(() => ws.dispose())

  it('groups tenants by onboarding month and counts SRs per month since onboarding', () => {
    const r = tenantGrowth(ws.store, query({ asOf: AS_OF }))
    expect(r.partial_month).toBe('2026-03')
    expect(r.cohort_months).toBe(3) // Jan, Feb, Mar
    expect(r.data).toEqual([
      {
        cohort: '2026-01',
        tenant_count: 2,
        members: [B, A],
        // month 0 (Jan): A 2 + B 1 = 3; month 1 (Feb): A 2 + B 0 = 2; month 2 (Mar, partial): A 2 + B 1 = 3
        monthly_sr: [3, 2, 3],
        partial_index: 2,
      },
      // C: Feb 1, Mar 1; month 2 (April) not reached → null
      { cohort: '2026-02', tenant_count: 1, members: [C], monthly_sr: [1, 1, null], partial_index: 1 },
    ])
    expect(JSON.stringify(r)).not.toContain(D)
  })

  it('at the last millisecond of a month nothing is partial', () => {
    // A bare date is the end of that local day: 2026-02-28 23:59:59.999 KST.
    const r = tenantGrowth(ws.store, query({ asOf: '2026-02-28' }))
    expect(r.partial_month).toBeNull()
    expect(r.data).toEqual([
      { cohort: '2026-01', tenant_count: 2, members: [B, A], monthly_sr: [3, 2], partial_index: null },
      { cohort: '2026-02', tenant_count: 1, members: [C], monthly_sr: [1, null], partial_index: null },
    ])
  })

  it('the tenant filter groups only those tenants; the range picks onboarding months', () => {
    const onlyC = tenantGrowth(ws.store, query({ asOf: AS_OF, tenants: [C] }))
    expect(onlyC.cohort_months).toBe(2)
    expect(onlyC.data.map((d) => [d.cohort, d.monthly_sr])).toEqual([['2026-02', [1, 1]]])
    expect(JSON.stringify(onlyC)).not.toContain(A)

    const feb = tenantGrowth(ws.store, query({ asOf: AS_OF, from: '2026-02-01', to: '2026-02-28' }))
    // Only the February cohort, still followed to as-of (columns counted from it: Feb, Mar).
    expect(feb.range).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(feb.data.map((d) => [d.cohort, d.monthly_sr])).toEqual([['2026-02', [1, 1]]])
  })

  it('an empty workspace answers with no cohorts', () => {
    const empty = tempWorkspace()
    try {
      const r = tenantGrowth(empty.store, query({ asOf: AS_OF }))
      expect(r.data).toEqual([])
      expect(r.cohort_months).toBe(0)
    } finally {
      empty.dispose()
    }
  })
})
