// Overlapping requests coalesce: one job of a kind at a time, and everything asked during a run
// shares ONE follow-up run. Counted with a controllable backend, then end to end with the worker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CoreContext } from '../../../src/main/core/api'
import { startKpiEngine, type Timers } from '../../../src/main/core/kpi/scheduler'
import { applyTemplates } from '../../../src/main/core/kpi/service'
import { createSlaHandlers } from '../../../src/main/core/metrics/sla-handlers'
import { createJobRunner, type JobBackend } from '../../../src/main/core/workers/jobs-runner'
import type { Job, JobResult } from '../../../src/main/core/workers/jobs-worker-protocol'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { workerRunner } from './worker-runner'

const H = 3_600_000
const ZONE = 'Asia/Seoul'
const NOW = Date.parse('2026-03-18T06:00:00Z')

/** A backend whose jobs finish only when the test says so. */
function manualBackend() {
  const started: { job: Job; finish(r?: Partial<JobResult>): void; fail(e: Error): void }[] = []
  const backend: JobBackend = (job) =>
    new Promise<JobResult>((resolve, reject) => {
      const base: JobResult =
        job.kind === 'rejudge'
          ? { kind: 'rejudge', judged: started.length, changed: 0, ms: 0, skipped: false, thread: 0 }
          : { kind: 'kpi-calc', outcomes: [], ms: started.length, thread: 0 }
      started.push({
        job,
        finish: (r) => resolve({ ...base, ...r } as JobResult),
        fail: reject,
      })
    })
  return { backend, started }
}
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('job runner coalescing (controlled backend)', () => {
  it('runs one KPI calculation at a time and merges everything asked meanwhile into one more run', async () => {
    const { backend, started } = manualBackend()
    const jobs = createJobRunner({ backend })
    const first = jobs.calculateKpis({ now: 1_000, zone: ZONE, only: 3 })
    const b = jobs.calculateKpis({ now: 2_000, zone: ZONE, only: 3 })
    const c = jobs.calculateKpis({ now: 3_000, zone: ZONE, only: 4, full: true })
    const d = jobs.calculateKpis({ now: 2_500, zone: 'UTC' })
    expect(started).toHaveLength(1)
    expect(jobs.runs().kpiCalc).toBe(1)
    started[0]?.finish()
    expect((await first).ms).toBe(0)
    await tick()
    // B, C and D became one run: the latest clock, full because C asked, all KPIs because they differ.
    expect(started).toHaveLength(2)
    expect(started[1]?.job).toEqual({ kind: 'kpi-calc', now: 3_000, zone: 'UTC', full: true })
    started[1]?.finish()
    const answers = await Promise.all([b, c, d])
    expect(answers.map((r) => r.ms)).toEqual([1, 1, 1])
    expect(jobs.runs()).toEqual({ rejudge: 0, kpiCalc: 2 })
    await jobs.idle()
    // Idle again: the next request starts at once.
    void jobs.calculateKpis({ now: 4_000, zone: ZONE })
    expect(started).toHaveLength(3)
    started[2]?.finish()
    await jobs.idle()
  })

  it('a failed run answers its callers with the reason; the queued run still goes', async () => {
    const { backend, started } = manualBackend()
    const jobs = createJobRunner({ backend })
    const first = jobs.rejudge()
    const second = jobs.rejudge({ onlyIfUnjudged: true })
    const third = jobs.rejudge({ onlyIfUnjudged: true })
    started[0]?.fail(new Error('disk I/O error'))
    await expect(first).rejects.toThrow('The SLA re-judgement failed: disk I/O error')
    await tick()
    // Both queued asks were conditional, so the merged one is too.
    expect(started[1]?.job).toEqual({ kind: 'rejudge', onlyIfUnjudged: true })
    started[1]?.finish({ judged: 7 })
    expect((await second).judged).toBe(7)
    expect((await third).judged).toBe(7)
    expect(jobs.runs().rejudge).toBe(2)
  })

  it('the KPI engine never overlaps calculations: start, sync, timer and demo triggers during a run → 2 runs', async () => {
    const { backend, started } = manualBackend()
    const jobs = createJobRunner({ backend })
    const ws = tempWorkspace()
    const emitted: string[] = []
    const pending: (() => void)[] = []
    const timers: Timers = {
      setTimeout: (fn) => {
        pending.push(fn)
        return fn
      },
      clearTimeout: () => {},
    }
    const engine = startKpiEngine({
      store: ws.store,
      now: () => NOW,
      zone: () => ZONE,
      timers,
      jobs,
      emit: (event, payload) => emitted.push(`${event}:${(payload as { reason: string }).reason}`),
    })
    void engine.trigger('sync')
    void engine.trigger('demo')
    void engine.trigger('sla', { full: true })
    expect(started).toHaveLength(1)
    started[0]?.finish()
    await tick()
    expect(started).toHaveLength(2)
    expect(started[1]?.job).toMatchObject({ kind: 'kpi-calc', full: true })
    started[1]?.finish()
    await jobs.idle()
    expect(jobs.runs().kpiCalc).toBe(2)
    // No KPI produced an outcome, so nothing told the boards to refresh.
    expect(emitted).toEqual([])
    engine.dispose()
    ws.dispose()
  })
})

