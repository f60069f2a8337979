// A source's "last success" on the Sync screen is the end of a whole successful sync, not the end of
// the first entities of a run that then failed or was cancelled.
import { afterEach, describe, expect, it } from 'vitest'
import { syncEntityNameEn } from '../../../src/shared/labels'
import { logFinish, logStart } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-last-success-7e1d'
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

/** The app's store with a source "cli" the command line added (its runs are only in the sync log). */
function cliSourceStore(ctx: AppContext): AppContext['ws']['store'] {
  const store = ctx.ws.store
  store.sqlite
    .prepare("INSERT INTO sources (name, kind, config, created_at) VALUES ('cli', 'itsm', ?, 0)")
    .run(JSON.stringify({ url: 'http://127.0.0.1:2', tokenEnv: 'ITSM_TOKEN' }))
  return store
}

describe("a source's last success", () => {
  it('stays "never" after a run cancelled once its first entities were in', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 3000, token: TOKEN, faults: { latencyMs: 60 } })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    app.sync.scheduler.runNow()
    for (let i = 0; i < 400 && app.sync.scheduler.status().progress?.entity !== 'srs'; i++)
      await new Promise((resolve) => setTimeout(resolve, 10))
    app.sync.scheduler.cancel()
    await app.sync.scheduler.idle()
    const log = await app.ok('sync:log', {})
    expect(log.some((e) => e.entity === 'tenants' && e.status === 'ok')).toBe(true)
    const [view] = await app.ok('sources:list', {})
    expect(view).toMatchObject({ lastSuccessAt: null, lastError: { cause: 'cancelled' } })
  })

  it('is the end of the last whole run among the runs the command line logged', async () => {
    app = appContext()
    const store = cliSourceStore(app)
    let t = Date.parse('2026-03-18T00:00:00Z')
    const run = (entities: string[], lastStatus: 'ok' | 'failed'): number => {
      for (const [i, entity] of entities.entries()) {
        const id = logStart(store, 'itsm:cli', entity, (t += 1000))
        const failed = i === entities.length - 1 && lastStatus === 'failed'
        logFinish(
          store,
          id,
          {
            status: failed ? 'failed' : 'ok',
            rows: 1,
            pages: 1,
            ...(failed ? { error: 'The server failed (500)' } : {}),
          },
          (t += 1000),
        )
      }
      return t
    }
    const whole = run(['tenants', 'categories', 'people', 'srs', 'sr_events'], 'ok')
    run(['tenants', 'categories', 'people', 'srs'], 'failed')
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastSuccessAt).toBe(whole)
    expect(view?.lastError?.cause).toBe('server')
  })

  it('is still known after weeks of failed runs (6,000 of them, one entry each)', async () => {
    app = appContext()
    const store = cliSourceStore(app)
    let t = Date.parse('2026-03-18T00:00:00Z')
    for (const entity of ['tenants', 'categories', 'people', 'srs', 'sr_events'])
      logFinish(
        store,
        logStart(store, 'itsm:cli', entity, (t += 1000)),
        { status: 'ok', rows: 1, pages: 1 },
        (t += 1000),
      )
    const whole = t
    // Every 5 minutes for about three weeks, the server refused the first request.
    store.sqlite.transaction(() => {
      for (let i = 0; i < 6000; i++) {
        const id = logStart(store, 'itsm:cli', 'tenants', (t += 300_000))
        logFinish(
          store,
          id,
          {
            status: 'failed',
            rows: 0,
            pages: 0,
            error: 'Offline: connect ECONNREFUSED 127.0.0.1:2 (tenants)',
          },
          t + 50,
        )
      }
    })()
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastSuccessAt).toBe(whole)
    expect(view?.lastError?.cause).toBe('offline')
  })

  it('does not move, and the refused collections are the error, after a run that skipped what the account may not read', async () => {
    app = appContext()
    const store = cliSourceStore(app)
    let t = Date.parse('2026-03-18T00:00:00Z')
    const run = (refused: string[]): number => {
      for (const entity of ['tenants', 'categories', 'people', 'srs', 'sr_events', 'deployments']) {
        const id = logStart(store, 'itsm:cli', entity, (t += 1000))
        const forbidden = refused.includes(entity)
        logFinish(
          store,
          id,
          forbidden
            ? {
                status: 'failed',
                rows: 0,
                pages: 0,
                error: `The account may not read http://127.0.0.1:2/api/v1/${entity} (403) (ITSM REST connection "cli", ${syncEntityNameEn(entity)})`,
                reason: { code: 'http_forbidden', params: { status: 403, entity } },
              }
            : { status: 'ok', rows: 1, pages: 1 },
          (t += 1000),
        )
      }
      return t
    }
    const whole = run([])
    // A command-line sync that went on past people and deployments (403) and synced the rest.
    const partial = run(['people', 'deployments'])
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastSuccessAt).toBe(whole)
    expect(view?.lastError).toEqual({
      at: partial,
      cause: 'forbidden',
      message:
        'The account may not read people, deployments (403): they were skipped in this sync, the other data was synced, and the next sync asks for them again (ITSM REST connection "cli"). If the account is not meant to read them, turn them off in the connection\'s settings (Settings → Connections, or `source update cli --skip people,deployments`): the syncs then succeed without them',
      reason: {
        code: 'collections_refused',
        params: { entities: 'people,deployments', source: 'cli', kind: 'itsm', skip: 'people,deployments' },
      },
    })
    expect((await app.ok('workspace:status', {})).syncFailing).toEqual(['cli'])
    // The next run reads them all: a whole success again, and no error.
    const after = run([])
    const [next] = await app.ok('sources:list', {})
    expect(next).toMatchObject({ lastSuccessAt: after, lastError: null })
  })

  it('a command-line run that failed after skipping refused collections says them with its failure', async () => {
    app = appContext()
    const store = cliSourceStore(app)
    let t = Date.parse('2026-03-18T00:00:00Z')
    const forbidden = (entity: string) => ({
      status: 'failed' as const,
      rows: 0,
      pages: 0,
      error: `The account may not read http://127.0.0.1:2/api/v1/${entity} (403) (ITSM REST connection "cli", ${syncEntityNameEn(entity)})`,
      reason: { code: 'http_forbidden' as const, params: { status: 403, entity } },
    })
    const failed = {
      status: 'failed' as const,
      rows: 0,
      pages: 0,
      error:
        'The server failed (500) at http://127.0.0.1:2/api/v1/deployments (ITSM REST connection "cli", deployments)',
      reason: { code: 'http_server' as const, params: { status: 500, entity: 'deployments' } },
    }
    for (const [entity, end] of [
      ['tenants', { status: 'ok', rows: 1, pages: 1 }],
      ['people', forbidden('people')],
      ['srs', { status: 'ok', rows: 1, pages: 1 }],
      ['sr_events', forbidden('sr_events')],
      ['deployments', failed],
    ] as const) {
      const id = logStart(store, 'itsm:cli', entity, (t += 1000))
      logFinish(store, id, end, (t += 1000))
    }
    const [view] = await app.ok('sources:list', {})
    expect(view?.lastError).toEqual({
      at: t,
      cause: 'server',
      message: `${failed.error}; before that, this sync skipped people, SR history, collections the account may not read (403)`,
      reason: {
        code: 'http_server',
        params: { status: 500, entity: 'deployments', refused: 'people,sr_events' },
      },
    })
  })

  it("is the app's own run's too: a run refused people shows the refusal, with SRs synced", async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 50, token: TOKEN, faults: { forbidden: ['people'] } })
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const [view] = await app.ok('sources:list', {})
    expect(view).toMatchObject({
      lastSuccessAt: null,
      lastError: {
        cause: 'forbidden',
        reason: { code: 'collections_refused', params: { entities: 'people' } },
      },
    })
    const log = await app.ok('sync:log', {})
    expect(log.find((e) => e.entity === 'people')).toMatchObject({ status: 'failed', cause: 'forbidden' })
    expect(log.find((e) => e.entity === 'srs')).toMatchObject({ status: 'ok', rows: 50 })
  })
})
