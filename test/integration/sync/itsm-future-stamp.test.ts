// A row stamped in the future by an ITSM REST server (a wrong clock on one writer, a mistyped year in
// a migration) sorts after every real change. Were the stored cursor to move onto it, every later
// change (stamped before it) would lie behind the cursor and never be read. The next run resumes
// instead from the last row stamped no later than the server's clock (its Date header).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createItsmConnector, encodeCursor } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, setCursor } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from '../sync-app/app-context'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps, type RecordingDeps } from './fault-harness'
import { itsmStored, itsmTruth } from './store-snapshot'

const SOURCE = 'itsm:sim'
/** Far past any clock this test runs under. */
const FUTURE = '2099-01-01T00:00:00.000Z'
/** After every seeded row (the simulator's data ends in 2025) and before the real clock. */
const LATER = '2026-01-02T03:04:05.678Z'

let ws: TempWorkspace
let sim: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-future-stamp-')
  sim = await startItsmSimulator({ seed: 9, srCount: 80 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
})

/** One sync run: a connector is built per run, as the app and the CLI do. */
const sync = (deps: RecordingDeps = recordingDeps()) =>
  syncSource(
    ws.store,
    createItsmConnector({ name: 'sim', url: sim.url, token: sim.token, retry: FAST_RETRY }, deps),
    { pageSize: 30, entities: ['tenants', 'categories', 'people', 'srs'] },
  )

/** The SR requests of the runs so far, from `since` on: the position each asked from. */
const srRequestsFrom = (since: number): (string | null)[] =>
  sim.requests
    .filter((r) => r.seq > since && r.path.endsWith('/srs'))
    .map((r) => r.query['updated_after'] ?? null)
const lastSeq = (): number => sim.requests.at(-1)?.seq ?? 0

/** Adds an SR like the first one, stamped `updatedAt`. */
function insertSr(id: string, updatedAt: string): void {
  const model = sim.data.srs[0]
  if (!model) throw new Error('no seeded SR')
  sim.mutate((m) =>
    m.insert('srs', { ...model, id, number: id, title: `stamped ${updatedAt}`, updated_at: updatedAt }),
  )
}

