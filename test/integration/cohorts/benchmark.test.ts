// Tenant benchmark (SPEC §5) on a hand-worked fixture: quartiles (Excel QUARTILE.INC: h = (n − 1)·p,
// interpolated), competition ranks with ties, the minimum group, and anonymity.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { MIN_GROUP, tenantBenchmark } from '../../../src/main/core/analytics/cohorts/benchmark'
import { backlogOnIndexes } from '../../../src/main/core/analytics/cohorts/tenant-kpis'
import { CoreError } from '../../../src/main/core/errors'
import { backlog } from '../../../src/main/core/metrics/sr-metrics'
import type { BenchmarkMetricKey, BenchmarkResponse } from '../../../src/shared/ipc/types-cohorts'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from './run'

const A = '가람시청'
const B = '나래군청'
const C = '다온구청'
const D = '라온교육청'
const E = '마루공단' // first SR after as-of: not compared, never mentioned
const ALL = [A, B, C, D, E]
const AS_OF = '2026-03-18T15:00:00+09:00' // period: 2026-03-01 00:00 KST … as-of

const H = 3_600_000
const done = (
  tenant: string,
  created: string,
  hours: number,
  extra: { reassignmentCount?: number; reopenCount?: number } = {},
) => ({
  tenant,
  status: 'DONE' as const,
  created,
  resolved: new Date(Date.parse(created) + hours * H).toISOString(),
  ...extra,
})

const metric = (r: BenchmarkResponse, key: BenchmarkMetricKey) => r.metrics.find((m) => m.key === key)

const FIXTURE: Parameters<typeof addSrs>[1] = [
  // February (for the range test): A 3 h, B 5 h resolved; C one open since 02-10.
  done(A, '2026-02-02T09:00:00+09:00', 3),
  done(B, '2026-02-03T09:00:00+09:00', 5),
  { tenant: C, status: 'OPEN', created: '2026-02-10T09:00:00+09:00' },
  // March, P3 (24 h target).
  // A: 2 h first-contact, 6 h reassigned → MTTR 4, FCR 50 %, SLA 100 %, reopen 0 %; 1 open → backlog 1
  done(A, '2026-03-02T09:00:00+09:00', 2),
  done(A, '2026-03-05T09:00:00+09:00', 6, { reassignmentCount: 1 }),
  { tenant: A, status: 'OPEN', created: '2026-03-01T09:00:00+09:00' },
  // B: 4 h reopened once → MTTR 4 (tie with A), FCR 0 %, SLA 100 %, reopen 100 %; backlog 0
  done(B, '2026-03-03T09:00:00+09:00', 4, { reopenCount: 1 }),
  // C: 30 h (breach) and 10 h → MTTR 20, FCR 100 %, SLA 50 %, reopen 0 %;
  // backlog 2: the February open one and one in progress (the cancelled one is finished)
  done(C, '2026-03-02T09:00:00+09:00', 30),
  done(C, '2026-03-06T09:00:00+09:00', 10),
  { tenant: C, status: 'IN_PROGRESS', created: '2026-03-02T10:00:00+09:00' },
  {
    tenant: C,
    status: 'CANCELLED',
    created: '2026-03-03T09:00:00+09:00',
    closed: '2026-03-04T09:00:00+09:00',
  },
  // D: nothing resolved (no MTTR/FCR/SLA/reopen value); backlog 1 (the one after as-of does not count)
  { tenant: D, status: 'PENDING', created: '2026-03-10T09:00:00+09:00' },
  { tenant: D, status: 'OPEN', created: '2026-03-19T09:00:00+09:00' },
  { tenant: E, status: 'OPEN', created: '2026-03-20T09:00:00+09:00' },
]

