// The import wizard's steps off the caller's event loop (SPEC §12): in the app each file check and
// import runs in a worker thread with its own connection (here the worker runs its TypeScript source
// via tsx), streams 'import:progress', and stops on import:cancel with nothing written — also while
// its rows are being written, when the worker's event loop is busy. One step runs at a time.
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import { STORE_BUSY_MESSAGE } from '../../../src/main/core/errors'
import { IMPORT_WRITING_BUSY_TIMEOUT_MS } from '../../../src/main/core/sync/import-runner'
import type { ImportProgressEvent } from '../../../src/shared/ipc/types-sync'
import { writeGeneratedCsv, writeGeneratedXlsx } from '../../helpers/generated-csv'
import { heldWorkerFile, holdWorker, type HoldAt, type WorkerHold } from '../../helpers/held-worker'
import { startItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from './app-context'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/import-worker.ts', import.meta.url).href
const ROWS = 40_000
const TOKEN = 'import-worker-token-8c1d2e3f4a5b'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-worker-'))
const big = join(tmp, 'export.csv')
beforeAll(() => writeGeneratedCsv(big, ROWS))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

let app: AppContext | undefined
let hold: WorkerHold | undefined
afterEach(async () => {
  hold?.release()
  hold = undefined
  await app?.dispose()
  app = undefined
})

/** The app's wiring (imports in a worker), or with `inWorker` false the harness's in-process one. */
const context = (inWorker = true): AppContext =>
  appContext(
    inWorker
      ? {
          runtime: (ws) => ({
            importWorker: { file: bootstrap, workspace: { dataDir: ws.dataDir }, extraData: { tsEntry } },
          }),
        }
      : {},
  )
/**
 * The app's wiring, its import worker stopping at the first progress message `at` matches until the
 * test calls `hold.release()`: what the test does "while the worker reads" or "while it writes"
 * happens then, not after the worker, on a machine busier than this thread, has already finished.
 */
const heldContext = (at: HoldAt): AppContext => {
  const h = holdWorker(tsEntry, at)
  hold = h
  return appContext({
    runtime: (ws) => ({
      importWorker: { file: heldWorkerFile, workspace: { dataDir: ws.dataDir }, extraData: h.data },
    }),
  })
}
/** What the open dialog does: register the file (not owned: the shared export stays). */
const choose = (ctx: AppContext, path = big): string =>
  ctx.sync.files.register({ path, fileName: basename(path), size: statSync(path).size }).token
const count = (ctx: AppContext): number =>
  (ctx.ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
const progress = (ctx: AppContext): ImportProgressEvent[] =>
  ctx.events.filter((e) => e.event === 'import:progress').map((e) => e.payload as ImportProgressEvent)
/** Resolves at the first progress event that `pred` accepts (events are polled from the context). */
async function progressWhere(ctx: AppContext, pred: (p: ImportProgressEvent) => boolean): Promise<void> {
  while (!progress(ctx).some(pred)) await new Promise((r) => setTimeout(r, 2))
}

describe('import wizard steps in a worker thread', () => {
  it('checks and imports the file on another thread, streaming progress to the end', async () => {
    app = context()
    const token = choose(app)
    const preview = await app.ok('import:preview', { token })
    expect(app.sync.imports.lastThread()).not.toBe(threadId)
    expect(preview.check).toMatchObject({ rowCount: ROWS, validCount: ROWS, errorCount: 0 })
    // The last word of the check is the whole count, once the end of the file is known.
    expect(progress(app).at(-1)).toEqual({
      step: 'preview',
      fileName: 'export.csv',
      phase: 'reading',
      rows: ROWS,
      total: ROWS,
    })
    app.events.length = 0

    const result = await app.ok('import:run', { token })
    expect(app.sync.imports.lastThread()).not.toBe(threadId)
    expect(result).toMatchObject({ status: 'imported', rowCount: ROWS, written: ROWS })
    // Written on the worker's connection, committed, seen on this one.
    expect(count(app)).toBe(ROWS)
    expect(getWatermark(app.ws.store)).toBe(result.watermark)
    const steps = progress(app)
    expect(steps.every((p) => p.step === 'run' && p.fileName === 'export.csv')).toBe(true)
    const writing = steps.filter((p) => p.phase === 'writing')
    expect(writing[0]).toMatchObject({ rows: 0, total: ROWS })
    expect(writing.at(-1)).toMatchObject({ rows: ROWS, total: ROWS })
    // Reading comes first and never goes backwards.
    const reading = steps.filter((p) => p.phase === 'reading').map((p) => p.rows)
    expect(reading.length).toBeGreaterThan(0)
    expect(reading).toEqual([...reading].sort((a, b) => a - b))
    expect(steps.findIndex((p) => p.phase === 'writing')).toBe(reading.length)
    expect(app.events.some((e) => e.event === 'data:changed')).toBe(true)
  })

  it("a workbook's first pass is made once: not again by a re-check nor by the import, each in a new worker", async () => {
    const book = join(tmp, 'export.xlsx')
    await writeGeneratedXlsx(book, 3000)
    app = context()
    const token = choose(app, book)
    const threads = new Set<number | null>()
    const opening = (): number[] =>
      progress(app!)
        .filter((p) => p.phase === 'opening')
        .map((p) => p.rows)
    expect((await app.ok('import:preview', { token })).check).toMatchObject({ rowCount: 3000, errorCount: 0 })
    threads.add(app.sync.imports.lastThread())
    // The whole sheet, the header and 3,000 rows, read once for its merged cells.
    expect(opening().at(-1)).toBe(3001)
    app.events.length = 0

    // Checked again with another mapping (a value translation), then imported: neither reads the
    // sheet through first.
    const mapping = { values: { status: { Closed: 'DONE' } } }
    await app.ok('import:preview', { token, mapping })
    threads.add(app.sync.imports.lastThread())
    const result = await app.ok('import:run', { token, mapping })
    threads.add(app.sync.imports.lastThread())
    expect(result).toMatchObject({ status: 'imported', written: 3000 })
    expect(opening()).toEqual([])
    expect(progress(app).filter((p) => p.phase === 'reading').length).toBeGreaterThan(0)
    // Three steps on three worker threads, none of them this one.
    expect(threads.size).toBe(3)
    expect(threads.has(threadId)).toBe(false)

    // Touched and chosen again (the same bytes): not read through again.
    app.events.length = 0
    const later = new Date(Date.now() + 60_000)
    utimesSync(book, later, later)
    await app.ok('import:preview', { token: choose(app, book) })
    expect(opening()).toEqual([])

    // Saved again with a row more and chosen again: its first pass is made anew.
    await writeGeneratedXlsx(book, 3001)
    const again = await app.ok('import:preview', { token: choose(app, book) })
    expect(opening().at(-1)).toBe(3002)
    expect(again.check).toMatchObject({ rowCount: 3001, errorCount: 0 })
  })

  it('cancelled while reading: the import answers cancelled and writes nothing', async () => {
    app = heldContext({ phase: 'reading' })
    const token = choose(app)
    const running = app.ok('import:run', { token })
    await progressWhere(app, (p) => p.phase === 'reading')
    expect(await app.ok('import:cancel', {})).toEqual({ cancelled: true })
    hold!.release()
    expect(await running).toMatchObject({ status: 'cancelled', written: 0, watermark: null })
    expect(count(app)).toBe(0)
    expect(progress(app).some((p) => p.phase === 'writing')).toBe(false)
    // Nothing runs any more, and the file can still be imported.
    expect(await app.ok('import:cancel', {})).toEqual({ cancelled: false })
    expect((await app.ok('import:run', { token })).written).toBe(ROWS)
  })

  it('cancelled while its rows are being written: the written chunks roll back', async () => {
    // Held after a chunk is written and before the last one: the cancel comes between two chunks.
    app = heldContext({ phase: 'writing', minRows: 1, belowTotal: true })
    const token = choose(app)
    const running = app.ok('import:run', { token })
    await progressWhere(app, (p) => p.phase === 'writing' && p.rows > 0)
    expect(await app.ok('import:cancel', {})).toEqual({ cancelled: true })
    hold!.release()
    expect(await running).toMatchObject({ status: 'cancelled', written: 0 })
    expect(count(app)).toBe(0)
    expect(getWatermark(app.ws.store)).toBeNull()
    // The worker stopped before its last chunk.
    expect(progress(app).at(-1)?.rows).toBeLessThan(ROWS)
  })

  it('while the worker writes, a write on the app connection is refused as busy at once and saves nothing', async () => {
    // Held at its first word of writing, inside its write transaction.
    app = heldContext({ phase: 'writing' })
    await app.ok('kpi:apply', { template_names: ['MTTR'] })
    const busyTimeout = (): unknown => app?.ws.store.sqlite.pragma('busy_timeout', { simple: true })
    const target = async (): Promise<number> => (await app!.ok('kpi:get', { kpi: 'MTTR' })).definition.target
    const before = { wait: busyTimeout(), target: await target() }
    expect(before.wait).toBe(5000)
    expect(before.target).not.toBe(2.5)
    const token = choose(app)
    const running = app.ok('import:run', { token })
    await progressWhere(app, (p) => p.phase === 'writing')
    // The worker's transaction holds the write lock: waiting the store's 5 s on the app's main
    // loop would block it and fail anyway, so the wait is cut short while the worker writes.
    expect(busyTimeout()).toBe(IMPORT_WRITING_BUSY_TIMEOUT_MS)
    expect(await app.invoke('kpi:update', { kpi: 'MTTR', target: 2.5 })).toEqual({
      ok: false,
      error: { code: 'BUSY', message: STORE_BUSY_MESSAGE, reason: { code: 'store_busy' } },
    })
    expect(await target()).toBe(before.target)
    hold!.release()
    expect((await running).written).toBe(ROWS)
    // Once the import is over the wait is the store's again, and the same change is saved.
    expect(busyTimeout()).toBe(before.wait)
    await app.ok('kpi:update', { kpi: 'MTTR', target: 2.5 })
    expect(await target()).toBe(2.5)
  })

  it('a cancelled file check fails as cancelled; the wizard can check the file again', async () => {
    app = heldContext({ phase: 'reading' })
    const token = choose(app)
    const checking = app.invoke('import:preview', { token })
    await progressWhere(app, (p) => p.phase === 'reading')
    await app.ok('import:cancel', {})
    hold!.release()
    expect(await checking).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The import was cancelled; nothing was written',
        reason: { code: 'import_cancelled' },
      },
    })
    expect((await app.ok('import:preview', { token })).check?.rowCount).toBe(ROWS)
  })

  it('one step at a time: a second check while an import runs is refused as busy', async () => {
    app = heldContext({})
    const token = choose(app)
    const running = app.ok('import:run', { token })
    await progressWhere(app, () => true)
    expect(await app.invoke('import:preview', { token })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('wait for it or cancel it'),
        reason: { code: 'import_busy' },
      },
    })
    hold!.release()
    expect((await running).written).toBe(ROWS)
  })

  it('a worker that cannot open the workspace fails with the reason, and the next step runs', async () => {
    app = appContext({
      runtime: {
        importWorker: {
          file: bootstrap,
          workspace: { dataDir: join(tmp, 'no-such-workspace') },
          extraData: { tsEntry },
        },
      },
    })
    const token = choose(app)
    expect(await app.invoke('import:run', { token })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('No workspace database') },
    })
    // A check needs no workspace: the runner is free again after the failure.
    expect((await app.ok('import:preview', { token })).check?.rowCount).toBe(ROWS)
  })
})

