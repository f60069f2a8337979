// The rollup path and the base-row path give identical widget responses and overview cards: on
// seeded random data, after edits through the writer (incremental deltas, no rebuild), events that
// re-derive resolved_at, stale re-syncs, a zone change (rebuild) and untracked writes (guard
// triggers → rebuild).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { overview } from '../../../src/main/core/analytics/overview'
import { resolveQuery } from '../../../src/main/core/analytics/query'
import type { CountSource } from '../../../src/main/core/analytics/widgets/aggregate'
import { categoryPie } from '../../../src/main/core/analytics/widgets/category-pie'
import { engineerLoad } from '../../../src/main/core/analytics/widgets/engineer-load'
import { mttrTrend } from '../../../src/main/core/analytics/widgets/mttr-trend'
import { resolutionFunnel } from '../../../src/main/core/analytics/widgets/resolution-funnel'
import { slaHeatmap } from '../../../src/main/core/analytics/widgets/sla-heatmap'
import { srTrend } from '../../../src/main/core/analytics/widgets/sr-trend'
import {
  insertSrEvents,
  upsertServiceRequests,
  type SrInput,
} from '../../../src/main/core/db/repositories/service-requests'
import { createRng, type Rng } from '../../../src/main/core/demo/prng'
import { ensureRollups, readRollupState } from '../../../src/main/core/rollups/rollups'
import { PRIORITIES, SR_STATUSES } from '../../../src/shared/domain'
import type { BiFilter } from '../../../src/shared/ipc/contract'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const HOUR = 3_600_000
const T0 = Date.parse('2026-01-01T00:00:00Z')
const SPAN = 120 * 24 * HOUR
const TENANTS = ['기관 가', '기관 나', '기관 다']
const CATEGORIES = ['Network', 'Server', 'Account', 'Printer', null]
const ENGINEERS = ['김', '이', '박', '최', '정', null]

function randomSr(rng: Rng, i: number, version: number): SrInput {
  const status = rng.pick(SR_STATUSES)
  const createdAt = T0 + Math.floor(rng.next() * SPAN)
  const resolvedLike = status === 'RESOLVED' || status === 'DONE'
  // Some resolved SRs come without resolved_at (derived from closed_at or updated_at).
  const resolvedAt = resolvedLike && rng.chance(0.8) ? createdAt + Math.floor(rng.next() * 100 * HOUR) : null
  const closedAt =
    status === 'CANCELLED' || (resolvedLike && rng.chance(0.5))
      ? createdAt + Math.floor(rng.next() * 120 * HOUR)
      : null
  return {
    source: 'eq',
    sourceId: `SR-${i}`,
    tenant: rng.pick(TENANTS),
    title: `SR ${i}`,
    category: rng.pick(CATEGORIES),
    priority: rng.pick(PRIORITIES),
    status,
    assignee: rng.pick(ENGINEERS),
    createdAt,
    resolvedAt,
    closedAt,
    updatedAt: createdAt + 200 * HOUR + version,
  }
}

// As-of instants: mid-day (the partial day comes from the base rows), and another one earlier.
const FILTERS: BiFilter[] = [
  { asOf: '2026-03-18T15:30:00' },
  { asOf: '2026-02-10T08:00:00', tenants: ['기관 나'] },
  { asOf: '2026-04-30T23:00:00', from: '2026-01-01', to: '2026-04-30' },
  { asOf: '2026-03-08T12:00:00', from: '2026-03-01', to: '2026-03-31', tenants: ['기관 가', '기관 다'] },
]

function allWidgets(src: CountSource, filter: BiFilter, zone: string) {
  const q = resolveQuery(
    { ...filter, timeZone: zone },
    { now: () => 0, settings: () => ({ timeZone: zone, language: 'ko' }) },
  )
  const s = { ...src, zone, tenants: q.tenants }
  return {
    daily: srTrend(s, q, 'daily'),
    weekly: srTrend(s, q, 'weekly'),
    monthly: srTrend(s, q, 'monthly'),
    heatmap: slaHeatmap(s, q),
    load: engineerLoad(s, q),
    pie: categoryPie(s, q),
    funnel: resolutionFunnel(s, q),
    mttr: mttrTrend(s, q, 5),
    // The overview cards: resolved this month / last month / this week and MTTR (rows: the metrics
    // module's resolved(P) and MTTR(P)).
    cards: overview(s.store, q, s.rollups).cards,
  }
}

