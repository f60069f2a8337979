import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  insertSrEvents,
  upsertServiceRequests,
} from '../../../src/main/core/db/repositories/service-requests'
import { rejudgeServiceRequests } from '../../../src/main/core/metrics/rejudge'
import {
  insertPolicyVersion,
  DEFAULT_TARGETS,
  setBusinessHours,
  upsertHolidays,
} from '../../../src/main/core/metrics/sla-policy'
import { DEFAULT_WEEK } from '../../../src/main/core/metrics/calendar'
import { resolvedWithMttr } from '../../../src/main/core/metrics/sr-metrics'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const H = 3_600_000
const ZONE = 'Asia/Seoul'
const at = (iso: string): number => Date.parse(iso)
type Judged = { mttr: number | null; target: number | null; elapsed: number | null; met: number | null }

describe('per-SR SLA judgement written with the SR', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  const judged = (title: string): Judged =>
    ws.store.sqlite
      .prepare(
        'SELECT mttr_ms AS mttr, sla_target_ms AS target, sla_elapsed_ms AS elapsed, sla_met AS met FROM service_requests WHERE title = ?',
      )
      .get(title) as Judged

  it('uses the 24x7 default (P1 4 h … P4 72 h) when no policy is stored', () => {
    addSrs(ws, [
      // 3 h ≤ 4 h: met.
      {
        title: 'p1-ok',
        tenant: 'A',
        priority: 'P1',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T12:00:00+09:00',
      },
      // 5 h > 4 h: breached.
      {
        title: 'p1-late',
        tenant: 'A',
        priority: 'P1',
        status: 'DONE',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T14:00:00+09:00',
      },
      // Exactly 72 h on a P4: met (≤).
      {
        title: 'p4-edge',
        tenant: 'A',
        priority: 'P4',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-05T09:00:00+09:00',
      },
      { title: 'open', tenant: 'A', priority: 'P2', status: 'OPEN', created: '2026-03-02T09:00:00+09:00' },
      {
        title: 'cancelled',
        tenant: 'A',
        priority: 'P3',
        status: 'CANCELLED',
        created: '2026-03-02T09:00:00+09:00',
        closed: '2026-03-03T09:00:00+09:00',
      },
    ])
    expect(judged('p1-ok')).toEqual({ mttr: 3 * H, target: 4 * H, elapsed: 3 * H, met: 1 })
    expect(judged('p1-late')).toEqual({ mttr: 5 * H, target: 4 * H, elapsed: 5 * H, met: 0 })
    expect(judged('p4-edge')).toEqual({ mttr: 72 * H, target: 72 * H, elapsed: 72 * H, met: 1 })
    // Not resolved: the target is known, the rest stays null.
    expect(judged('open')).toEqual({ mttr: null, target: 8 * H, elapsed: null, met: null })
    expect(judged('cancelled')).toEqual({ mttr: null, target: 24 * H, elapsed: null, met: null })
  })

  it('pauses the SLA clock (not MTTR) while PENDING, from status events', () => {
    addSrs(ws, [
      {
        title: 'paused',
        tenant: 'A',
        priority: 'P2',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T18:30:00+09:00',
        events: [
          {
            at: at('2026-03-02T09:30:00+09:00'),
            kind: 'status',
            fromStatus: 'OPEN',
            toStatus: 'IN_PROGRESS',
          },
          {
            at: at('2026-03-02T10:00:00+09:00'),
            kind: 'status',
            fromStatus: 'IN_PROGRESS',
            toStatus: 'PENDING',
          },
          {
            at: at('2026-03-02T14:00:00+09:00'),
            kind: 'status',
            fromStatus: 'PENDING',
            toStatus: 'IN_PROGRESS',
          },
          {
            at: at('2026-03-02T18:30:00+09:00'),
            kind: 'status',
            fromStatus: 'IN_PROGRESS',
            toStatus: 'RESOLVED',
          },
          // A reopen into PENDING after the first resolution does not count.
          {
            at: at('2026-03-03T09:00:00+09:00'),
            kind: 'status',
            fromStatus: 'RESOLVED',
            toStatus: 'PENDING',
          },
        ],
      },
      // Same timings without events: 9.5 h > 8 h, breached.
      {
        title: 'no-events',
        tenant: 'A',
        priority: 'P2',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T18:30:00+09:00',
      },
    ])
    // 09:00 → 18:30 = 9.5 h; PENDING 10:00 → 14:00 = 4 h; 9.5 − 4 = 5.5 h ≤ 8 h.
    expect(judged('paused')).toEqual({ mttr: 9.5 * H, target: 8 * H, elapsed: 5.5 * H, met: 1 })
    expect(judged('no-events')).toEqual({ mttr: 9.5 * H, target: 8 * H, elapsed: 9.5 * H, met: 0 })
  })

  it('re-judges when events arrive later (insertSrEvents) or the SR is updated without events', () => {
    addSrs(ws, [
      {
        source: 'late',
        sourceId: 'X-1',
        title: 'late-events',
        tenant: 'A',
        priority: 'P2',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T18:30:00+09:00',
      },
    ])
    expect(judged('late-events').met).toBe(0)
    insertSrEvents(ws.store, [
      {
        source: 'late',
        sourceId: 'X-1',
        at: at('2026-03-02T10:00:00+09:00'),
        kind: 'status',
        fromStatus: 'IN_PROGRESS',
        toStatus: 'PENDING',
      },
      {
        source: 'late',
        sourceId: 'X-1',
        at: at('2026-03-02T14:00:00+09:00'),
        kind: 'status',
        fromStatus: 'PENDING',
        toStatus: 'IN_PROGRESS',
      },
    ])
    // 9.5 h − 4 h PENDING = 5.5 h.
    expect(judged('late-events')).toEqual({ mttr: 9.5 * H, target: 8 * H, elapsed: 5.5 * H, met: 1 })
    // A later sync page without events keeps using the stored history.
    upsertServiceRequests(ws.store, [
      {
        source: 'late',
        sourceId: 'X-1',
        title: 'late-events',
        tenant: 'A',
        priority: 'P2',
        status: 'DONE',
        createdAt: at('2026-03-02T09:00:00+09:00'),
        resolvedAt: at('2026-03-02T18:30:00+09:00'),
        updatedAt: at('2026-03-04T09:00:00+09:00'),
      },
    ])
    expect(judged('late-events').elapsed).toBe(5.5 * H)
  })

  it('applies category overrides, the (category, priority) one before the category-wide one', () => {
    insertPolicyVersion(
      ws.store,
      {
        effectiveFrom: at('2026-01-01T00:00:00+09:00'),
        calendar: '24x7',
        targets: DEFAULT_TARGETS,
        overrides: [
          { category: '네트워크', priority: null, hours: 2 },
          { category: '네트워크', priority: 'P1', hours: 1 },
        ],
        pauseOnPending: true,
      },
      { now: at('2026-01-01T00:00:00Z'), zone: ZONE, changedBy: null },
    )
    addSrs(ws, [
      {
        title: 'net-p1',
        category: '네트워크',
        tenant: 'A',
        priority: 'P1',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T10:30:00+09:00',
      },
      {
        title: 'net-p3',
        category: '네트워크',
        tenant: 'A',
        priority: 'P3',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T10:30:00+09:00',
      },
      {
        title: 'db-p3',
        category: 'DB',
        tenant: 'A',
        priority: 'P3',
        status: 'RESOLVED',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T10:30:00+09:00',
      },
    ])
    // 1.5 h each: > 1 h (network P1), ≤ 2 h (network, any priority), ≤ 24 h (P3 default).
    expect(judged('net-p1')).toMatchObject({ target: 1 * H, met: 0 })
    expect(judged('net-p3')).toMatchObject({ target: 2 * H, met: 1 })
    expect(judged('db-p3')).toMatchObject({ target: 24 * H, met: 1 })
  })

  it('judges an SR by the version in force at its created_at, not a later one', async () => {
    const save = (effective: string, p3: number) =>
      insertPolicyVersion(
        ws.store,
        {
          effectiveFrom: at(effective),
          calendar: '24x7',
          targets: { ...DEFAULT_TARGETS, P3: p3 },
          overrides: [],
          pauseOnPending: true,
        },
        { now: at('2026-05-01T00:00:00Z'), zone: ZONE, changedBy: 'admin' },
      )
    expect(save('2026-03-01T00:00:00+09:00', 12)).toBe(1)
    addSrs(ws, [
      // Created before version 1: built-in default P3 24 h; 20 h → met.
      {
        title: 'before',
        tenant: 'A',
        priority: 'P3',
        status: 'RESOLVED',
        created: '2026-02-28T09:00:00+09:00',
        resolved: '2026-03-01T05:00:00+09:00',
      },
      // Created exactly at version 1's effective instant: 12 h; 20 h → breached.
      {
        title: 'at-v1',
        tenant: 'A',
        priority: 'P3',
        status: 'RESOLVED',
        created: '2026-03-01T00:00:00+09:00',
        resolved: '2026-03-01T20:00:00+09:00',
      },
    ])
    expect(judged('before')).toMatchObject({ target: 24 * H, met: 1 })
    expect(judged('at-v1')).toMatchObject({ target: 12 * H, met: 0 })
    // Version 2 from April (48 h) does not touch SRs created in March, even after a full re-judge.
    expect(save('2026-04-01T00:00:00+09:00', 48)).toBe(2)
    const progress: number[] = []
    const r = await rejudgeServiceRequests(ws.store, {
      chunkSize: 1,
      onProgress: (p) => progress.push(p.done),
    })
    expect(r.judged).toBe(2)
    expect(r.changed).toBe(0)
    expect(progress).toEqual([0, 1, 2])
    expect(judged('at-v1')).toMatchObject({ target: 12 * H, met: 0 })
    // A version 3 back-dated to February re-judges both.
    save('2026-02-01T00:00:00+09:00', 30)
    expect((await rejudgeServiceRequests(ws.store)).changed).toBe(1) // 'before': 24 h → 30 h; 'at-v1' stays on v1 (later date)
    expect(judged('before')).toMatchObject({ target: 30 * H, met: 1 })
  })

  it('uses business hours for MTTR and SLA when the policy says so, with holidays', async () => {
    addSrs(ws, [
      // Fri 02-27 17:00 → Tue 03-03 10:00 KST.
      {
        title: 'weekend',
        tenant: 'A',
        priority: 'P1',
        status: 'RESOLVED',
        created: '2026-02-27T17:00:00+09:00',
        resolved: '2026-03-03T10:00:00+09:00',
      },
    ])
    // 24x7: 3 days 17 h = 89 h.
    expect(judged('weekend')).toMatchObject({ mttr: 89 * H, met: 0 })
    insertPolicyVersion(
      ws.store,
      {
        effectiveFrom: at('2026-01-01T00:00:00+09:00'),
        calendar: 'business',
        targets: DEFAULT_TARGETS,
        overrides: [],
        pauseOnPending: true,
      },
      { now: at('2026-01-01T00:00:00Z'), zone: ZONE, changedBy: null },
    )
    await rejudgeServiceRequests(ws.store)
    // Mon–Fri 09–18: Fri 1 h + Mon 9 h + Tue 1 h = 11 h > 4 h.
    expect(judged('weekend')).toEqual({ mttr: 11 * H, target: 4 * H, elapsed: 11 * H, met: 0 })
    upsertHolidays(ws.store, [{ day: '2026-03-02', name: '대체공휴일' }], 'manual', { zone: ZONE, now: 0 })
    await rejudgeServiceRequests(ws.store)
    // Monday a holiday: 1 h + 1 h = 2 h ≤ 4 h.
    expect(judged('weekend')).toEqual({ mttr: 2 * H, target: 4 * H, elapsed: 2 * H, met: 1 })
    // Opening 08:00–18:00 adds Tuesday 08–09: 3 h.
    setBusinessHours(
      ws.store,
      DEFAULT_WEEK.map((d) => d.map(([, e]) => [480, e] as const)),
      ZONE,
      0,
    )
    await rejudgeServiceRequests(ws.store)
    expect(judged('weekend').mttr).toBe(3 * H)
  })
})

