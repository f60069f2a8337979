// The header's "connections failing to sync": workspace:status names each connection whose latest
// sync failed (the watermark is the last success of any connection, so it alone would hide them),
// from the app's runs and from the CLI's (sync log only); a cancelled run is no failure, and a later
// success clears it.
import { afterEach, describe, expect, it } from 'vitest'
import { logFinish, logStart } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-failing-header'
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

describe('workspace:status syncFailing', () => {
  it('names the connections whose latest sync failed, until they sync again', async () => {
    sim = await startItsmSimulator({ seed: 8, srCount: 40, token: TOKEN })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    await app.ok('sources:add', { kind: 'itsm', name: 'wrong', url: sim.url, token: 'not-the-token' })
    // Never synced: nothing has failed yet.
    expect((await app.ok('workspace:status', {})).syncFailing).toEqual([])

    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    const after = await app.ok('workspace:status', {})
    expect(after.watermark).not.toBeNull() // "prod" succeeded: the data is as of its run
    expect(after.syncFailing).toEqual(['wrong'])

    // A run of "prod" the CLI made and that failed (only in the sync log): failing too.
    const store = app.ws.store
    const later = Date.now() + 60_000
    const failed = logStart(store, 'itsm:prod', 'tenants', later)
    logFinish(store, failed, { status: 'failed', rows: 0, pages: 0, error: 'Server error (500)' }, later + 1)
    expect((await app.ok('workspace:status', {})).syncFailing).toEqual(['prod', 'wrong'])

    // "wrong" gets its token; both sync again: nothing is failing.
    await app.ok('sources:update', { name: 'wrong', token: TOKEN })
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    expect((await app.ok('workspace:status', {})).syncFailing).toEqual([])

    // A run the user cancelled is no failure.
    const t = Date.now() + 120_000
    const cancelled = logStart(store, 'itsm:prod', 'tenants', t)
    logFinish(store, cancelled, { status: 'cancelled', rows: 0, pages: 0, error: 'Cancelled' }, t + 1)
    expect((await app.ok('workspace:status', {})).syncFailing).toEqual([])
  })
})
