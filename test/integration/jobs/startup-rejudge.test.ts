// A workspace from the previous release has SRs whose judgement columns are NULL (migration 0001
// added them empty). At start the app (worker) and the harness (in-process) judge them in the
// background, and the KPI values that read the judgement are recalculated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyTemplates } from '../../../src/main/core/kpi/service'
import { createSlaHandlers } from '../../../src/main/core/metrics/sla-handlers'
import { executeJob, markRejudgeOwed, rejudgeUnfinished } from '../../../src/main/core/workers/jobs-execute'
import {
  createJobRunner,
  inProcessJobBackend,
  rejudgeUnjudgedAtStart,
} from '../../../src/main/core/workers/jobs-runner'
import { startHarnessServer } from '../../../src/main/harness/server'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { workerRunner } from './worker-runner'

const H = 3_600_000
const ZONE = 'Asia/Seoul'
const NOW = Date.parse('2026-03-18T15:00:00+09:00')

type Judgement = {
  title: string
  mttr: number | null
  target: number | null
  elapsed: number | null
  met: number | null
}
const judgements = (ws: TempWorkspace) =>
  ws.store.sqlite
    .prepare(
      `SELECT title, mttr_ms AS mttr, sla_target_ms AS target, sla_elapsed_ms AS elapsed, sla_met AS met
       FROM service_requests ORDER BY title`,
    )
    .all() as Judgement[]

/** Default policy (24×7; P1 4 h, P2 8 h, P3 24 h), worked by hand. */
const EXPECTED: Judgement[] = [
  // P1 09:00 → 12:00 = 3 h ≤ 4 h
  { title: 'a', mttr: 3 * H, target: 4 * H, elapsed: 3 * H, met: 1 },
  // P1 09:00 → 14:00 = 5 h > 4 h
  { title: 'b', mttr: 5 * H, target: 4 * H, elapsed: 5 * H, met: 0 },
  // P3 10:00 → 20:00 = 10 h ≤ 24 h
  { title: 'c', mttr: 10 * H, target: 24 * H, elapsed: 10 * H, met: 1 },
  // P2 still open: a target, nothing else
  { title: 'd', mttr: null, target: 8 * H, elapsed: null, met: null },
]

