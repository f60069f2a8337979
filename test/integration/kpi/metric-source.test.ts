import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storeMetricSource } from '../../../src/main/core/kpi/metric-source'
import { backlog } from '../../../src/main/core/metrics/sr-metrics'
import type { KpiBaseMetric, KpiFilter } from '../../../src/shared/ipc/types-kpi'
import { A, AS_OF, seedFeeds, seedSrs, tempWorkspace } from './fixture'
import type { TempWorkspace } from '../../helpers/workspace'

const ZONE = 'Asia/Seoul'
const asOf = Date.parse(AS_OF)
// March to date: 03-01 00:00 KST … as-of inclusive; February: 02-01 … 03-01 00:00 KST.
const MARCH = { start: Date.parse('2026-03-01T00:00:00+09:00'), end: asOf + 1 }
const FEB = { start: Date.parse('2026-02-01T00:00:00+09:00'), end: Date.parse('2026-03-01T00:00:00+09:00') }

describe('store metric source (SPEC §3 on a hand-worked fixture)', () => {
  let ws: TempWorkspace
  const value = (metric: KpiBaseMetric, filter: KpiFilter | null = null, period = MARCH) =>
    storeMetricSource.values(ws.store, { metric, filter, zone: ZONE }, [period])[0]

  beforeEach(() => {
    ws = tempWorkspace()
    seedSrs(ws)
    seedFeeds(ws)
  })
  afterEach(() => ws.dispose())

  it('created and resolved counts', () => {
    // created in March up to as-of: SRs 1, 2, 3, 4, 7 (8 comes after as-of) = 5
    expect(value('created')).toBe(5)
    // resolved in March: 1, 2, 3 = 3; February: 6 = 1
    expect(value('resolved')).toBe(3)
    expect(value('resolved', null, FEB)).toBe(1)
  })

  it('MTTR, FCR, SLA compliance and reopen rate over resolved(P)', () => {
    // (3 + 10 + 24) / 3 = 12.333… h
    expect(value('mttr')).toBeCloseTo(37 / 3, 10)
    // only SR 1 neither reassigned nor reopened: 1/3
    expect(value('fcr')).toBeCloseTo(100 / 3, 10)
    // SR 1 (3 h ≤ P1 4 h) and SR 3 (24 h ≤ P3 24 h) met, SR 2 (10 h > P2 8 h) breached: 2/3
    expect(value('sla_compliance')).toBeCloseTo(200 / 3, 10)
    // SR 3 reopened: 1/3
    expect(value('reopen_rate')).toBeCloseTo(100 / 3, 10)
  })

  it('percentages and MTTR have no value when nothing was resolved', () => {
    const jan = { start: Date.parse('2026-01-01T00:00:00+09:00'), end: FEB.start }
    expect(value('mttr', null, jan)).toBeNull()
    expect(value('fcr', null, jan)).toBeNull()
    expect(value('created', null, jan)).toBe(0)
  })

  it('backlog at the last instant of each period, several periods at once', () => {
    const values = storeMetricSource.values(ws.store, { metric: 'backlog', filter: null, zone: ZONE }, [
      FEB,
      MARCH,
    ])
    // end of February: SR 5 open (SR 6 resolved 02-10) = 1; at as-of: SRs 4 and 5 (7 cancelled 03-04, 8 not yet) = 2
    expect(values).toEqual([1, 2])
    // one period alone goes through the index path; it must agree with the sweep
    expect(value('backlog', null, FEB)).toBe(1)
    expect(value('backlog')).toBe(2)
    // at 03-03 23:59:59.999: SR 5 and SR 7 (cancelled only on 03-04) are open; SR 1 and SR 2 were
    // resolved earlier that day or before; SR 3 and 4 not created yet → 2
    const day = {
      start: Date.parse('2026-03-03T00:00:00+09:00'),
      end: Date.parse('2026-03-04T00:00:00+09:00'),
    }
    expect(
      storeMetricSource.values(ws.store, { metric: 'backlog', filter: null, zone: ZONE }, [day]),
    ).toEqual([2])
  })

  it('backlog, swept over many periods or counted for one, agrees with the metrics module day by day', () => {
    const day = 86_400_000 // Seoul has no DST, so local days are 24 h
    const days = Array.from({ length: 40 }, (_, i) => {
      const start = Date.parse('2026-02-08T00:00:00+09:00') + i * day
      return { start, end: start + day }
    })
    for (const filter of [null, { tenant: A }]) {
      const swept = storeMetricSource.values(ws.store, { metric: 'backlog', filter, zone: ZONE }, days)
      const direct = days.map((d) => backlog(ws.store, d.end - 1, filter ? { tenants: [A] } : {}))
      expect(swept).toEqual(direct)
      // and one period at a time (the index path used for the current period)
      const single = days.map(
        (d) => storeMetricSource.values(ws.store, { metric: 'backlog', filter, zone: ZONE }, [d])[0],
      )
      expect(single).toEqual(direct)
    }
  })

  it('filters by tenant, category and priority', () => {
    // tenant A created in March: 1, 2, 4, 7 = 4; resolved: 1, 2 → MTTR (3 + 10)/2 = 6.5
    expect(value('created', { tenant: A })).toBe(4)
    expect(value('mttr', { tenant: A })).toBe(6.5)
    // category Network created in March: 1, 3, 4 = 3
    expect(value('created', { category: 'Network' })).toBe(3)
    // priority P2 resolved in March: SR 2 only → 10 h
    expect(value('mttr', { priority: 'P2' })).toBe(10)
    // backlog of tenant A at as-of: SR 4 = 1
    expect(value('backlog', { tenant: A })).toBe(1)
  })

  it('deploy success rate over deployments finished in P', () => {
    // March: DEPLOYED ×2 of 4 finished (the RUNNING one has not finished) = 50 %; tenant A: 2 of 3
    expect(value('deploy_success_rate')).toBe(50)
    expect(value('deploy_success_rate', { tenant: A })).toBeCloseTo(200 / 3, 10)
  })

  it('YouTube metrics of the selected channel by local day', () => {
    // March: views 100 + 300 = 400; watch (600 + 1200) / 60 = 30 h; net (10 − 2) + (5 − 1) = 12;
    // engagement (5 + 1 + 10 + 4) / 400 = 5 %
    expect(value('yt_views')).toBe(400)
    expect(value('yt_watch_hours')).toBe(30)
    expect(value('yt_net_subscribers')).toBe(12)
    expect(value('yt_engagement_rate')).toBe(5)
    // a period with no reported day is no data, not zero
    const jan = { start: Date.parse('2026-01-01T00:00:00+09:00'), end: FEB.start }
    expect(value('yt_views', null, jan)).toBeNull()
  })

  it('first data instants', () => {
    expect(storeMetricSource.firstDataAt(ws.store, 'mttr', ZONE)).toBe(
      Date.parse('2026-02-10T09:00:00+09:00'),
    )
    expect(storeMetricSource.firstDataAt(ws.store, 'yt_views', ZONE)).toBe(
      Date.parse('2026-02-28T00:00:00+09:00'),
    )
  })
})
