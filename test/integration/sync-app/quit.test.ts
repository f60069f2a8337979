// Quitting the app while a sync or an import runs (the shell's will-quit waits for the runtime's
// shutdown): the running sync is asked to cancel and waited for, so it commits the pages it holds
// and logs its run as cancelled, instead of being cut off like a killed process (its entry left
// 'running', later shown as interrupted). A worker that does not answer within the bound is
// terminated, and nothing starts once the quit has begun. The workers run their TypeScript sources
// via tsx against the loopback ITSM simulator, as in sync-worker.test.ts.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getSource } from '../../../src/main/core/sources/registry'
import { QUIT_GRACE_MS, type SyncRuntimeOptions } from '../../../src/main/core/sync/runtime'
import type { Timers } from '../../../src/main/core/sync/scheduler'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { runSyncInWorker } from '../../../src/main/core/workers/run-sync-in-worker'
import type { SyncWorkerData } from '../../../src/main/core/workers/sync-worker-protocol'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import type { ImportProgressEvent, SyncProgressEvent } from '../../../src/shared/ipc/types-sync'
import { writeGeneratedCsv } from '../../helpers/generated-csv'
import { heldWorkerFile, holdWorker, type WorkerHold } from '../../helpers/held-worker'
import type { TempWorkspace } from '../../helpers/workspace'
import { appContext, type AppContext } from './app-context'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const syncEntry = new URL('../../../src/main/core/workers/sync-worker.ts', import.meta.url).href
const importEntry = new URL('../../../src/main/core/workers/import-worker.ts', import.meta.url).href
const TOKEN = 'quit-token-0f1e2d3c4b5a6978'
const SRS = 1500
const PAGE = 200

let sim: ItsmSimulator
let app: AppContext | undefined
let hold: WorkerHold | undefined
beforeEach(async () => {
  sim = await startItsmSimulator({ seed: 9, srCount: SRS, token: TOKEN })
})
afterEach(async () => {
  hold?.release()
  hold = undefined
  await app?.dispose()
  app = undefined
  await sim.close()
})

/**
 * The app's wiring: each source syncs in a worker thread (the one `file` names), pages of PAGE;
 * `importHold` runs the import worker held (held-ts-worker.mjs).
 */
const inWorkers =
  (
    file: URL = bootstrap,
    extraData: Record<string, unknown> = { tsEntry: syncEntry },
    importHold?: WorkerHold,
  ) =>
  (ws: TempWorkspace): Partial<SyncRuntimeOptions> => ({
    worker: { file, workspace: { dataDir: ws.dataDir }, extraData },
    importWorker: {
      file: importHold ? heldWorkerFile : bootstrap,
      workspace: { dataDir: ws.dataDir },
      extraData: importHold ? importHold.data : { tsEntry: importEntry },
    },
    pageSize: PAGE,
  })
const srCount = (ctx: AppContext): number =>
  ctx.ws.store.sqlite
    .prepare("SELECT count(*) FROM service_requests WHERE source = 'itsm:sim'")
    .pluck()
    .get() as number
const syncProgress = (ctx: AppContext): SyncProgressEvent[] =>
  ctx.events.filter((e) => e.event === 'sync:progress').map((e) => e.payload as SyncProgressEvent)
