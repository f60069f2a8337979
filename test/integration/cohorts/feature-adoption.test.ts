// Feature adoption (SPEC §5) from the feature-usage feed, on a hand-worked fixture.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { featureAdoption } from '../../../src/main/core/analytics/cohorts/feature-adoption'
import { upsertFeatureUsage } from '../../../src/main/core/db/repositories/ops-feeds'
import { ensureTenants } from '../../../src/main/core/db/repositories/tenants'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '서울특별시청'
const B = '부산광역시청'
const C = '대구광역시청'
const AS_OF = '2026-03-18T15:00:00+09:00' // as-of month 2026-03
const ITSM = 'itsm:prod'

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
      { source: ITSM, tenant: A, feature: 'sr_portal', month: '2026-01', count: 10 },
      { source: ITSM, tenant: B, feature: 'sr_portal', month: '2026-01', count: 5 },
      { source: ITSM, tenant: A, feature: 'sr_portal', month: '2026-02', count: 12 },
      { source: ITSM, tenant: B, feature: 'sr_portal', month: '2026-02', count: 0 }, // a zero is not use
      { source: ITSM, tenant: C, feature: 'sr_portal', month: '2026-03', count: 7 },
      { source: ITSM, tenant: A, feature: 'sr_portal', month: '2026-04', count: 99 }, // after the as-of month
      { source: ITSM, tenant: C, feature: 'chatbot', month: '2026-02', count: 3 },
      { source: ITSM, tenant: B, feature: 'knowledge_base', month: '2026-03', count: 0 },
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

// Two ITSM connections may report usage for the same tenant name (two servers serving overlapping
// agencies). Each keeps its own count; the cohort adds them up and counts the tenant once. Counts stored
// before usage had a source (source '') stay until a source sends their tenant, feature and month.
describe('feature usage from several sources', () => {
  const NORTH = 'itsm:north'
  const SOUTH = 'itsm:south'
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
    ensureTenants(
      ws.store,
      [A, B].map((name) => ({ name, createdAt: Date.parse('2025-12-01T00:00:00+09:00') })),
    )
  })
  afterEach(() => ws.dispose())

  /** The stored rows of one tenant, feature and month: source and count, by source. */
  const stored = (tenant: string, feature: string, month: string) =>
    ws.store.sqlite
      .prepare(
        `SELECT f.source, f.count FROM feature_usage f JOIN tenants t ON t.id = f.tenant_id
         WHERE t.name = ? AND f.feature = ? AND f.month = ? ORDER BY f.source`,
      )
      .all(tenant, feature, month)
  /** A row stored by an earlier version, before usage had a source. */
  const legacy = (tenant: string, feature: string, month: string, count: number) =>
    ws.store.sqlite
      .prepare(
        `INSERT INTO feature_usage (source, tenant_id, feature, month, count)
         VALUES ('', (SELECT id FROM tenants WHERE name = ?), ?, ?, ?)`,
      )
      .run(tenant, feature, month, count)
  const portal = () => {
    const r = featureAdoption(ws.store, query({ asOf: AS_OF, from: '2026-01-01', to: '2026-02-28' }))
    return r.feature_adoption.find((f) => f.feature === 'sr_portal')
  }

  it('keeps both counts of a tenant two sources report; the cohort sums usage and counts the tenant once', () => {
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 10 },
    ])
    upsertFeatureUsage(ws.store, [
      { source: SOUTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 4 },
      { source: SOUTH, tenant: B, feature: 'sr_portal', month: '2026-01', count: 3 },
    ])
    expect(stored(A, 'sr_portal', '2026-01')).toEqual([
      { source: NORTH, count: 10 },
      { source: SOUTH, count: 4 },
    ])
    expect(portal()).toEqual({
      feature: 'sr_portal',
      usage_count: 17, // A: 10 (north) + 4 (south), B: 3
      adopted: true,
      tenants_using: 2, // A and B
      first_month: '2026-01',
      by_month: [
        { month: '2026-01', tenants: 2, usage_count: 17 }, // A once, though two sources report it
        { month: '2026-02', tenants: 0, usage_count: 0 },
      ],
    })
    const onlyA = featureAdoption(
      ws.store,
      query({ asOf: AS_OF, from: '2026-01-01', to: '2026-01-31', tenants: [A] }),
    )
    expect(onlyA.feature_adoption[0]?.by_month).toEqual([{ month: '2026-01', tenants: 1, usage_count: 14 }])
  })

  it('a source sending a month again replaces only its own count', () => {
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 10 },
    ])
    upsertFeatureUsage(ws.store, [
      { source: SOUTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 4 },
    ])
    // The running month grew at north: it is served again with the new count.
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 25 },
    ])
    expect(stored(A, 'sr_portal', '2026-01')).toEqual([
      { source: NORTH, count: 25 },
      { source: SOUTH, count: 4 },
    ])
    expect(portal()?.by_month[0]).toEqual({ month: '2026-01', tenants: 1, usage_count: 29 }) // 25 + 4
  })

  it('a count stored before usage had a source is replaced by a source sending its key; other such counts stay', () => {
    legacy(A, 'sr_portal', '2026-01', 8)
    legacy(A, 'sr_portal', '2026-02', 6)
    legacy(B, 'sr_portal', '2026-01', 5)
    upsertFeatureUsage(ws.store, [
      { source: NORTH, tenant: A, feature: 'sr_portal', month: '2026-01', count: 9 },
    ])
    expect(stored(A, 'sr_portal', '2026-01')).toEqual([{ source: NORTH, count: 9 }]) // not 8 + 9
    expect(stored(A, 'sr_portal', '2026-02')).toEqual([{ source: '', count: 6 }])
    expect(stored(B, 'sr_portal', '2026-01')).toEqual([{ source: '', count: 5 }])
    expect(portal()).toEqual({
      feature: 'sr_portal',
      usage_count: 20, // January: A 9 (north) + B 5 (legacy); February: A 6 (legacy)
      adopted: true,
      tenants_using: 2,
      first_month: '2026-01',
      by_month: [
        { month: '2026-01', tenants: 2, usage_count: 14 },
        { month: '2026-02', tenants: 1, usage_count: 6 },
      ],
    })
  })
})