describe('start-up re-judgement of SRs stored without judgement', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      {
        title: 'a',
        tenant: 'A',
        priority: 'P1',
        status: 'DONE',
        created: '2026-03-02T09:00:00+09:00',
        resolved: '2026-03-02T12:00:00+09:00',
      },
      {
        title: 'b',
        tenant: 'A',
        priority: 'P1',
        status: 'RESOLVED',
        created: '2026-03-03T09:00:00+09:00',
        resolved: '2026-03-03T14:00:00+09:00',
      },
      {
        title: 'c',
        tenant: 'B',
        priority: 'P3',
        status: 'DONE',
        created: '2026-03-04T10:00:00+09:00',
        resolved: '2026-03-04T20:00:00+09:00',
      },
      { title: 'd', tenant: 'B', priority: 'P2', status: 'OPEN', created: '2026-03-05T10:00:00+09:00' },
    ])
    expect(judgements(ws)).toEqual(EXPECTED)
    // What the previous release left behind.
    ws.store.sqlite.exec(
      'UPDATE service_requests SET mttr_ms = NULL, sla_target_ms = NULL, sla_elapsed_ms = NULL, sla_met = NULL',
    )
  })
  afterEach(() => ws.dispose())

  it('the app path: the worker fills them, with progress and data:changed (sla)', async () => {
    const events: string[] = []
    const emit = (event: string, payload: unknown) => events.push(`${event} ${JSON.stringify(payload)}`)
    const jobs = workerRunner(ws.dataDir, emit)
    const r = await rejudgeUnjudgedAtStart(jobs, { emit, now: () => NOW })
    expect(r).toMatchObject({ judged: 4, changed: 4, skipped: false })
    expect(judgements(ws)).toEqual(EXPECTED)
    expect(events).toEqual([
      'sla:rejudge-progress {"done":0,"total":4}',
      'sla:rejudge-progress {"done":4,"total":4}',
      `data:changed {"reason":"sla","at":"${new Date(NOW).toISOString()}"}`,
    ])
    // The next start finds nothing to do and says nothing.
    events.length = 0
    expect(await rejudgeUnjudgedAtStart(jobs, { emit, now: () => NOW })).toMatchObject({ skipped: true })
    expect(events).toEqual([])
  })

  it('a re-judgement stopped before it finished (the app quit during it) runs in full at the next start', async () => {
    // Judged, all of them, under the old policy (a 1 h target, all missed): nothing is NULL.
    ws.store.sqlite.exec(
      'UPDATE service_requests SET mttr_ms = 0, sla_target_ms = 3600000, sla_elapsed_ms = 0, sla_met = 0',
    )
    // The re-judgement after the policy change stops before its first chunk is written.
    const quit = new Error('the app quit')
    await expect(
      executeJob(ws.store, { kind: 'rejudge' }, () => {
        throw quit
      }),
    ).rejects.toBe(quit)
    const jobs = createJobRunner({ backend: inProcessJobBackend(ws.store) })
    expect(await rejudgeUnjudgedAtStart(jobs, { emit: () => {}, now: () => NOW })).toMatchObject({
      judged: 4,
      changed: 4,
      skipped: false,
    })
    expect(judgements(ws)).toEqual(EXPECTED)
    // Finished this time: the start after that has nothing to do.
    expect(await rejudgeUnjudgedAtStart(jobs, { emit: () => {}, now: () => NOW })).toMatchObject({
      skipped: true,
    })
  })

  it('an SLA change saved but not yet re-judged when the app quit is re-judged in full at the next start', async () => {
    // All four judged under the default policy, as they are before the change.
    await rejudgeUnjudgedAtStart(createJobRunner({ backend: inProcessJobBackend(ws.store) }), {
      emit: () => {},
      now: () => NOW,
    })
    expect(judgements(ws)).toEqual(EXPECTED)
    // The policy is saved; its re-judgement waits behind another job, and the app quits first.
    const quit = new Error('the app quit')
    const handlers = createSlaHandlers({
      workspace: ws,
      runtime: 'electron',
      version: 'test',
      now: () => NOW,
      settings: () => ({ timeZone: ZONE, language: 'ko' }),
      emit: () => {},
      role: () => 'admin',
      jobs: createJobRunner({ backend: () => Promise.reject(quit) }),
    })
    await expect(
      handlers['sla:save-policy']({
        effectiveFrom: '2026-01-01',
        calendar: '24x7',
        targets: { P1: 6, P2: 10, P3: 24, P4: 72 },
        overrides: [],
        pauseOnPending: true,
      }),
    ).rejects.toThrow(/the app quit/)
    // Nothing was re-judged yet.
    expect(judgements(ws)).toEqual(EXPECTED)

    const jobs = createJobRunner({ backend: inProcessJobBackend(ws.store) })
    expect(await rejudgeUnjudgedAtStart(jobs, { emit: () => {}, now: () => NOW })).toMatchObject({
      judged: 4,
      skipped: false,
    })
    // Under the new policy, by hand: a 3 h ≤ 6 h, b 5 h ≤ 6 h (missed before), c unchanged, d's target 10 h.
    expect(judgements(ws)).toEqual([
      { title: 'a', mttr: 3 * H, target: 6 * H, elapsed: 3 * H, met: 1 },
      { title: 'b', mttr: 5 * H, target: 6 * H, elapsed: 5 * H, met: 1 },
      { title: 'c', mttr: 10 * H, target: 24 * H, elapsed: 10 * H, met: 1 },
      { title: 'd', mttr: null, target: 10 * H, elapsed: null, met: null },
    ])
    expect(await rejudgeUnjudgedAtStart(jobs, { emit: () => {}, now: () => NOW })).toMatchObject({
      skipped: true,
    })
  })

  it('a change saved while a re-judgement runs stays owed when that run finishes', async () => {
    await rejudgeUnjudgedAtStart(createJobRunner({ backend: inProcessJobBackend(ws.store) }), {
      emit: () => {},
      now: () => NOW,
    })
    // A re-judgement under way; a change is saved (its mark set) before it finishes.
    let marked = false
    await executeJob(ws.store, { kind: 'rejudge' }, () => {
      if (marked) return
      marked = true
      markRejudgeOwed(ws.store)
    })
    expect(rejudgeUnfinished(ws.store)).toBe(true)
  })

  it('only resolved SRs lacking an MTTR also count as unjudged', async () => {
    // Target filled but MTTR missing on a resolved SR (a partially written old row).
    ws.store.sqlite.exec(`UPDATE service_requests SET sla_target_ms = 1`)
    ws.store.sqlite.exec(
      `UPDATE service_requests SET mttr_ms = 1, sla_elapsed_ms = 1, sla_met = 1 WHERE title <> 'b'`,
    )
    const r = await rejudgeUnjudgedAtStart(workerRunner(ws.dataDir), { emit: () => {}, now: () => NOW })
    expect(r).toMatchObject({ judged: 4, changed: 4 })
    expect(judgements(ws)).toEqual(EXPECTED)
  })

  it('the harness path: judged in-process at start, and the SLA KPI recalculated from them', async () => {
    // Calculated while the judgements were missing: no SR counted as judged → no value.
    applyTemplates(
      ws.store,
      { template_names: ['SLA_COMPLIANCE'] },
      { now: NOW, zone: ZONE, changedBy: null },
    )
    const march = Date.parse('2026-03-01T00:00:00+09:00')
    const valueOf = () =>
      (
        ws.store.sqlite.prepare('SELECT value FROM kpi_values WHERE period_start = ?').get(march) as
          { value: number | null } | undefined
      )?.value
    expect(valueOf()).toBeNull()
    const dataDir = ws.dataDir
    const server = await startHarnessServer({ dataDir, now: () => NOW })
    try {
      await server.jobsIdle()
      expect(judgements(ws)).toEqual(EXPECTED)
      // March: a and c met of the 3 resolved → 2/3 = 66.67 %.
      expect(valueOf()).toBeCloseTo((2 / 3) * 100, 10)
    } finally {
      await server.close()
    }
  })
})
