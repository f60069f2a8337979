// Feature adoption (SPEC §5) from the feature-usage feed, on a hand-worked fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { featureAdoption } from '../../../src/main/core/analytics/cohorts/feature-adoption'
import { upsertFeatureUsage } from '../../../src/main/core/db/repositories/ops-feeds'
import { ensureTenants } from '../../../src/main/core/db/repositories/tenants'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '서울특별시청'
const B = '부산광역시청'
const C = '대구광역시청'
const AS_OF = '2026-03-18T15:00:00+09:00' // as-of month 2026-03

describe('feature adoption', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    const seen = Date.parse('2025-12-01T00:00:00+09:00')
    ensureTenants(
      ws.store,
      [A, B, C].map((name) => ({ name, createdAt: seen })),
    )
    upsertFeatureUsage(ws.store, [
      { tenant: A, feature: 'sr_portal', month: '2026-01', count: 10 },
      { tenant: B, feature: 'sr_portal', month: '2026-01', count: 5 },
      { tenant: A, feature: 'sr_portal', month: '2026-02', count: 12 },
      { tenant: B, feature: 'sr_portal', month: '2026-02', count: 0 }, // a zero is not use
      { tenant: C, feature: 'sr_portal', month: '2026-03', count: 7 },
      { tenant: A, feature: 'sr_portal', month: '2026-04', count: 99 }, // after the as-of month
      { tenant: C, feature: 'chatbot', month: '2026-02', count: 3 },
      { tenant: B, feature: 'knowledge_base', month: '2026-03', count: 0 },
    ])
  })
  afterAll(() => ws.dispose())

  it('tenants using each feature and its usage per month, most adopted first', () => {
    const r = featureAdoption(ws.store, query({ asOf: AS_OF }))
    expect(r.months).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(r.tenant_total).toBe(3)
    expect(r.feature_adoption).toEqual([
      {
        feature: 'sr_portal',
        usage_count: 34, // 10 + 5 + 12 + 0 + 7 (April's 99 is after as-of)
        adopted: true,
        tenants_using: 3, // A, B (January), C (March)
        first_month: '2026-01',
        by_month: [
          { month: '2026-01', tenants: 2, usage_count: 15 },
          { month: '2026-02', tenants: 1, usage_count: 12 }, // B's 0 is not use
          { month: '2026-03', tenants: 1, usage_count: 7 },
        ],
      },
      {
        feature: 'chatbot',
        usage_count: 3,
        adopted: true,
        tenants_using: 1,
        first_month: '2026-02',
        by_month: [
          { month: '2026-01', tenants: 0, usage_count: 0 },
          { month: '2026-02', tenants: 1, usage_count: 3 },
          { month: '2026-03', tenants: 0, usage_count: 0 },
        ],
      },
      {
        feature: 'knowledge_base',
        usage_count: 0,
        adopted: false,
        tenants_using: 0,
        first_month: null,
        by_month: [
          { month: '2026-01', tenants: 0, usage_count: 0 },
          { month: '2026-02', tenants: 0, usage_count: 0 },
          { month: '2026-03', tenants: 0, usage_count: 0 },
        ],
      },
    ])
  })

  it('the tenant filter keeps that tenant’s usage; a range picks months', () => {
    const b = featureAdoption(ws.store, query({ asOf: AS_OF, tenants: [B] }))
    expect(b.tenant_total).toBe(1)
    expect(b.feature_adoption.map((f) => [f.feature, f.usage_count, f.tenants_using])).toEqual([
      ['sr_portal', 5, 1],
      ['knowledge_base', 0, 0], // B has a row for it; chatbot is C's alone
    ])
    const feb = featureAdoption(ws.store, query({ asOf: AS_OF, from: '2026-02-01', to: '2026-02-28' }))
    expect(feb.months).toEqual(['2026-02'])
    expect(feb.feature_adoption.map((f) => [f.feature, f.usage_count, f.tenants_using])).toEqual([
      // One tenant each: the tie on tenants is broken by usage, 12 before 3.
      ['sr_portal', 12, 1],
      ['chatbot', 3, 1],
      ['knowledge_base', 0, 0],
    ])
  })
})