describe('coalescing end to end in the worker', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  it('three SLA changes in quick succession cost two re-judgements, the last under the final policy', async () => {
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
    const events: { event: string; payload: unknown }[] = []
    const emit: CoreContext['emit'] = (event, payload) => events.push({ event, payload })
    const jobs = workerRunner(ws.dataDir, emit)
    const handlers = createSlaHandlers({
      workspace: ws,
      runtime: 'cli',
      version: 'test',
      now: () => NOW,
      settings: () => ({ timeZone: ZONE, language: 'ko' }),
      emit,
      role: () => 'admin',
      jobs,
    })
    const saved = handlers['sla:save-policy']({
      effectiveFrom: '2026-01-01',
      calendar: 'business',
      targets: { P1: 4, P2: 8, P3: 24, P4: 72 },
      overrides: [],
      pauseOnPending: false,
    })
    const holiday = handlers['sla:add-holiday']({ day: '2026-03-02', name: '임시' })
    const week = Array.from({ length: 7 }, (_, i) => (i < 5 ? [[480, 1080] as [number, number]] : []))
    const hours = handlers['sla:set-calendar-hours']({ week })
    const answers = await Promise.all([saved, holiday, hours])
    expect(answers.map((a) => a.rejudged)).toEqual([1, 1, 1])
    expect(jobs.runs().rejudge).toBe(2)
    // Final policy: business hours 08:00–18:00, Mon 03-02 a holiday: Fri 17–18 = 1 h + Tue 08–10 = 2 h.
    const row = ws.store.sqlite
      .prepare("SELECT mttr_ms AS m, sla_met AS met FROM service_requests WHERE title = 'x'")
      .get() as { m: number; met: number }
    expect(row).toEqual({ m: 3 * H, met: 1 }) // 3 h ≤ P1 4 h
    expect(events.filter((e) => e.event === 'data:changed')).toHaveLength(3)
    expect(events.filter((e) => e.event === 'sla:rejudge-progress').at(-1)?.payload).toEqual({
      done: 1,
      total: 1,
    })
    // All three changes are stored.
    expect(answers[2]?.policy.business.holidays.map((h) => h.day)).toEqual(['2026-03-02'])
  })

  it('KPI calculations asked together in the worker: two runs, values stored once per period', async () => {
    addSrs(ws, [
      {
        tenant: 'A',
        priority: 'P1',
        status: 'DONE',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T12:00:00+09:00',
      },
    ])
    applyTemplates(
      ws.store,
      { template_names: ['MTTR'] },
      { now: NOW, zone: ZONE, changedBy: 'admin', calculate: false },
    )
    const jobs = workerRunner(ws.dataDir)
    const all = await Promise.all([1, 2, 3, 4].map(() => jobs.calculateKpis({ now: NOW, zone: ZONE })))
    expect(jobs.runs().kpiCalc).toBe(2)
    expect(all.every((r) => r.outcomes.length === 1)).toBe(true)
    // March so far: one SR, 12:00 − 09:00 = 3 h.
    const rows = ws.store.sqlite.prepare('SELECT period_start, value FROM kpi_values').all()
    expect(rows).toEqual([{ period_start: Date.parse('2026-03-01T00:00:00+09:00'), value: 3 }])
  })
})
