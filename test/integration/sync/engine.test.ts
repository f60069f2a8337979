// The sync runner against an in-memory connector: transactions, resume, failures, cancellation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark, getWorkspaceKind, setWatermark } from '../../../src/main/core/db/meta'
import type { SrInput } from '../../../src/main/core/db/repositories/service-requests'
import { cancelled, SourceError, syncReason } from '../../../src/main/core/sources/http'
import type { Connector, Page, SyncEntity } from '../../../src/main/core/sources/types'
import { syncSource, type SyncProgress } from '../../../src/main/core/sync/engine'
import { getCursor, logFinish, logStart, recentSyncLog, setCursor } from '../../../src/main/core/sync/state'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const T0 = Date.parse('2026-03-01T00:00:00Z')
const rows: SrInput[] = Array.from({ length: 25 }, (_, i) => ({
  source: 'itsm:fake',
  sourceId: `SR-${String(i).padStart(3, '0')}`,
  tenant: i % 2 ? '행정안전부' : '서울특별시청',
  title: `요청 ${i}`,
  priority: 'P3',
  status: 'OPEN',
  createdAt: T0 + i * 60_000,
  updatedAt: T0 + i * 60_000,
}))

/** Pages of `size` over `rows`; the cursor is the index after the page. `failAt` pages throw once. */
function fakeConnector(
  opts: { size?: number; fail?: Map<number, SourceError>; onFetch?: (cursor: string | null) => void } = {},
) {
  const size = opts.size ?? 10
  const calls: (string | null)[] = []
  const connector: Connector = {
    kind: 'itsm',
    name: 'fake',
    entities: ['srs'],
    async fetchPage<E extends SyncEntity>(_entity: E, cursor: string | null): Promise<Page<E>> {
      calls.push(cursor)
      opts.onFetch?.(cursor)
      const start = cursor === null ? 0 : Number(cursor)
      const failure = opts.fail?.get(start)
      if (failure) {
        opts.fail?.delete(start)
        throw failure
      }
      const slice = rows.slice(start, start + size)
      const next = start + slice.length
      return {
        rows: slice as never,
        cursor: String(next),
        hasMore: next < rows.length,
        total: rows.length - start,
      }
    },
    whoAmI: async () => ({ name: 'sync', role: 'operator' }),
  }
  return { connector, calls }
}

