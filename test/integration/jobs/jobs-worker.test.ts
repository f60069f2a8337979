// The jobs worker really runs in a thread, on its own connection, and writes exactly what the
// in-process path writes; a failing job reports its error and the runner carries on.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateDemoWorkspace } from '../../../src/main/core/demo/generate'
import { CoreError } from '../../../src/main/core/errors'
import { startKpiEngine, type Timers } from '../../../src/main/core/kpi/scheduler'
import { applyTemplates } from '../../../src/main/core/kpi/service'
import { kpiTemplates } from '../../../src/main/core/kpi/templates'
import { startOfLocalDay } from '../../../src/main/core/metrics/periods'
import { insertPolicyVersion } from '../../../src/main/core/metrics/sla-policy'
import { executeJob } from '../../../src/main/core/workers/jobs-execute'
import type { Store } from '../../../src/main/core/db/open-database'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { workerRunner } from './worker-runner'

const ZONE = 'Asia/Seoul'
const AS_OF = Date.parse('2026-03-18T15:00:00+09:00')

const judgements = (store: Store) =>
  store.sqlite
    .prepare('SELECT id, mttr_ms, sla_target_ms, sla_elapsed_ms, sla_met FROM service_requests ORDER BY id')
    .all()
const kpiValues = (store: Store) =>
  store.sqlite
    .prepare(
      `SELECT kpi_id, period_start, period_end, value, status, achievement_pct, computed_at
       FROM kpi_values ORDER BY kpi_id, period_start`,
    )
    .all()
const count = (store: Store, sql: string) => (store.sqlite.prepare(sql).get() as { n: number }).n