describe('rollups give the same answers as the SR rows', () => {
  let ws: TempWorkspace
  const rng = createRng(20260318)
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  const expectSame = (zone: string) => {
    // The rollups must be trustworthy for this zone without a rebuild in between.
    expect(readRollupState(ws.store.sqlite)).toMatchObject({ zone, stale: false })
    let nonZero = 0
    let resolvedCards = 0
    for (const filter of FILTERS) {
      const viaRollups = allWidgets({ store: ws.store, zone, tenants: null, rollups: true }, filter, zone)
      const viaRows = allWidgets({ store: ws.store, zone, tenants: null, rollups: false }, filter, zone)
      expect(viaRollups).toEqual(viaRows)
      nonZero += viaRows.pie.total
      for (const c of viaRows.cards)
        if (c.key === 'done_month' || c.key === 'done_week') resolvedCards += c.value ?? 0
    }
    // The comparison is about real counts, not empty responses.
    expect(nonZero).toBeGreaterThan(100)
    expect(resolvedCards).toBeGreaterThan(20)
  }

  it('through inserts, edits, events, stale re-syncs, a zone change and untracked writes', () => {
    const NY = 'America/New_York'
    upsertServiceRequests(ws.store, [randomSr(rng, 0, 0)])
    // First use in the workspace zone builds the rollups; every write after that is tracked.
    expect(ensureRollups(ws.store, NY, NY)).toBe(true)
    upsertServiceRequests(
      ws.store,
      Array.from({ length: 800 }, (_, i) => randomSr(rng, i + 1, 0)),
    )
    expectSame(NY)

    // A re-sync that changes status, tenant, category, assignee, created/resolved instants.
    upsertServiceRequests(
      ws.store,
      Array.from({ length: 300 }, () => {
        const i = rng.int(0, 800)
        return randomSr(rng, i, 1000 + rng.int(0, 10_000))
      }),
    )
    expectSame(NY)

    // Events resolve some open SRs (resolved_at re-derived by insertSrEvents).
    insertSrEvents(
      ws.store,
      Array.from({ length: 60 }, (_, k) => ({
        source: 'eq',
        sourceId: `SR-${k * 7}`,
        at: T0 + Math.floor(rng.next() * SPAN),
        kind: 'status' as const,
        toStatus: 'RESOLVED' as const,
      })),
    )
    expectSame(NY)

    // A stale re-sync (older updated_at) is skipped and changes nothing.
    upsertServiceRequests(ws.store, [{ ...randomSr(rng, 5, 0), updatedAt: 1 }])
    expectSame(NY)

    // The workspace zone changes: the first request in the new zone rebuilds.
    const SEOUL = 'Asia/Seoul'
    // A one-off request in a zone that is neither: counted from the rows, no rebuild.
    expect(ensureRollups(ws.store, 'Europe/London', SEOUL)).toBe(false)
    expect(readRollupState(ws.store.sqlite).zone).toBe(NY)
    expect(ensureRollups(ws.store, SEOUL, SEOUL)).toBe(true)
    expectSame(SEOUL)
    upsertServiceRequests(
      ws.store,
      Array.from({ length: 100 }, (_, i) => randomSr(rng, 900 + i, 0)),
    )
    expectSame(SEOUL)

    // Writes that bypass the writer mark the rollups stale; the next request rebuilds them.
    ws.store.sqlite.prepare("UPDATE service_requests SET status = 'DONE' WHERE id % 5 = 0").run()
    expect(readRollupState(ws.store.sqlite).stale).toBe(true)
    ensureRollups(ws.store, SEOUL, SEOUL)
    expectSame(SEOUL)
    ws.store.sqlite.prepare('DELETE FROM service_requests WHERE id % 7 = 0').run()
    expect(readRollupState(ws.store.sqlite).stale).toBe(true)
    ensureRollups(ws.store, SEOUL, SEOUL)
    expectSame(SEOUL)
  })

  it('an untouched column (title) does not mark the rollups stale', () => {
    upsertServiceRequests(ws.store, [randomSr(rng, 1, 0)])
    ensureRollups(ws.store, 'Asia/Seoul', 'Asia/Seoul')
    ws.store.sqlite.prepare("UPDATE service_requests SET title = 'x'").run()
    expect(readRollupState(ws.store.sqlite).stale).toBe(false)
  })
})
