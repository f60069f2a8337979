import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { calculateKpi, recalculateKpis } from '../../../src/main/core/kpi/calculate'
import { getKpi, insertKpi } from '../../../src/main/core/kpi/definitions'
import type { MetricSource } from '../../../src/main/core/kpi/metric-source'
import { createKpiScheduler, startKpiEngine, type Timers } from '../../../src/main/core/kpi/scheduler'
import { runAfterSyncHooks } from '../../../src/main/core/sync/after-sync'
import { DEFAULT_THRESHOLDS } from '../../../src/main/core/kpi/status'
import type { Period } from '../../../src/main/core/metrics/periods'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const ZONE = 'Asia/Seoul'
const ms = (iso: string) => Date.parse(iso)
const iso = (t: number) => new Date(t).toISOString()

/** A metric source that answers 7 for every period and records what it was asked. */
function countingSource(firstData: number | null): MetricSource & { asked: Period[] } {
  const asked: Period[] = []
  return {
    asked,
    values: (_store, _q, periods) => {
      asked.push(...periods)
      return periods.map(() => 7)
    },
    firstDataAt: () => firstData,
  }
}

describe('backfill and recalculation', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  const daily = () =>
    insertKpi(
      ws.store,
      'D',
      {
        display_name: 'D',
        description: '',
        unit: '건',
        direction: 'LOWER_BETTER',
        target: 10,
        period: 'DAILY',
        thresholds: DEFAULT_THRESHOLDS,
        filter: null,
        base_metric: 'created',
      },
      { effectiveFrom: 0, now: 0, changedBy: null },
    )
  const stored = () =>
    (
      ws.store.sqlite.prepare('SELECT period_start FROM kpi_values ORDER BY period_start').all() as {
        period_start: number
      }[]
    ).map((r) => r.period_start)

  it('fills every period from the first data, then recomputes only the current one', () => {
    const source = countingSource(ms('2026-03-10T12:00:00+09:00'))
    const kpi = daily()
    const asOf = ms('2026-03-18T15:00:00+09:00')
    // days 03-10 … 03-18 in Seoul = 9 periods
    expect(calculateKpi(ws.store, kpi, { now: asOf, zone: ZONE, source }).computed).toBe(9)
    expect(stored()).toHaveLength(9)
    // the current period is asked up to as-of (end = as-of + 1 ms)
    expect(source.asked.at(-1)).toEqual({ start: ms('2026-03-18T00:00:00+09:00'), end: asOf + 1 })

    source.asked.length = 0
    expect(calculateKpi(ws.store, kpi, { now: asOf + 60_000, zone: ZONE, source }).computed).toBe(1)
    expect(source.asked.map((p) => iso(p.start))).toEqual(['2026-03-17T15:00:00.000Z'])
  })

  it('fills a gap and finalises the period that was current at the last run', () => {
    const source = countingSource(ms('2026-03-10T12:00:00+09:00'))
    const kpi = daily()
    calculateKpi(ws.store, kpi, { now: ms('2026-03-18T15:00:00+09:00'), zone: ZONE, source })
    // a gap: 03-12 lost
    ws.store.sqlite
      .prepare('DELETE FROM kpi_values WHERE period_start = ?')
      .run(ms('2026-03-12T00:00:00+09:00'))
    source.asked.length = 0
    // next day: 03-12 (gap), 03-18 (computed before it closed), 03-19 (current)
    calculateKpi(ws.store, kpi, { now: ms('2026-03-19T09:00:00+09:00'), zone: ZONE, source })
    expect(source.asked.map((p) => iso(p.start))).toEqual([
      '2026-03-11T15:00:00.000Z',
      '2026-03-17T15:00:00.000Z',
      '2026-03-18T15:00:00.000Z',
    ])
    expect(stored()).toHaveLength(10)
  })

  it('full recomputes every period', () => {
    const source = countingSource(ms('2026-03-10T12:00:00+09:00'))
    daily()
    const asOf = ms('2026-03-18T15:00:00+09:00')
    recalculateKpis(ws.store, { now: asOf, zone: ZONE, source })
    source.asked.length = 0
    recalculateKpis(ws.store, { now: asOf, zone: ZONE, source, full: true })
    expect(source.asked).toHaveLength(9)
  })

  it('the scheduler recalculates at start, on trigger, and at the next period boundary', () => {
    const source = countingSource(ms('2026-03-18T12:00:00+09:00'))
    daily()
    let now = ms('2026-03-18T23:50:00+09:00')
    const pending: { fn: () => void; at: number }[] = []
    const timers: Timers = {
      setTimeout: (fn, delay) => {
        const t = { fn, at: now + delay }
        pending.push(t)
        return t
      },
      clearTimeout: (h) => {
        const i = pending.indexOf(h as (typeof pending)[number])
        if (i >= 0) pending.splice(i, 1)
      },
    }
    const reasons: string[] = []
    const scheduler = createKpiScheduler({
      store: ws.store,
      now: () => now,
      zone: () => ZONE,
      timers,
      source,
      onCalculated: (_o, reason) => reasons.push(reason),
    })
    scheduler.start()
    // next run: local midnight (10 min away) comes before the 15-minute refresh
    expect(iso(scheduler.nextRunAt() ?? 0)).toBe('2026-03-18T15:00:00.000Z')
    expect(pending).toHaveLength(1)
    scheduler.trigger('sync')
    expect(pending).toHaveLength(1) // re-armed, not stacked
    now = ms('2026-03-19T00:00:00+09:00')
    pending.shift()?.fn()
    expect(reasons).toEqual(['start', 'sync', 'timer'])
    // after the boundary the next run is the 15-minute refresh
    expect(iso(scheduler.nextRunAt() ?? 0)).toBe('2026-03-18T15:15:00.000Z')
    // 03-18 asked at start and on trigger; at the boundary 03-18 again (computed before it closed) and 03-19
    expect(source.asked.map((p) => iso(p.start))).toEqual([
      '2026-03-17T15:00:00.000Z',
      '2026-03-17T15:00:00.000Z',
      '2026-03-17T15:00:00.000Z',
      '2026-03-18T15:00:00.000Z',
    ])
    expect(stored().map(iso)).toEqual(['2026-03-17T15:00:00.000Z', '2026-03-18T15:00:00.000Z'])
    expect(getKpi(ws.store, 'D').version).toBe(1)
    scheduler.stop()
    expect(pending).toHaveLength(0)
    expect(scheduler.nextRunAt()).toBeNull()
  })

  it('startKpiEngine recalculates after each sync of its own store and tells open boards', async () => {
    const source = countingSource(ms('2026-03-18T12:00:00+09:00'))
    daily()
    const emitted: string[] = []
    const timers: Timers = { setTimeout: () => ({}), clearTimeout: () => {} }
    const engine = startKpiEngine({
      store: ws.store,
      now: () => ms('2026-03-18T15:00:00+09:00'),
      zone: () => ZONE,
      timers,
      source,
      emit: (event, payload) => emitted.push(`${event}:${JSON.stringify(payload)}`),
    })
    expect(source.asked).toHaveLength(1) // the first calculation at start
    await runAfterSyncHooks({ store: ws.store, result: null, reason: 'sync', at: 0 })
    expect(source.asked).toHaveLength(2)
    // another workspace's sync is not ours
    const other = tempWorkspace()
    await runAfterSyncHooks({ store: other.store, result: null, reason: 'sync', at: 0 })
    other.dispose()
    expect(source.asked).toHaveLength(2)
    expect(emitted).toEqual([
      'data:changed:{"reason":"kpi","at":"2026-03-18T06:00:00.000Z"}',
      'data:changed:{"reason":"kpi","at":"2026-03-18T06:00:00.000Z"}',
    ])
    engine.dispose()
    await runAfterSyncHooks({ store: ws.store, result: null, reason: 'import', at: 0 })
    expect(source.asked).toHaveLength(2)
  })
})