describe('ITSM REST rows stamped after the server clock', () => {
  it('do not hide changes made after them: the next run resumes from the last row stamped before the clock', async () => {
    expect((await sync()).status).toBe('ok')
    // The newest real row before the future one: where the next run must start.
    const newestReal = sim.data.srs.at(-1)
    if (!newestReal) throw new Error('no SRs')
    insertSr('SR-FUTURE', FUTURE)
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })

    // A change made now, stamped (correctly) before the future row.
    const changed = sim.data.srs[10]
    if (!changed) throw new Error('no SR 10')
    sim.mutate((m) => m.update('srs', changed.id, { title: '나중에 바뀐 제목', updated_at: LATER }))
    const since = lastSeq()
    const third = await sync()
    expect(third.status).toBe('ok')
    // It arrived (before, the cursor stood on the future row and the run read nothing).
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
    // The run asked from the newest real row, byte for byte as served, not from the future row. It
    // read the future row again but, unchanged (the same stamp), did not deliver it twice.
    expect(srRequestsFrom(since)[0]).toBe(newestReal.updated_at)
    expect(third.rows).toBe(1)

    // Nothing new: the future row is read again (the run still reads from before it), and 0 rows.
    const quiet = lastSeq()
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    expect(srRequestsFrom(quiet)[0]).toBe(LATER)
    const stored = JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? 'null') as Record<string, unknown>
    expect(stored).toEqual({
      updated_after: FUTURE,
      after_id: 'SR-FUTURE',
      hold: { updated_after: LATER, after_id: changed.id },
      ahead: [[FUTURE, 'SR-FUTURE']],
    })

    // The future row changed (a new stamp, still in the future): delivered again.
    sim.mutate((m) =>
      m.update('srs', 'SR-FUTURE', { title: '또 바뀜', updated_at: '2099-06-01T00:00:00.000Z' }),
    )
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
  })

  it('a future stamp corrected upstream (an earlier updated_at, as §3 asks) replaces the stored row', async () => {
    expect((await sync()).status).toBe('ok')
    const sr = sim.data.srs[5]
    if (!sr) throw new Error('no SR 5')
    // A writer with a wrong clock resolves the SR, stamping it in 2099.
    sim.mutate((m) => m.update('srs', sr.id, { status: 'RESOLVED', updated_at: FUTURE }))
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    // The server's team corrects the stamp, and the SR is closed later on, both stamped before 2099.
    sim.mutate((m) => m.update('srs', sr.id, { updated_at: LATER }))
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
    sim.mutate((m) =>
      m.update('srs', sr.id, { status: 'DONE', closed_at: LATER, updated_at: '2026-02-01T00:00:00.000Z' }),
    )
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
  })

  it('with no row served before the clock, the next run reads from the start', async () => {
    // A server whose clock says 2000: every row it serves is stamped after it.
    const early = answeredWithDate('Sat, 01 Jan 2000 00:00:00 GMT')
    expect((await sync(early)).status).toBe('ok')
    const newest = sim.data.srs.at(-1)
    const cursor = JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? 'null') as Record<string, unknown>
    expect(cursor).toMatchObject({ updated_after: newest?.updated_at, after_id: newest?.id, hold: null })
    // Every SR is remembered as delivered, in the order served.
    expect(cursor['ahead']).toEqual(sim.data.srs.map((r) => [r.updated_at, r.id]))
    const since = lastSeq()
    // No position before the clock was ever served: the next run asks from the start; it reads every
    // row again but delivers none (unchanged).
    expect(await sync(early)).toMatchObject({ status: 'ok', rows: 0 })
    expect(srRequestsFrom(since)[0]).toBeNull()
    // Once the clock is right, the run after it resumes from its newest row as usual.
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    expect(JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? 'null')).toEqual({
      updated_after: newest?.updated_at,
      after_id: newest?.id,
    })
    const quiet = lastSeq()
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    expect(srRequestsFrom(quiet)).toEqual([newest?.updated_at])
  })

  it('a cursor an earlier version left on a future row is read again from the start, once', async () => {
    expect((await sync()).status).toBe('ok')
    // As the earlier connector stored it: the position only, far past the server's clock.
    setCursor(
      ws.store,
      SOURCE,
      'srs',
      encodeCursor({ updated_after: FUTURE, after_id: 'SR-FUTURE' }),
      Date.now(),
    )
    const changed = sim.data.srs[20]
    if (!changed) throw new Error('no SR 20')
    sim.mutate((m) => m.update('srs', changed.id, { status: 'CANCELLED', updated_at: LATER }))
    const since = lastSeq()
    expect((await sync()).status).toBe('ok')
    expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(sim, SOURCE))
    // The stale position first, then the start; the cursor now stands on the newest real row.
    expect(srRequestsFrom(since).slice(0, 2)).toEqual([FUTURE, null])
    expect(JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? 'null')).toEqual({
      updated_after: LATER,
      after_id: changed.id,
    })
    const again = lastSeq()
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    expect(srRequestsFrom(again)).toEqual([LATER])
  })

  it('a row written just now (within the Date header second) is not read again', async () => {
    expect((await sync()).status).toBe('ok')
    const changed = sim.data.srs[30]
    if (!changed) throw new Error('no SR 30')
    sim.mutate((m) => m.update('srs', changed.id, { title: '방금', updated_at: new Date().toISOString() }))
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
  })

  it('without a Date header every row is trusted, as before: a quiet run reads nothing', async () => {
    const noDate = answeredWithDate(null)
    expect((await sync(noDate)).status).toBe('ok')
    insertSr('SR-FUTURE', FUTURE)
    expect(await sync(noDate)).toMatchObject({ rows: 1 })
    // Nothing tells the future row from a real one: the cursor moves onto it, and stays.
    expect(await sync(noDate)).toMatchObject({ rows: 0 })
    expect(JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? 'null')).toEqual({
      updated_after: FUTURE,
      after_id: 'SR-FUTURE',
    })
  })
})

/** Real fetch whose answers carry Date `date` instead of the server's (none when null). */
function answeredWithDate(date: string | null): RecordingDeps {
  const deps = recordingDeps()
  const real = deps.fetch
  return Object.assign(deps, {
    fetch: async (...args: Parameters<typeof real>) => {
      const res = await real(...args)
      const headers = new Headers(res.headers)
      if (date === null) headers.delete('date')
      else headers.set('date', date)
      return new Response(await res.arrayBuffer(), { status: res.status, headers })
    },
  })
}

describe('the Sync screen position of an ITSM REST source past a future row', () => {
  let app: AppContext | undefined
  afterEach(async () => {
    await app?.dispose()
    app = undefined
  })

  it('is where the data is complete up to (the last row before the clock), not the future row', async () => {
    insertSr('SR-FUTURE', FUTURE)
    const newestReal = sim.data.srs.filter((r) => r.id !== 'SR-FUTURE').at(-1)
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'sim', url: sim.url, token: sim.token })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    expect(app.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('ok')
    const [view] = await app.ok('sources:list', {})
    expect(view?.cursors.find((c) => c.entity === 'srs')?.position).toBe(newestReal?.updated_at)
  })
})