describe('overview MTTR follows the policy clock', () => {
  it('reads business-hours mttr_ms once a version uses business hours', async () => {
    const ws = tempWorkspace()
    try {
      // Fri 02-27 17:00 → Tue 03-03 10:00 KST: 89 h on the calendar.
      addSrs(ws, [
        {
          title: 'x',
          tenant: 'A',
          priority: 'P1',
          status: 'DONE',
          created: '2026-02-27T17:00:00+09:00',
          resolved: '2026-03-03T10:00:00+09:00',
        },
      ])
      const march = { start: at('2026-03-01T00:00:00+09:00'), end: at('2026-04-01T00:00:00+09:00') }
      expect(resolvedWithMttr(ws.store, march).mttr.value).toBe(89)
      insertPolicyVersion(
        ws.store,
        {
          effectiveFrom: at('2026-01-01T00:00:00+09:00'),
          calendar: 'business',
          targets: DEFAULT_TARGETS,
          overrides: [],
          pauseOnPending: true,
        },
        { now: 0, zone: ZONE, changedBy: null },
      )
      await rejudgeServiceRequests(ws.store)
      // Fri 1 h + Mon 9 h + Tue 1 h = 11 h.
      expect(resolvedWithMttr(ws.store, march).mttr.value).toBe(11)
    } finally {
      ws.dispose()
    }
  })
})