const count = (ws: TempWorkspace): number =>
  (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

describe('syncSource', () => {
  let ws: TempWorkspace
  let clock: number
  const now = () => clock
  beforeEach(() => {
    ws = tempWorkspace()
    clock = Date.parse('2026-03-18T06:00:00Z')
  })
  afterEach(() => ws.dispose())

  it('never moves the watermark back: a sync that started before another finished leaves it, a future one is replaced', async () => {
    // Another process (the CLI, another source) finished a sync that started at 06:01 while this one,
    // started at 06:00, was still fetching (each page takes two minutes here).
    const other = clock + 60_000
    setWatermark(ws.store, other)
    const { connector } = fakeConnector({ onFetch: () => (clock += 120_000) })
    const started = clock
    expect(await syncSource(ws.store, connector, { now })).toMatchObject({ status: 'ok', startedAt: started })
    expect(getWatermark(ws.store)).toBe(other) // before: 06:00, an hour's data "older" than it was
    // Nothing stored later: the sync's start, as always.
    const second = clock
    expect(await syncSource(ws.store, fakeConnector().connector, { now })).toMatchObject({ status: 'ok' })
    expect(getWatermark(ws.store)).toBe(second)
    // A watermark in the future (the clock was once set a year ahead) does not stay there.
    setWatermark(ws.store, clock + 365 * 86_400_000)
    const third = clock
    expect(await syncSource(ws.store, fakeConnector().connector, { now })).toMatchObject({ status: 'ok' })
    expect(getWatermark(ws.store)).toBe(third)
  })

  it('pulls every page, stores the cursor with them, sets the watermark and logs the run', async () => {
    const { connector, calls } = fakeConnector()
    const progress: SyncProgress[] = []
    const outcome = await syncSource(ws.store, connector, { now, onProgress: (p) => progress.push(p) })
    expect(outcome).toMatchObject({ status: 'ok', rows: 25, pages: 3, error: null })
    expect(calls).toEqual([null, '10', '20'])
    expect(count(ws)).toBe(25)
    expect(getCursor(ws.store, 'itsm:fake', 'srs')).toBe('25')
    expect(getWatermark(ws.store)).toBe(clock)
    expect(getWorkspaceKind(ws.store)).toBe('live')
    // The entity is announced (0 rows) before its first page, then each page's running count.
    expect(progress.map((p) => p.rows)).toEqual([0, 10, 20, 25])
    expect(progress.at(-1)?.total).toBe(25)
    expect(recentSyncLog(ws.store)[0]).toMatchObject({
      entity: 'srs',
      status: 'ok',
      rows: 25,
      pages: 3,
      error: null,
    })
  })

  it("announces each entity before its first page arrives, so progress never shows the previous entity's figures meanwhile", async () => {
    const progress: SyncProgress[] = []
    /** What the progress said while each entity's first page was still on its way. */
    const whileWaiting = new Map<SyncEntity, SyncProgress | undefined>()
    const connector: Connector = {
      kind: 'itsm',
      name: 'fake',
      entities: ['tenants', 'categories'],
      async fetchPage<E extends SyncEntity>(entity: E): Promise<Page<E>> {
        // The page arrives after a macrotask, as from a network: the engine has said what it said by then.
        await new Promise((resolve) => setTimeout(resolve, 0))
        whileWaiting.set(entity, progress.at(-1))
        const rows = entity === 'tenants' ? [{ name: '행정안전부', createdAt: T0 }] : ['네트워크', '계정']
        return { rows: rows as never, cursor: 'end', hasMore: false, total: rows.length }
      },
      whoAmI: async () => ({ name: 'sync', role: 'operator' }),
    }
    const outcome = await syncSource(ws.store, connector, { now, onProgress: (p) => progress.push(p) })
    expect(outcome.status).toBe('ok')
    // Tenants had finished at 1 of 1 when categories began: the bar now says categories, nothing yet.
    expect(whileWaiting.get('categories')).toMatchObject({
      entity: 'categories',
      rows: 0,
      pages: 0,
      total: null,
      etaMs: null,
      entityIndex: 1,
      entityCount: 2,
    })
    expect(whileWaiting.get('tenants')).toMatchObject({ entity: 'tenants', rows: 0, entityIndex: 0 })
    expect(progress.map((p) => `${p.entity}:${p.rows}`)).toEqual([
      'tenants:0',
      'tenants:1',
      'categories:0',
      'categories:2',
    ])
  })

  it('keeps committed pages when a later page fails, says why, and resumes from there', async () => {
    const fail = new Map([
      [20, new SourceError('server', 'The server failed (500) at http://127.0.0.1/api/v1/srs', 500)],
    ])
    const first = fakeConnector({ fail })
    const failed = await syncSource(ws.store, first.connector, { now })
    expect(failed.status).toBe('failed')
    expect(failed.error).toContain('The server failed (500)')
    expect(failed.error).toContain('"fake"')
    expect(count(ws)).toBe(20) // pages 1 and 2 are committed
    expect(getCursor(ws.store, 'itsm:fake', 'srs')).toBe('20') // and the cursor with them, not beyond
    expect(getWatermark(ws.store)).toBeNull() // no successful sync yet
    expect(recentSyncLog(ws.store)[0]).toMatchObject({ status: 'failed', rows: 20, pages: 2 })

    const second = fakeConnector()
    const resumed = await syncSource(ws.store, second.connector, { now })
    expect(resumed).toMatchObject({ status: 'ok', rows: 5, pages: 1 })
    expect(second.calls).toEqual(['20'])
    expect(count(ws)).toBe(25)
  })

  it('says where a run failed as the English Sync screen does, and keeps the keys in the reason', async () => {
    /** A connector of `kind` whose `entity` fails with `error` on its first page. */
    const failing = (
      kind: Connector['kind'],
      name: string,
      entity: SyncEntity,
      error: SourceError,
    ): Connector => ({
      kind,
      name,
      entities: [entity],
      fetchPage: () => Promise.reject(error),
      whoAmI: async () => ({ name: 'sync', role: 'operator' }),
    })
    const url = 'http://127.0.0.1/api/v1/sr-events'
    const server = new SourceError(
      'server',
      `The server failed (500) at ${url}`,
      500,
      undefined,
      false,
      syncReason('http_server', { status: 500, url }),
    )
    const failed = await syncSource(ws.store, failing('itsm', 'prod', 'sr_events', server), { now })
    expect(failed).toMatchObject({
      status: 'failed',
      error: `The server failed (500) at ${url} (ITSM REST connection "prod", SR history)`,
      reason: {
        code: 'http_server',
        params: { status: 500, url, source: 'prod', kind: 'itsm', entity: 'sr_events' },
      },
    })
    // The sync log (what `sync log` and the app show for a reason it has no words for) keeps the same.
    expect(recentSyncLog(ws.store, 1, 'itsm:prod')[0]).toMatchObject({
      entity: 'sr_events',
      error: failed.error,
      reason: failed.reason,
    })

    const cancelledRun = await syncSource(ws.store, failing('servicenow', 'slow', 'srs', cancelled()), {
      now,
    })
    expect(cancelledRun).toMatchObject({
      status: 'cancelled',
      error: 'Cancelled (ServiceNow connection "slow", service requests)',
      reason: { code: 'cancelled', params: { source: 'slow', kind: 'servicenow', entity: 'srs' } },
    })

    const down = new SourceError('network', 'Cannot reach http://127.0.0.1:2/api/v1/feature-usage')
    const offline = await syncSource(ws.store, failing('itsm', 'lab', 'feature_usage', down), { now })
    expect(offline).toMatchObject({
      status: 'offline',
      error:
        'Offline: Cannot reach http://127.0.0.1:2/api/v1/feature-usage (ITSM REST connection "lab", feature usage)',
      reason: null,
    })
  })

  it('reports offline without touching the data or the watermark', async () => {
    const fail = new Map([
      [0, new SourceError('network', 'Cannot reach http://127.0.0.1:2/api/v1/srs (ECONNREFUSED)')],
    ])
    const outcome = await syncSource(ws.store, fakeConnector({ fail }).connector, { now })
    expect(outcome.status).toBe('offline')
    expect(outcome.error).toMatch(/^Offline: Cannot reach/)
    expect(count(ws)).toBe(0)
    expect(getWatermark(ws.store)).toBeNull()
  })

  it('stops when cancelled, keeping what was committed', async () => {
    const controller = new AbortController()
    const { connector } = fakeConnector({ onFetch: (cursor) => cursor === '10' && controller.abort() })
    const outcome = await syncSource(ws.store, connector, { now, signal: controller.signal })
    // The fake ignores the signal, so page 2 still arrives and commits; page 3 is never asked for.
    expect(outcome.status).toBe('cancelled')
    expect(count(ws)).toBe(20)
    expect(recentSyncLog(ws.store)[0]?.status).toBe('cancelled')
  })

  it('starts over with --full and upserts without duplicating', async () => {
    await syncSource(ws.store, fakeConnector().connector, { now })
    const again = fakeConnector()
    const outcome = await syncSource(ws.store, again.connector, { now, full: true })
    expect(again.calls[0]).toBeNull()
    expect(outcome.rows).toBe(25)
    expect(count(ws)).toBe(25)
  })

  it("--full replaces only the synced entities' cursors, and only once its first page commits", async () => {
    await syncSource(ws.store, fakeConnector().connector, { now })
    setCursor(ws.store, 'itsm:fake', 'deployments', 'D-42', clock)
    // A full SR run that fails on its first request: the incremental position stays, so the next
    // background run is no silent full resync; the deployments cursor is not this run's to drop.
    const failing = fakeConnector({
      fail: new Map([[0, new SourceError('server', 'The server failed (500) at http://x/srs', 500)]]),
    })
    const failed = await syncSource(ws.store, failing.connector, { now, full: true, entities: ['srs'] })
    expect(failed.status).toBe('failed')
    expect(failing.calls).toEqual([null])
    expect(getCursor(ws.store, 'itsm:fake', 'srs')).toBe('25')
    expect(getCursor(ws.store, 'itsm:fake', 'deployments')).toBe('D-42')
    // A full run that gets one page (10 rows) and is then cut off keeps that page's cursor: the
    // next run resumes the full pass from there.
    const cut = fakeConnector({
      fail: new Map([[10, new SourceError('server', 'The server failed (500) at http://x/srs', 500)]]),
    })
    await syncSource(ws.store, cut.connector, { now, full: true, entities: ['srs'] })
    expect(getCursor(ws.store, 'itsm:fake', 'srs')).toBe('10')
    expect(getCursor(ws.store, 'itsm:fake', 'deployments')).toBe('D-42')
  })

  it('answers a failed outcome, fetching nothing, while another live process syncs the source', async () => {
    // The test runner's parent: a live process that is not this one, holding the source. A minute
    // ago on the real clock, which whether a run is still going is judged on (not this test's).
    ws.store.sqlite
      .prepare(
        `INSERT INTO sync_log (source, entity, started_at, status, rows, pages, owner_pid)
         VALUES ('itsm:fake', 'srs', ?, 'running', 0, 0, ?)`,
      )
      .run(Date.now() - 60_000, process.ppid)
    const { connector, calls } = fakeConnector()
    const outcome = await syncSource(ws.store, connector, { now })
    expect(outcome).toMatchObject({
      status: 'failed',
      rows: 0,
      error: `itsm:fake is being synced by another process (pid ${process.ppid}); try again when it ends`,
    })
    expect(calls).toEqual([])
    expect(count(ws)).toBe(0)
  })

  it('marks a run left "running" by a killed process as interrupted', async () => {
    logStart(ws.store, 'itsm:fake', 'srs', clock - 60_000)
    await syncSource(ws.store, fakeConnector().connector, { now })
    const log = recentSyncLog(ws.store)
    expect(log.find((e) => e.startedAt === clock - 60_000)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('interrupted'),
    })
  })

  it('keeps half a year of its sync log, and always its newest success of each entity', async () => {
    const day = 86_400_000
    const entry = (source: string, entity: string, daysAgo: number, status: 'ok' | 'failed'): number => {
      const id = logStart(ws.store, source, entity, clock - daysAgo * day)
      logFinish(ws.store, id, { status, rows: 1, pages: 1 }, clock - daysAgo * day + 1000)
      return id
    }
    // Written oldest first, as runs are.
    const oldOk = entry('itsm:fake', 'srs', 400, 'ok')
    const oldDeployments = entry('itsm:fake', 'deployments', 320, 'ok')
    // The newest success of an entity this connector no longer syncs: it says when that last worked.
    const lastDeployments = entry('itsm:fake', 'deployments', 310, 'ok')
    const olderOk = entry('itsm:fake', 'srs', 300, 'ok')
    const oldFailure = entry('itsm:fake', 'srs', 250, 'failed')
    const edge = entry('itsm:fake', 'srs', 179, 'failed')
    const recent = entry('itsm:fake', 'srs', 100, 'ok')
    const otherSource = entry('itsm:other', 'srs', 400, 'ok')

    await syncSource(ws.store, fakeConnector().connector, { now })

    const ids = new Set(recentSyncLog(ws.store, 100).map((e) => e.id))
    for (const gone of [oldOk, olderOk, oldFailure, oldDeployments]) expect(ids.has(gone)).toBe(false)
    for (const kept of [recent, edge, lastDeployments, otherSource]) expect(ids.has(kept)).toBe(true)
    // 4 kept + this run's entry.
    expect(ids.size).toBe(5)
  })
})
