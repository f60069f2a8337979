import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getWatermark, getWorkspaceKind } from '../../../src/main/core/db/meta'
import {
  countServiceRequests,
  upsertServiceRequests,
} from '../../../src/main/core/db/repositories/service-requests'
import { upsertFeatureUsage } from '../../../src/main/core/db/repositories/ops-feeds'
import { generateDemoWorkspace, type DemoProgress } from '../../../src/main/core/demo/generate'
import type { DemoResult } from '../../../src/shared/ipc/types'
import { tempStore, type TempStore } from '../db/temp-store'

const ZONE = 'Asia/Seoul'
const AS_OF = Date.parse('2026-03-18T15:30:00+09:00')

type Sr = {
  id: number
  status: string
  priority: string
  created_at: number
  first_response_at: number | null
  resolved_at: number | null
  resolved_at_source: number | null
  closed_at: number | null
  finished_at: number | null
  updated_at: number
  reassignment_count: number
  reopen_count: number
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

describe('generateDemoWorkspace (default size)', () => {
  let t: TempStore
  let result: DemoResult
  const progress: DemoProgress[] = []
  let srs: Sr[]

  beforeAll(() => {
    t = tempStore('ops-demo-')
    result = generateDemoWorkspace(t.store, { asOf: AS_OF, onProgress: (p) => progress.push(p) })
    srs = t.store.sqlite.prepare('SELECT * FROM service_requests').all() as Sr[]
  })
  afterAll(() => t.dispose())

  it('writes the default 30,000 SRs and reports progress up to the total', () => {
    expect(result.srCount).toBe(30_000)
    expect(countServiceRequests(t.store)).toBe(30_000)
    expect(result.tenantCount).toBe(
      (t.store.sqlite.prepare('SELECT COUNT(*) AS n FROM tenants').get() as { n: number }).n,
    )
    expect(result.peopleCount).toBe(
      (t.store.sqlite.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n,
    )
    expect(result.videoCount).toBe(
      (t.store.sqlite.prepare('SELECT COUNT(*) AS n FROM yt_videos').get() as { n: number }).n,
    )
    expect(result.tenantCount).toBeGreaterThanOrEqual(6)
    expect(result.videoCount).toBeGreaterThanOrEqual(100)
    const srProgress = progress.filter((p) => p.stage === 'service-requests')
    expect(srProgress.length).toBeGreaterThan(1)
    expect(srProgress.at(-1)).toEqual({ done: 30_000, total: 30_000, stage: 'service-requests' })
    expect(progress.at(-1)?.stage).toBe('done')
  })

  it('marks the workspace as demo with the watermark at as-of', () => {
    expect(getWatermark(t.store)).toBe(AS_OF)
    expect(getWorkspaceKind(t.store)).toBe('demo')
    expect(t.store.sqlite.prepare('SELECT name, kind FROM sources').all()).toEqual([
      { name: 'demo', kind: 'demo' },
    ])
    expect(t.store.sqlite.prepare('SELECT COUNT(*) AS n FROM yt_channels WHERE selected = 1').get()).toEqual({
      n: 1,
    })
  })

  it('lets nothing happen after as-of', () => {
    const db = t.store.sqlite
    const maxOf = (sql: string) => (db.prepare(sql).get() as { m: number | null }).m
    for (const col of [
      'created_at',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'finished_at',
      'updated_at',
    ]) {
      expect(maxOf(`SELECT MAX(${col}) AS m FROM service_requests`), col).toBeLessThanOrEqual(AS_OF)
    }
    expect(maxOf('SELECT MAX(at) AS m FROM sr_events')).toBeLessThanOrEqual(AS_OF)
    expect(maxOf('SELECT MAX(created_at) AS m FROM deployments')).toBeLessThanOrEqual(AS_OF)
    expect(maxOf('SELECT MAX(finished_at) AS m FROM deployments')).toBeLessThanOrEqual(AS_OF)
    expect(maxOf('SELECT MAX(last_active_at) AS m FROM people')).toBeLessThanOrEqual(AS_OF)
    expect(maxOf('SELECT MAX(created_at) AS m FROM people')).toBeLessThanOrEqual(AS_OF)
    expect(maxOf('SELECT MAX(published_at) AS m FROM yt_videos')).toBeLessThanOrEqual(AS_OF)
    const asOfDay = DateTime.fromMillis(AS_OF, { zone: ZONE }).toFormat('yyyy-MM-dd')
    const lastDay = (db.prepare('SELECT MAX(day) AS d FROM yt_channel_daily').get() as { d: string }).d
    expect(lastDay <= asOfDay).toBe(true)
    const lastMonth = (db.prepare('SELECT MAX(month) AS m FROM feature_usage').get() as { m: string }).m
    expect(lastMonth).toBe(asOfDay.slice(0, 7))
    // The demo's usage carries the demo's source, as its SRs and deployments do.
    expect(db.prepare('SELECT DISTINCT source FROM feature_usage').pluck().all()).toEqual(['demo'])
  })

  it('gives resolved-like SRs a resolved_at at or after creation and open-like ones none', () => {
    let resolvedLike = 0
    let openLike = 0
    for (const s of srs) {
      if (s.status === 'RESOLVED' || s.status === 'DONE') {
        resolvedLike++
        expect(s.resolved_at).not.toBeNull()
        expect(s.resolved_at!).toBeGreaterThanOrEqual(s.created_at)
        expect(s.finished_at).toBe(s.resolved_at)
        if (s.status === 'DONE') expect(s.closed_at!).toBeGreaterThanOrEqual(s.resolved_at!)
      } else if (s.status === 'CANCELLED') {
        expect(s.resolved_at).toBeNull()
        expect(s.finished_at).toBe(s.closed_at ?? s.updated_at)
      } else {
        openLike++
        expect(s.resolved_at).toBeNull()
        expect(s.finished_at).toBeNull()
      }
    }
    expect(resolvedLike).toBeGreaterThan(25_000)
    expect(openLike).toBeGreaterThan(0)
    // SRs filed in the last two hours are still being worked on.
    const recent = srs.filter((s) => s.created_at > AS_OF - 2 * 3_600_000)
    expect(recent.length).toBeGreaterThan(0)
    expect(
      recent.filter((s) => ['OPEN', 'IN_PROGRESS', 'PENDING'].includes(s.status)).length / recent.length,
    ).toBeGreaterThan(0.5)
  })

  it('exercises resolved_at derivation: some sources omit it and it comes from the history', () => {
    const db = t.store.sqlite
    const derived = db
      .prepare(
        `SELECT s.resolved_at AS resolved, MIN(e.at) AS first_event FROM service_requests s
        JOIN sr_events e ON e.sr_id = s.id AND e.kind = 'status' AND e.to_status IN ('RESOLVED', 'DONE')
        WHERE s.resolved_at_source IS NULL AND s.status IN ('RESOLVED', 'DONE') GROUP BY s.id`,
      )
      .all() as { resolved: number; first_event: number }[]
    expect(derived.length).toBeGreaterThan(100)
    for (const d of derived) expect(d.resolved).toBe(d.first_event)
    const fromClosed = srs.filter(
      (s) => s.status === 'DONE' && s.resolved_at_source === null && s.resolved_at === s.closed_at,
    )
    expect(fromClosed.length).toBeGreaterThan(0)
  })

  it('skews priorities about P1 3%, P2 15%, P3 55%, P4 27%', () => {
    const share = (p: string) => srs.filter((s) => s.priority === p).length / srs.length
    expect(share('P1')).toBeGreaterThan(0.02)
    expect(share('P1')).toBeLessThan(0.04)
    expect(share('P2')).toBeGreaterThan(0.13)
    expect(share('P2')).toBeLessThan(0.17)
    expect(share('P3')).toBeGreaterThan(0.52)
    expect(share('P3')).toBeLessThan(0.58)
    expect(share('P4')).toBeGreaterThan(0.24)
    expect(share('P4')).toBeLessThan(0.3)
  })

  it('files far more SRs on weekdays than at weekends, peaking in office hours', () => {
    const perWeekday = new Array<number>(8).fill(0)
    const perHour = new Array<number>(24).fill(0)
    for (const s of srs) {
      const local = DateTime.fromMillis(s.created_at, { zone: ZONE })
      perWeekday[local.weekday]!++
      perHour[local.hour]!++
    }
    const weekday = (perWeekday[1]! + perWeekday[2]! + perWeekday[3]! + perWeekday[4]! + perWeekday[5]!) / 5
    const weekend = (perWeekday[6]! + perWeekday[7]!) / 2
    expect(weekday).toBeGreaterThan(4 * weekend)
    expect(perHour[10]!).toBeGreaterThan(10 * perHour[3]!)
    expect(perHour[14]!).toBeGreaterThan(perHour[12]!)
  })

  it('has long-tailed resolution times that grow with priority', () => {
    const hours = (p: string) =>
      srs
        .filter((s) => s.priority === p && s.resolved_at !== null)
        .map((s) => (s.resolved_at! - s.created_at) / 3_600_000)
        .sort((a, b) => a - b)
    const p1 = hours('P1')
    const p3 = hours('P3')
    const p4 = hours('P4')
    expect(quantile(p3, 0.9) / quantile(p3, 0.5)).toBeGreaterThan(3)
    expect(quantile(p1, 0.5)).toBeGreaterThan(0.75)
    expect(quantile(p1, 0.5)).toBeLessThan(3)
    expect(quantile(p3, 0.5)).toBeGreaterThan(quantile(p1, 0.5) * 2)
    expect(quantile(p4, 0.5)).toBeGreaterThan(12)
    expect(quantile(p4, 0.5)).toBeLessThan(48)
  })

  it('keeps most SRs within the default SLA targets, with breaches in every priority', () => {
    // SPEC §3 default targets on the 24×7 clock; the share is counted here on the raw instants.
    const targetHours: Record<string, number> = { P1: 4, P2: 8, P3: 24, P4: 72 }
    for (const [priority, target] of Object.entries(targetHours)) {
      const resolved = srs.filter((s) => s.priority === priority && s.resolved_at !== null)
      const inTime = resolved.filter((s) => s.resolved_at! - s.created_at <= target * 3_600_000).length
      const share = inTime / resolved.length
      expect(share, priority).toBeGreaterThan(0.75)
      expect(share, priority).toBeLessThan(0.97)
    }
  })

  it('has realistic shares of reassignments, reopens and cancellations', () => {
    const n = srs.length
    const reassigned = srs.filter((s) => s.reassignment_count > 0).length / n
    const reopened = srs.filter((s) => s.reopen_count > 0).length / n
    const cancelled = srs.filter((s) => s.status === 'CANCELLED').length / n
    expect(reassigned).toBeGreaterThan(0.15)
    expect(reassigned).toBeLessThan(0.25)
    expect(reopened).toBeGreaterThan(0.03)
    expect(reopened).toBeLessThan(0.07)
    expect(cancelled).toBeGreaterThan(0.02)
    expect(cancelled).toBeLessThan(0.04)
  })

  it('records events in time order, not before the SR, with PENDING spells and assignments', () => {
    const events = t.store.sqlite
      .prepare(
        `SELECT e.sr_id, e.at, e.kind, e.to_status, e.actor_id, s.created_at FROM sr_events e
        JOIN service_requests s ON s.id = e.sr_id ORDER BY e.sr_id, e.id`,
      )
      .all() as {
      sr_id: number
      at: number
      kind: string
      to_status: string | null
      actor_id: number | null
      created_at: number
    }[]
    let prev: { sr_id: number; at: number } | null = null
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(e.created_at)
      if (prev && prev.sr_id === e.sr_id) expect(e.at).toBeGreaterThanOrEqual(prev.at)
      prev = e
    }
    const pending = events.filter((e) => e.kind === 'status' && e.to_status === 'PENDING')
    expect(pending.length).toBeGreaterThan(500)
    expect(pending.every((e) => e.actor_id !== null)).toBe(true)
    expect(events.filter((e) => e.kind === 'assignment').length).toBeGreaterThan(1000)
  })

  it('spreads tenant onboarding over the range (first SR months differ)', () => {
    const months = t.store.sqlite
      .prepare('SELECT tenant_id, MIN(created_at) AS first FROM service_requests GROUP BY tenant_id')
      .all() as { first: number }[]
    const distinct = new Set(
      months.map((m) => DateTime.fromMillis(m.first, { zone: ZONE }).toFormat('yyyy-MM')),
    )
    expect(distinct.size).toBeGreaterThanOrEqual(5)
  })

  it('keeps deployments and YouTube figures consistent', () => {
    const db = t.store.sqlite
    const statuses = Object.fromEntries(
      (
        db.prepare('SELECT status, COUNT(*) AS n FROM deployments GROUP BY status').all() as {
          status: string
          n: number
        }[]
      ).map((r) => [r.status, r.n]),
    )
    const finished = (statuses['DEPLOYED'] ?? 0) + (statuses['FAILED'] ?? 0) + (statuses['ROLLED_BACK'] ?? 0)
    expect((statuses['FAILED'] ?? 0) / finished).toBeGreaterThan(0.04)
    expect((statuses['FAILED'] ?? 0) / finished).toBeLessThan(0.1)
    expect(statuses['RUNNING']).toBeGreaterThan(0)
    expect(
      db
        .prepare("SELECT COUNT(*) AS n FROM deployments WHERE status = 'RUNNING' AND finished_at IS NOT NULL")
        .get(),
    ).toEqual({ n: 0 })

    const sums = db
      .prepare(
        'SELECT month, SUM(viewer_pct) AS total, COUNT(*) AS cells FROM yt_demographics GROUP BY channel_id, month',
      )
      .all() as { month: string; total: number; cells: number }[]
    expect(sums.length).toBeGreaterThanOrEqual(17)
    for (const s of sums) expect(s.total).toBeCloseTo(100, 6)
    const geo = db
      .prepare(
        `SELECT g.month, SUM(g.views) AS views, SUM(CASE WHEN g.country = 'KR' THEN g.views ELSE 0 END) AS kr
        FROM yt_geography g GROUP BY g.month`,
      )
      .all() as { month: string; views: number; kr: number }[]
    const daily = new Map(
      (
        db
          .prepare('SELECT substr(day, 1, 7) AS month, SUM(views) AS views FROM yt_channel_daily GROUP BY 1')
          .all() as {
          month: string
          views: number
        }[]
      ).map((r) => [r.month, r.views]),
    )
    for (const g of geo) {
      expect(g.views).toBe(daily.get(g.month))
      expect(g.kr / g.views).toBeGreaterThan(0.7)
    }
  })
})

describe('generateDemoWorkspace (determinism and safety)', () => {
  const dump = (t: TempStore) => {
    const db = t.store.sqlite
    return JSON.stringify([
      db.prepare('SELECT * FROM service_requests ORDER BY id').all(),
      db.prepare('SELECT * FROM sr_events ORDER BY id').all(),
      db.prepare('SELECT * FROM people ORDER BY id').all(),
      db.prepare('SELECT * FROM deployments ORDER BY id').all(),
      db.prepare('SELECT * FROM feature_usage ORDER BY tenant_id, feature, month').all(),
      db.prepare('SELECT * FROM yt_video_daily ORDER BY video_id, day').all(),
      db.prepare('SELECT * FROM yt_demographics ORDER BY month, age_group, gender').all(),
    ])
  }

  it('gives the same rows for the same seed and as-of, and different rows for another seed', () => {
    const a = tempStore('ops-demo-a-')
    const b = tempStore('ops-demo-b-')
    const c = tempStore('ops-demo-c-')
    try {
      generateDemoWorkspace(a.store, { srCount: 3000, seed: 7, asOf: AS_OF })
      generateDemoWorkspace(b.store, { srCount: 3000, seed: 7, asOf: AS_OF })
      generateDemoWorkspace(c.store, { srCount: 3000, seed: 8, asOf: AS_OF })
      expect(dump(a)).toBe(dump(b))
      expect(dump(a)).not.toBe(dump(c))
    } finally {
      a.dispose()
      b.dispose()
      c.dispose()
    }
  })

  it('replaces an earlier demo workspace', () => {
    const t = tempStore('ops-demo-r-')
    try {
      generateDemoWorkspace(t.store, { srCount: 2000, seed: 1, asOf: AS_OF })
      const second = generateDemoWorkspace(t.store, { srCount: 1000, seed: 2, asOf: AS_OF - 86_400_000 })
      const db = t.store.sqlite
      expect(countServiceRequests(t.store)).toBe(1000)
      expect((db.prepare('SELECT COUNT(*) AS n FROM tenants').get() as { n: number }).n).toBe(
        second.tenantCount,
      )
      expect((db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n).toBe(
        second.peopleCount,
      )
      expect((db.prepare('SELECT COUNT(*) AS n FROM yt_channels').get() as { n: number }).n).toBe(1)
      expect((db.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n).toBe(1)
      expect(getWatermark(t.store)).toBe(AS_OF - 86_400_000)
      expect(db.pragma('foreign_key_check')).toEqual([])
    } finally {
      t.dispose()
    }
  })

  it('refuses to touch a workspace holding SRs from a real source', () => {
    const t = tempStore('ops-demo-live-')
    try {
      const now = Date.parse('2026-03-10T09:00:00+09:00')
      upsertServiceRequests(t.store, [
        {
          source: 'itsm',
          sourceId: 'LIVE-1',
          tenant: '국세청',
          title: '실데이터',
          priority: 'P2',
          status: 'OPEN',
          createdAt: now,
          updatedAt: now,
        },
      ])
      expect(() => generateDemoWorkspace(t.store, { srCount: 500, asOf: AS_OF })).toThrow(
        /already holds service requests/,
      )
      expect(countServiceRequests(t.store)).toBe(1)
      expect(getWorkspaceKind(t.store)).toBeNull()
    } finally {
      t.dispose()
    }
  })

  it('clears the usage an earlier demo stored before usage had a source', () => {
    const t = tempStore('ops-demo-legacy-')
    try {
      generateDemoWorkspace(t.store, { srCount: 500, seed: 1, asOf: AS_OF })
      const db = t.store.sqlite
      // As an earlier version's demo left it: usage without a source, of a tenant nothing else names.
      db.prepare(`INSERT INTO tenants (name, created_at) VALUES ('옛 데모 기관', 0)`).run()
      db.prepare(
        `INSERT INTO feature_usage (source, tenant_id, feature, month, count)
         VALUES ('', (SELECT id FROM tenants WHERE name = '옛 데모 기관'), 'chatbot', '2025-01', 5)`,
      ).run()
      generateDemoWorkspace(t.store, { srCount: 500, seed: 2, asOf: AS_OF })
      expect(db.prepare(`SELECT DISTINCT source FROM feature_usage`).pluck().all()).toEqual(['demo'])
      expect(db.prepare(`SELECT count(*) FROM tenants WHERE name = '옛 데모 기관'`).pluck().get()).toBe(0)
    } finally {
      t.dispose()
    }
  })

  it('refuses to touch a workspace holding feature usage from a real source', () => {
    const t = tempStore('ops-demo-live-usage-')
    try {
      upsertFeatureUsage(t.store, [
        { source: 'itsm:prod', tenant: '국세청', feature: 'chatbot', month: '2026-02', count: 12 },
      ])
      expect(() => generateDemoWorkspace(t.store, { srCount: 500, asOf: AS_OF })).toThrow(/already holds/)
      expect(t.store.sqlite.prepare(`SELECT source, count FROM feature_usage`).all()).toEqual([
        { source: 'itsm:prod', count: 12 },
      ])
    } finally {
      t.dispose()
    }
  })
})
