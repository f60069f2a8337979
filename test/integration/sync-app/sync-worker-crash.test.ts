// A sync worker that dies mid-run (killed by the OS for its memory, a native crash): the run's log
// entry, owned by this process (the worker's), was left 'running', and the app's sync log showed
// it running (this process's own entries may be its worker's run) until the source's next sync,
// while the Sync screen said the run had failed. The entry is closed with the crash's reason at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recentSyncLog } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from './app-context'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const crashing = new URL('../../helpers/crashing-sync-worker.ts', import.meta.url).href
const real = new URL('../../../src/main/core/workers/sync-worker.ts', import.meta.url).href
const TOKEN = 'crash-token-9a8b7c6d5e4f3a2b'
const SRS = 1500

let sim: ItsmSimulator
let app: AppContext | undefined
beforeEach(async () => {
  sim = await startItsmSimulator({ seed: 9, srCount: SRS, token: TOKEN })
})
afterEach(async () => {
  await app?.dispose()
  app = undefined
  await sim.close()
})

describe('a sync worker that dies mid-run', () => {
  it(
    'leaves no running entry: the run is logged failed with the crash, and the next sync resumes',
    { timeout: 60_000 },
    async () => {
      // Which entry the worker runs: the crashing one first, then the real one.
      const entry = { tsEntry: crashing }
      app = appContext({
        runtime: (ws) => ({
          worker: { file: bootstrap, workspace: { dataDir: ws.dataDir }, extraData: entry },
          pageSize: 200,
        }),
      })
      await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: TOKEN })
      sim.setFaults({ latencyMs: 40 })
      expect((await app.ok('sync:run', {})).started).toBe(true)
      await app.sync.scheduler.idle()
      expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
        expect.objectContaining({
          source: 'sim',
          status: 'failed',
          error: expect.objectContaining({
            reason: { code: 'sync_crashed', params: { detail: 'exit code 7', exitCode: 7 } },
          }),
        }),
      ])
      const crashedSrs = (await app.ok('sync:log', {})).find((e) => e.entity === 'srs')
      expect(crashedSrs).toMatchObject({
        status: 'failed',
        error: 'The sync stopped unexpectedly (exit code 7)',
        reason: { code: 'sync_crashed', params: { exitCode: 7 } },
        finishedAt: expect.any(Number),
      })
      // As stored, not only as shown.
      expect(recentSyncLog(app.ws.store, 20).filter((e) => e.status === 'running')).toEqual([])

      // The next run goes on from the last committed page; the crashed entry keeps its reason.
      sim.setFaults({ latencyMs: 0 })
      entry.tsEntry = real
      expect((await app.ok('sync:run', {})).started).toBe(true)
      await app.sync.scheduler.idle()
      expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
        expect.objectContaining({ source: 'sim', status: 'ok' }),
      ])
      expect(app.ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get()).toBe(SRS)
      expect(recentSyncLog(app.ws.store, 50).find((e) => e.id === crashedSrs?.id)).toMatchObject({
        status: 'failed',
        reason: { code: 'sync_crashed' },
      })
    },
  )
})