async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 30 s`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('quitting while a sync runs', () => {
  it(
    'cancels the sync, waits for it to log the run as cancelled with whole pages and their cursor, then resolves',
    { timeout: 60_000 },
    async () => {
      // The worker stops once it has said an SR page is stored, until the quit has begun: the quit
      // comes in the middle of the 8 SR pages (80 ms each) however late this thread sees that page.
      hold = holdWorker(syncEntry, { entity: 'srs', minRows: 1 })
      app = appContext({ runtime: inWorkers(heldWorkerFile, hold.data) })
      await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: TOKEN })
      sim.setFaults({ latencyMs: 80 })
      expect((await app.ok('sync:run', {})).started).toBe(true)
      await until(() => syncProgress(app!).some((p) => p.entity === 'srs' && p.rows > 0), 'an SR page')

      const quitting = app.sync.shutdown()
      hold.release()
      const report = await quitting
      expect(report).toMatchObject({ syncing: true, importing: false, terminated: false, stopped: true })
      expect(report.ms).toBeLessThan(QUIT_GRACE_MS)

      // The entry as stored (not as the log would word a 'running' one): cancelled, with the rows
      // it committed — whole pages, and exactly the rows in the store.
      const srs = recentSyncLog(app.ws.store, 20).find((e) => e.entity === 'srs')
      expect(srs).toMatchObject({ status: 'cancelled', finishedAt: expect.any(Number) })
      expect(recentSyncLog(app.ws.store, 20).filter((e) => e.status === 'running')).toEqual([])
      const stored = srCount(app)
      expect(stored).toBeGreaterThan(0)
      expect(stored).toBeLessThan(SRS)
      expect(stored % PAGE).toBe(0)
      expect(srs?.rows).toBe(stored)
      expect(getCursor(app.ws.store, 'itsm:sim', 'srs')).not.toBeNull()
      expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
        expect.objectContaining({ source: 'sim', status: 'cancelled', rows: expect.any(Number) }),
      ])

      // Quitting has begun: nothing starts again, on demand or by the timer.
      expect(await app.ok('sync:run', {})).toMatchObject({ started: false, reason: 'busy' })
      expect(app.sync.scheduler.status()).toMatchObject({ state: 'idle', nextRunAt: null })

      // The cursor stands exactly after the stored rows: the next sync (the app started again)
      // pulls the rest and nothing twice.
      sim.setFaults({ latencyMs: 0 })
      const record = getSource(app.ws.store, 'sim')!
      const resumed = await runSyncInWorker(
        bootstrap,
        {
          workspace: { dataDir: app.ws.dataDir },
          record,
          secrets: { token: TOKEN, password: null, proxyPassword: null },
          full: false,
          pageSize: PAGE,
          tsEntry: syncEntry,
        } as SyncWorkerData,
        { onProgress: () => {} },
      )
      expect(resumed.status).toBe('ok')
      expect(recentSyncLog(app.ws.store, 20).find((e) => e.entity === 'srs')).toMatchObject({
        status: 'ok',
        rows: SRS - stored,
      })
      expect(srCount(app)).toBe(SRS)
    },
  )

  it(
    'terminates a sync worker that does not answer within the bound, and resolves',
    { timeout: 30_000 },
    async () => {
      // A worker stuck where it cannot read the request to cancel (as one waiting for another
      // writer's lock is): it spins, counting in memory shared with this thread.
      const counter = new SharedArrayBuffer(4)
      const count = new Int32Array(counter)
      const stuck = new URL(
        'data:text/javascript,' +
          encodeURIComponent(
            "import { workerData } from 'node:worker_threads'\n" +
              'const n = new Int32Array(workerData.counter)\n' +
              'for (;;) Atomics.add(n, 0, 1)\n',
          ),
      )
      // The worker's thread, to see it end (the runtime does not wait for that).
      const started: Worker[] = []
      const onWorker = (w: Worker): void => void started.push(w)
      process.on('worker', onWorker)
      app = appContext({ runtime: inWorkers(stuck, { counter }) })
      await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: TOKEN })
      expect((await app.ok('sync:run', {})).started).toBe(true)
      await until(() => Atomics.load(count, 0) > 0, 'the worker running')
      process.off('worker', onWorker)
      expect(started).toHaveLength(1)
      const exited = new Promise((resolve) => started[0]!.once('exit', resolve))

      const graceMs = 300
      const report = await app.sync.shutdown({ graceMs })
      expect(report).toMatchObject({ syncing: true, terminated: true, stopped: true })
      expect(report.ms).toBeGreaterThanOrEqual(graceMs - 5)
      expect(report.ms).toBeLessThan(graceMs + 2000)
      expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
        expect.objectContaining({
          source: 'sim',
          status: 'cancelled',
          error: expect.objectContaining({
            message: 'Stopped: the sync did not answer the request to cancel in time',
          }),
        }),
      ])
      // The thread ends, and with it its count.
      await exited
      const last = Atomics.load(count, 0)
      await new Promise((r) => setTimeout(r, 100))
      expect(Atomics.load(count, 0)).toBe(last)
    },
  )

  it('starts nothing once quitting has begun: not the timer, not a run asked for', async () => {
    const fns: (() => void)[] = []
    const timers: Timers = { set: (fn) => fns.push(fn), clear: () => {} }
    app = appContext({ runtime: (ws) => ({ ...inWorkers()(ws), timers, startDelayMs: 0 }) })
    await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: TOKEN })
    app.sync.scheduler.start()
    expect(fns).toHaveLength(1)
    expect(await app.sync.shutdown()).toMatchObject({ syncing: false, importing: false, terminated: false })
    // A timer that fires anyway (set before the quit) and the Sync screen's button both find it closed.
    for (const fn of fns) fn()
    expect(app.sync.scheduler.status().state).toBe('idle')
    expect(await app.ok('sync:run', {})).toMatchObject({ started: false, reason: 'busy' })
    app.sync.scheduler.start()
    expect(app.sync.scheduler.status()).toMatchObject({ state: 'idle', nextRunAt: null })
    expect(sim.requests).toEqual([])
    expect(recentSyncLog(app.ws.store, 10)).toEqual([])
  })
})

describe('quitting while a file is imported', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ops-quit-import-'))
  const big = join(tmp, 'export.csv')
  beforeAll(() => writeGeneratedCsv(big, 40_000))
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it(
    'cancels the import, which rolls back and is logged as cancelled, then resolves',
    { timeout: 60_000 },
    async () => {
      // The import worker stops at its first word of writing until the quit has begun.
      hold = holdWorker(importEntry, { phase: 'writing' })
      app = appContext({ runtime: inWorkers(undefined, undefined, hold) })
      const { token } = app.sync.files.register({
        path: big,
        fileName: basename(big),
        size: statSync(big).size,
      })
      const running = app.ok('import:run', { token })
      await until(
        () =>
          app!.events.some(
            (e) => e.event === 'import:progress' && (e.payload as ImportProgressEvent).phase === 'writing',
          ),
        'the import writing',
      )
      const quitting = app.sync.shutdown()
      hold.release()
      const report = await quitting
      expect(report).toMatchObject({ syncing: false, importing: true, terminated: false, stopped: true })
      expect(await running).toMatchObject({ status: 'cancelled', written: 0 })
      expect(app.ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get()).toBe(0)
      expect(recentSyncLog(app.ws.store, 5)).toEqual([
        expect.objectContaining({ status: 'cancelled', detail: 'export.csv' }),
      ])
    },
  )
})