describe('import wizard steps in-process (the browser harness)', () => {
  it('cancelled while reading: nothing written; progress reaches the caller', async () => {
    app = context(false)
    const token = choose(app)
    const running = app.ok('import:run', { token })
    await progressWhere(app, (p) => p.phase === 'reading' && p.rows >= 2000)
    expect(app.sync.imports.cancel()).toBe(true)
    expect(await running).toMatchObject({ status: 'cancelled', written: 0 })
    expect(count(app)).toBe(0)
    expect(app.sync.imports.lastThread()).toBe(threadId)
  })
})

describe('imports and syncs never write at the same time', () => {
  it('a sync does not start while an import writes, and an import waits for a running sync', async () => {
    const sim = await startItsmSimulator({ seed: 3, srCount: 400, token: TOKEN, faults: { latencyMs: 150 } })
    try {
      app = heldContext({})
      await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: TOKEN })
      const token = choose(app)
      const running = app.ok('import:run', { token })
      await progressWhere(app, () => true)
      expect(await app.ok('sync:run', {})).toMatchObject({ started: false, reason: 'importing' })
      hold!.release()
      expect((await running).status).toBe('imported')

      expect((await app.ok('sync:run', {})).started).toBe(true)
      const again = choose(app)
      expect(await app.invoke('import:run', { token: again })).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining('A sync is running'),
          reason: { code: 'import_while_syncing' },
        },
      })
      // Checking a file while the sync runs is fine: it writes nothing.
      expect((await app.ok('import:preview', { token: again })).check?.rowCount).toBe(ROWS)
      await app.sync.scheduler.idle()
      expect(app.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('ok')
    } finally {
      await sim.close()
    }
  })
})
