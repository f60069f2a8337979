// The app's sync against the ITSM simulator when the workspace refuses to store the SRs: the run's
// outcome, the connection's last error and the sync log say so with a reason and a cause the Sync
// screen words ("디스크 공간 부족"); the next run after space is freed resumes and brings the rest.
// When the workspace refuses every write (read-only), the outcome still reaches the Sync screen.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps, type FetchLike } from '../../../src/main/core/sources/http'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { writeGeneratedCsv } from '../../helpers/generated-csv'
import type { TempWorkspace } from '../../helpers/workspace'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-store-refused-7d1e'
const tmp = mkdtempSync(join(tmpdir(), 'ops-store-refused-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = sim = undefined
})

/** An app whose store meets `refuse` as the SRs are first asked for (the collections before are stored). */
function appRefusingAt(refuse: (ws: TempWorkspace) => void, warnings: string[]): AppContext {
  let armed = true
  return appContext({
    runtime: (ws) => {
      const fetchThrough: FetchLike = (input, init) => {
        if (armed && input.includes('/api/v1/srs')) {
          armed = false
          refuse(ws)
        }
        return fetch(input, init)
      }
      return {
        httpDeps: defaultHttpDeps({ sleep: () => Promise.resolve(), fetch: fetchThrough }),
        log: { info: () => undefined, warn: (line) => warnings.push(line) },
      }
    },
  })
}

async function syncOnce(ctx: AppContext) {
  ctx.sync.scheduler.runNow()
  await ctx.sync.scheduler.idle()
  return ctx.sync.scheduler.status()
}

const srCount = (ctx: AppContext): number =>
  (ctx.ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

describe('a sync the workspace refuses to store', () => {
  it('a full disk: the outcome, the connection and the log say store_full; the next run resumes and brings every SR', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 300, token: TOKEN })
    const warnings: string[] = []
    app = appRefusingAt((ws) => {
      const sqlite = ws.store.sqlite
      sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
    }, warnings)
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    const first = await syncOnce(app)
    const outcome = first.lastRun?.outcomes[0]
    const dir = app.ws.dataDir
    const expected = { code: 'sync_store_full', params: { dir, source: 'prod', kind: 'itsm', entity: 'srs' } }
    // Before: cause 'other', reason null, message 'database or disk is full (…)'.
    expect(outcome).toMatchObject({ status: 'failed', error: { cause: 'store_full', reason: expected } })
    expect(outcome?.error?.message).toMatch(
      /^The workspace's disk is full: free some space on the drive holding /,
    )
    // A failure of this computer's disk is no offline source: no quiet probing, no warning logged.
    expect(first.state).toBe('idle')
    const view = (await app.ok('sources:list', {})).find((s) => s.name === 'prod')
    expect(view?.lastError).toMatchObject({ cause: 'store_full', reason: expected })
    const log = await app.ok('sync:log', {})
    expect(log[0]).toMatchObject({ entity: 'srs', status: 'failed', reason: expected })
    // The collections read before the SRs were stored, and stay.
    expect(log.slice(1).map((e) => e.status)).toEqual(['ok', 'ok', 'ok'])

    // Space freed: the next run brings the SRs.
    app.ws.store.sqlite.pragma('max_page_count = 1073741823')
    const second = await syncOnce(app)
    expect(second.lastRun?.outcomes[0]).toMatchObject({ status: 'ok', error: null })
    expect(srCount(app)).toBe(300)
    expect(warnings).toEqual([])
  })

  it('a workspace turned read-only: the outcome still reaches the Sync screen with store_readonly, though neither the log nor the connection record could be written', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 30, token: TOKEN })
    const warnings: string[] = []
    app = appRefusingAt((ws) => ws.store.sqlite.pragma('query_only = 1'), warnings)
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    const status = await syncOnce(app)
    const outcome = status.lastRun?.outcomes[0]
    // Before: the run's bookkeeping threw, and the outcome said "attempt to write a readonly database"
    // with no reason (cause 'other').
    expect(outcome).toMatchObject({
      status: 'failed',
      error: {
        cause: 'store_readonly',
        reason: {
          code: 'sync_store_readonly',
          params: { dir: app.ws.dataDir, source: 'prod', kind: 'itsm', entity: 'srs' },
        },
      },
    })
    const finished = app.events.filter((e) => e.event === 'sync:finished')
    expect(finished).toHaveLength(1)
    expect(finished[0]?.payload).toMatchObject({ outcomes: [{ error: { cause: 'store_readonly' } }] })
    expect(warnings).toEqual([])
    app.ws.store.sqlite.pragma('query_only = 0')
  })

  it('an import the full disk refuses: the wizard gets store_full naming the folder, nothing of the file is in, the failure is logged', async () => {
    const file = join(tmp, 'export.csv')
    await writeGeneratedCsv(file, 2000)
    app = appContext()
    const sqlite = app.ws.store.sqlite
    const token = app.sync.files.register({
      path: file,
      fileName: basename(file),
      size: statSync(file).size,
    }).token
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
    const dir = app.ws.dataDir
    // Before: { code: 'INTERNAL', message: 'Internal error: database or disk is full' }.
    expect(await app.invoke('import:run', { token })).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: `The workspace's disk is full: free some space on the drive holding ${dir} and try again. What this step was writing was not saved; the data saved before it is unchanged.`,
        reason: { code: 'store_full', params: { dir } },
      },
    })
    expect(srCount(app)).toBe(0)
    // The rolled-back write gave its pages back: the log line saying why fits.
    expect((await app.ok('sync:log', {}))[0]).toMatchObject({
      status: 'failed',
      detail: 'export.csv',
      reason: { code: 'store_full', params: { dir } },
    })
    sqlite.pragma('max_page_count = 1073741823')
    expect((await app.ok('import:run', { token })).written).toBe(2000)
  })
})