describe('tenant benchmark', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    addSrs(ws, FIXTURE)
  })
  afterAll(() => ws.dispose())

  it('places the tenant in every KPI’s distribution with its rank of N', () => {
    const r = tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: [A] }))
    expect(r.tenant).toBe(A)
    expect(r.tenant_count).toBe(4) // A, B, C, D (E's first SR is after as-of)
    expect(r.period).toEqual({ start: '2026-03-01T00:00:00+09:00', end: '2026-03-18T15:00:00+09:00' })
    expect(metric(r, 'mttr')).toMatchObject({
      value: 4,
      // values 4 (A), 4 (B), 20 (C); lower is better; A and B tie for 1st
      rank: 1,
      n: 3,
      direction: 'LOWER_BETTER',
      // sorted 4, 4, 20: q1 h = 0.5 → 4; median h = 1 → 4; q3 h = 1.5 → 4 + 0.5·16 = 12
      distribution: { min: 4, q1: 4, median: 4, q3: 12, max: 20 },
      suppressed: false,
    })
    expect(metric(r, 'fcr')).toMatchObject({
      value: 50,
      rank: 2, // 100 (C), 50 (A), 0 (B)
      n: 3,
      // sorted 0, 50, 100: q1 = 0 + 0.5·50 = 25, median 50, q3 = 50 + 0.5·50 = 75
      distribution: { min: 0, q1: 25, median: 50, q3: 75, max: 100 },
    })
    expect(metric(r, 'sla')).toMatchObject({
      value: 100,
      rank: 1, // tie with B
      distribution: { min: 50, q1: 75, median: 100, q3: 100, max: 100 },
    })
    expect(metric(r, 'backlog')).toMatchObject({
      value: 1,
      // B 0, A 1, D 1, C 2: A and D share rank 2, C is 4th
      rank: 2,
      n: 4,
      // sorted 0, 1, 1, 2: q1 h = 0.75 → 0.75 → 0.8; median h = 1.5 → 1; q3 h = 2.25 → 1.25 → 1.3
      distribution: { min: 0, q1: 0.8, median: 1, q3: 1.3, max: 2 },
    })
    expect(metric(r, 'reopen')).toMatchObject({ value: 0, rank: 1, n: 3 }) // A 0, C 0, B 100
  })

  it('ranks ties alike and puts the next one after them (competition ranking)', () => {
    const c = tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: [C] }))
    expect(metric(c, 'backlog')).toMatchObject({ value: 2, rank: 4 })
    expect(metric(c, 'mttr')).toMatchObject({ value: 20, rank: 3 })
    const d = tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: [D] }))
    // D resolved nothing: no value and no rank, but it is still counted for backlog.
    expect(metric(d, 'mttr')).toMatchObject({ value: null, rank: null, n: 3 })
    expect(metric(d, 'backlog')).toMatchObject({ value: 1, rank: 2 })
  })

  it('names the chosen tenant only: no other tenant appears anywhere in the answer', () => {
    for (const tenant of ALL) {
      const json = JSON.stringify(tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: [tenant] })))
      expect(json).toContain(tenant)
      for (const other of ALL.filter((t) => t !== tenant)) expect(json).not.toContain(other)
    }
    const none = JSON.stringify(tenantBenchmark(ws.store, query({ asOf: AS_OF })))
    for (const t of ALL) expect(none).not.toContain(t)
  })

  it(`withholds a distribution of fewer than ${MIN_GROUP} tenants`, () => {
    const r = tenantBenchmark(
      ws.store,
      query({ asOf: AS_OF, tenants: [A], from: '2026-02-01', to: '2026-02-28' }),
    )
    // February: only A (3 h) and B (5 h) resolved anything → n = 2 < 3: box withheld, rank still given.
    expect(metric(r, 'mttr')).toMatchObject({ value: 3, rank: 1, n: 2, distribution: null, suppressed: true })
    // Backlog at 02-28 23:59:59.999 KST: A 0, B 0, C 1 (D and E had no SR yet) → 3 tenants, shown.
    expect(r.tenant_count).toBe(3)
    expect(r.backlog_at).toBe('2026-02-28T23:59:59.999+09:00')
    expect(metric(r, 'backlog')).toMatchObject({ value: 0, rank: 1, n: 3, suppressed: false })
  })

  it('refuses several tenants or an unknown one', () => {
    expect(() => tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: [A, B] }))).toThrow(CoreError)
    expect(() => tenantBenchmark(ws.store, query({ asOf: AS_OF, tenants: ['없는기관'] }))).toThrow(
      /Unknown tenant/,
    )
  })
})

describe('benchmark backlog', () => {
  it('counts backlog on indexes exactly as the metrics module defines it', () => {
    // Extra shapes: reopened and back in progress, resolved without a source resolved_at (derived from
    // updated_at), cancelled later than created.
    const ws = tempWorkspace()
    onTestFinished(() => ws.dispose())
    addSrs(ws, FIXTURE)
    addSrs(ws, [
      { tenant: D, status: 'IN_PROGRESS', created: '2026-02-01T09:00:00+09:00', reopenCount: 1 },
      {
        tenant: D,
        status: 'RESOLVED',
        created: '2026-02-02T09:00:00+09:00',
        updated: '2026-03-09T09:00:00+09:00',
      },
      {
        tenant: B,
        status: 'CANCELLED',
        created: '2026-02-05T09:00:00+09:00',
        closed: '2026-03-12T09:00:00+09:00',
      },
    ])
    const ids = ws.store.sqlite.prepare('SELECT id, name FROM tenants').all() as {
      id: number
      name: string
    }[]
    const instants = [
      '2026-02-01T09:00:00+09:00',
      '2026-02-28T23:59:59+09:00',
      '2026-03-09T09:00:00+09:00',
      AS_OF,
    ]
    let nonZero = 0
    for (const iso of instants) {
      const t = Date.parse(iso)
      for (const { id, name } of ids) {
        const expected = backlog(ws.store, t, { tenants: [name] })
        expect(backlogOnIndexes(ws.store, id, t), `${name} at ${iso}`).toBe(expected)
        if (expected > 0) nonZero++
      }
    }
    expect(nonZero).toBeGreaterThan(5)
  })
})