describe('background jobs in a worker thread', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  it('re-judges and calculates KPIs exactly as the in-process path does, streaming progress', async () => {
    generateDemoWorkspace(ws.store, { srCount: 3000, seed: 11, asOf: AS_OF, timeZone: ZONE })
    // Business hours with PENDING pause: judgements differ from the write-time 24×7 ones, and
    // the pause reads the SR events, so the worker exercises the whole judge.
    insertPolicyVersion(
      ws.store,
      {
        effectiveFrom: startOfLocalDay('2025-01-01', ZONE),
        calendar: 'business',
        targets: { P1: 4, P2: 8, P3: 24, P4: 72 },
        overrides: [],
        pauseOnPending: true,
      },
      { now: AS_OF, zone: ZONE, changedBy: 'admin' },
    )
    applyTemplates(
      ws.store,
      { template_names: kpiTemplates('ko').map((t) => t.name) },
      { now: AS_OF, zone: ZONE, changedBy: 'admin', calculate: false },
    )

    // In-process reference.
    const local = await executeJob(ws.store, { kind: 'rejudge' })
    expect(local).toMatchObject({ kind: 'rejudge', judged: 3000, skipped: false })
    await executeJob(ws.store, { kind: 'kpi-calc', now: AS_OF, zone: ZONE })
    const expectedJudgements = judgements(ws.store)
    const expectedValues = kpiValues(ws.store)
    // Not a trivial comparison: both outcomes of the SLA check and stored KPI values exist.
    expect(count(ws.store, 'SELECT count(*) AS n FROM service_requests WHERE sla_met = 1')).toBeGreaterThan(0)
    expect(count(ws.store, 'SELECT count(*) AS n FROM service_requests WHERE sla_met = 0')).toBeGreaterThan(0)
    expect(
      count(ws.store, 'SELECT count(*) AS n FROM service_requests WHERE mttr_ms < resolved_at - created_at'),
    ).toBeGreaterThan(0) // business hours shorten the clock
    expect(count(ws.store, 'SELECT count(*) AS n FROM kpi_values WHERE value IS NOT NULL')).toBeGreaterThan(
      20,
    )

    // Forget both, then let the worker redo them.
    ws.store.sqlite.exec(
      'UPDATE service_requests SET mttr_ms = NULL, sla_target_ms = NULL, sla_elapsed_ms = NULL, sla_met = NULL; DELETE FROM kpi_values',
    )
    const progress: { done: number; total: number }[] = []
    const kpiProgress: { done: number; total: number }[] = []
    const jobs = workerRunner(ws.dataDir, (event, payload) => {
      if (event === 'sla:rejudge-progress') progress.push(payload as { done: number; total: number })
      if (event === 'kpi:calc-progress') kpiProgress.push(payload as { done: number; total: number })
    })
    const r = await jobs.rejudge()
    expect(r).toMatchObject({ kind: 'rejudge', judged: 3000, changed: 3000, skipped: false })
    // It ran on another thread than this test's.
    expect(r.thread).not.toBe(threadId)
    expect(progress.at(0)).toEqual({ done: 0, total: 3000 })
    expect(progress.at(-1)).toEqual({ done: 3000, total: 3000 })
    const calc = await jobs.calculateKpis({ now: AS_OF, zone: ZONE })
    expect(calc.thread).not.toBe(threadId)
    // Progress from 0 to all nine KPIs (the worker sends at most ten messages a second).
    const kpiCount = kpiTemplates('ko').length
    expect(kpiProgress.at(0)).toEqual({ done: 0, total: kpiCount })
    expect(kpiProgress.at(-1)).toEqual({ done: kpiCount, total: kpiCount })
    expect(calc.outcomes.map((o) => o.kpi.name).sort()).toEqual(
      kpiTemplates('ko')
        .map((t) => t.name)
        .sort(),
    )

    // This connection sees the worker's commits, identical to the in-process ones.
    expect(judgements(ws.store)).toEqual(expectedJudgements)
    expect(kpiValues(ws.store)).toEqual(expectedValues)
    expect(jobs.runs()).toEqual({ rejudge: 1, kpiCalc: 1 })
  })

  it("waits for another writer's long transaction (an import's) instead of failing as locked", async () => {
    generateDemoWorkspace(ws.store, { srCount: 300, seed: 12, asOf: AS_OF, timeZone: ZONE })
    ws.store.sqlite.exec('UPDATE service_requests SET sla_target_ms = NULL, mttr_ms = NULL')
    // This connection holds the write lock 6 s, past the main process's 5 s busy timeout.
    ws.store.sqlite.exec('BEGIN IMMEDIATE')
    const release = new Promise<void>((resolve) =>
      setTimeout(() => {
        ws.store.sqlite.exec('COMMIT')
        resolve()
      }, 6000),
    )
    const result = await workerRunner(ws.dataDir).rejudge()
    await release
    expect(result).toMatchObject({ kind: 'rejudge', judged: 300, skipped: false })
    expect(count(ws.store, 'SELECT count(*) AS n FROM service_requests WHERE sla_target_ms IS NULL')).toBe(0)
  }, 30_000)

  it('a job on a bad workspace path fails with a clear message and the runner carries on', async () => {
    const missing = workerRunner(join(ws.dataDir, 'no-such-folder'))
    const failed = missing.rejudge()
    await expect(failed).rejects.toBeInstanceOf(CoreError)
    await expect(failed).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(
        /^The SLA re-judgement failed: No workspace database at .*no-such-folder/,
      ),
    })
    // The lane is not stuck: the next request runs (and fails the same way).
    await expect(missing.calculateKpis({ now: AS_OF, zone: ZONE })).rejects.toThrow(
      /^The KPI calculation failed: No workspace database/,
    )
    expect(missing.runs()).toEqual({ rejudge: 1, kpiCalc: 1 })

    // A file that is not a database: the worker's open fails, this process does not.
    const bogusDir = join(ws.dataDir, 'bogus')
    mkdirSync(bogusDir)
    writeFileSync(join(bogusDir, 'ops-console.db'), 'not a database, just text '.repeat(100))
    await expect(workerRunner(bogusDir).rejudge()).rejects.toThrow(/not an Ops Console database/)

    // The KPI engine reports the failure and keeps its schedule.
    const errors: string[] = []
    const timers: Timers = { setTimeout: () => ({}), clearTimeout: () => {} }
    const engine = startKpiEngine({
      store: ws.store,
      now: () => AS_OF,
      zone: () => ZONE,
      timers,
      jobs: missing,
      onError: (err) => errors.push((err as Error).message),
    })
    expect(await engine.trigger('sync')).toEqual([])
    await missing.idle()
    expect(errors).toHaveLength(2) // the start and the trigger
    expect(errors[0]).toMatch(/^The KPI calculation failed/)
    expect(engine.nextRunAt()).not.toBeNull()
    engine.dispose()

    // The good workspace is untouched and a worker job on it works.
    expect((await workerRunner(ws.dataDir).rejudge()).judged).toBe(0)
  })
})
