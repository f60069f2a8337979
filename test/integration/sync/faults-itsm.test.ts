// The sync engine + ITSM REST connector against the loopback simulator, one injected fault per test.
// Transient faults must end in a store equal to the simulator's data; permanent ones must fail the
// sync with the cause in the sync log and leave the earlier data and cursors exactly as they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import type { RetryPolicy } from '../../../src/main/core/sources/http'
import { createItsmConnector, encodeCursor } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource, type SyncOptions, type SyncProgress } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type Faults, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps, type RecordingDeps } from './fault-harness'
import { duplicates, itsmStored, itsmTruth, snapshotStore } from './store-snapshot'

const SOURCE = 'itsm:sim'
const SR_COUNT = 400

let ws: TempWorkspace
let sim: ItsmSimulator | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-faults-itsm-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ws.dispose()
})

async function start(faults: Partial<Faults> = {}): Promise<ItsmSimulator> {
  sim = await startItsmSimulator({ seed: 11, srCount: SR_COUNT, faults })
  return sim
}

async function sync(
  s: ItsmSimulator,
  deps: RecordingDeps,
  opts: { retry?: RetryPolicy; token?: string } & SyncOptions = {},
) {
  const { retry, token, ...syncOpts } = opts
  const connector = createItsmConnector(
    { name: 'sim', url: s.url, token: token ?? s.token, retry: retry ?? FAST_RETRY },
    deps,
  )
  return syncSource(ws.store, connector, { pageSize: 50, ...syncOpts })
}

const count = (table: string): number =>
  (ws.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** The store holds exactly the simulator's current data, once, with cursors at its end. */
function expectStoreEqualsSimulator(s: ItsmSimulator): void {
  const data = s.data
  expect(itsmStored(ws.store.sqlite, SOURCE)).toEqual(itsmTruth(s, SOURCE))
  const snap = snapshotStore(ws.store.sqlite)
  expect(duplicates(snap.srEvents)).toEqual([])
  expect(snap.srEvents).toHaveLength(data.sr_events.length)
  expect(snap.people.map((p) => p['source_id']).sort()).toEqual(data.people.map((p) => p.id).sort())
  expect(snap.tenants.map((t) => t['name']).sort()).toEqual(data.tenants.map((t) => t.name).sort())
  expect(snap.deployments).toHaveLength(data.deployments.length)
  expect(snap.featureUsage).toHaveLength(data.feature_usage.length)
  // The SR cursor sits on the newest row served: an incremental sync asks only for what comes later.
  const last = data.srs.at(-1)
  expect(getCursor(ws.store, SOURCE, 'srs')).toBe(
    encodeCursor({ updated_after: last?.updated_at ?? '', after_id: last?.id ?? '' }),
  )
}

describe('ITSM sync under transient faults ends equal to the simulator', () => {
  it('latency: slow answers are waited for, not retried', async () => {
    const s = await start({ latencyMs: 15 })
    const deps = recordingDeps()
    const progress: SyncProgress[] = []
    const outcome = await sync(s, deps, { pageSize: 200, onProgress: (p) => progress.push(p) })
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(deps.reasons).toEqual([])
    expectStoreEqualsSimulator(s)
    // Progress names each entity in the protocol's order with its step of seven, and each entity's
    // last message has every row the server said it had.
    const order = ['tenants', 'categories', 'people', 'srs', 'sr_events', 'deployments', 'feature_usage']
    expect(progress.map((p) => [p.entity, p.entityIndex, p.entityCount])).toEqual(
      progress.map((p) => [order[p.entityIndex], p.entityIndex, 7]),
    )
    expect([...new Set(progress.map((p) => p.entityIndex))]).toEqual([0, 1, 2, 3, 4, 5, 6])
    const last = (entity: string) => progress.filter((p) => p.entity === entity).at(-1)
    expect(last('srs')).toMatchObject({ rows: SR_COUNT, total: SR_COUNT })
    expect(last('sr_events')).toMatchObject({ rows: s.data.sr_events.length, total: s.data.sr_events.length })
  })

  it('429 + Retry-After: waits what the server asks for, then continues', async () => {
    const s = await start({ rateLimit: 3, retryAfterSeconds: 7 })
    const deps = recordingDeps()
    // Retry-After is honoured up to 4 × maxDelayMs (a server cannot park the sync for hours).
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, maxDelayMs: 2_000 } })
    expect(outcome.status).toBe('ok')
    const limited = s.requests.filter((r) => r.fault === 'rate_limit').length
    expect(limited).toBeGreaterThan(5)
    expect(deps.delays).toEqual(Array.from({ length: limited }, () => 7000))
    expectStoreEqualsSimulator(s)
  })

  it('500s are retried with jittered back-off', async () => {
    const s = await start({ serverErrors: 4 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps)
    expect(outcome.status).toBe('ok')
    const failed = s.requests.filter((r) => r.status === 500).length
    expect(failed).toBeGreaterThan(5)
    expect(deps.reasons).toHaveLength(failed)
    expect(deps.delays.every((d) => d >= 0 && d <= FAST_RETRY.maxDelayMs)).toBe(true)
    expectStoreEqualsSimulator(s)
  })

  it('each retry is reported as progress (attempt, wait, reason), with the figures reached so far', async () => {
    const s = await start({ serverErrors: 4 })
    const deps = recordingDeps()
    const progress: SyncProgress[] = []
    const outcome = await sync(s, deps, { onProgress: (p) => progress.push(p) })
    expect(outcome.status).toBe('ok')
    const retries = progress.filter((p) => p.retry !== undefined)
    // One report per retry the HTTP layer made, in the same order, with its wait.
    expect(retries.map((p) => p.retry!.reason)).toEqual(deps.reasons)
    expect(retries.map((p) => p.retry!.delayMs)).toEqual(deps.delays)
    for (const p of retries) {
      expect(p.retry).toMatchObject({
        maxAttempts: FAST_RETRY.maxAttempts,
        reason: expect.stringContaining('(500)'),
      })
      expect(p.retry!.attempt).toBeGreaterThanOrEqual(1)
      expect(p.retry!.attempt).toBeLessThan(FAST_RETRY.maxAttempts)
      expect(Math.abs(p.retry!.at - Date.now())).toBeLessThan(60_000)
      // A server error asks the same page again: no smaller page is announced.
      expect(p.retry).not.toHaveProperty('pageRows')
      // The bar stays where it was: the figures are those of the last report before the retry.
      const before = progress[progress.indexOf(p) - 1]
      if (before && before.entity === p.entity) expect(p.rows).toBe(before.rows)
    }
    // Once the retried request is answered the next report is of a page again, with no retry.
    const first = progress.indexOf(retries[0]!)
    const next = progress.slice(first + 1).find((p) => p.retry === undefined)
    expect(next).toBeDefined()
    expect(next!.pages).toBeGreaterThanOrEqual(retries[0]!.pages)
    expect(progress.at(-1)!.retry).toBeUndefined()
  })

  it('timeouts: a request never answered is abandoned after timeoutMs and retried', async () => {
    const s = await start({ timeouts: 6 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, timeoutMs: 250 }, pageSize: 100 })
    expect(outcome.status).toBe('ok')
    const hung = s.requests.filter((r) => r.fault === 'timeout').length
    expect(hung).toBeGreaterThan(1)
    expect(deps.reasons).toHaveLength(hung)
    expect(deps.reasons.every((r) => r.includes('No answer in time'))).toBe(true)
    expectStoreEqualsSimulator(s)
  })

  it('malformed JSON (an HTML error page with status 200) is retried', async () => {
    const s = await start({ malformedJson: 3 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    expect(deps.reasons.length).toBe(s.requests.filter((r) => r.fault === 'malformed_json').length)
    expect(deps.reasons[0]).toMatch(/not valid JSON/)
    expectStoreEqualsSimulator(s)
  })

  it('truncated JSON is retried', async () => {
    const s = await start({ truncatedJson: 3 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    const cut = s.requests.filter((r) => r.fault === 'truncated_json').length
    expect(cut).toBeGreaterThan(5)
    expect(deps.reasons).toHaveLength(cut)
    expectStoreEqualsSimulator(s)
  })

  it('an answer broken off mid-body (the connection closed after the headers) is retried', async () => {
    const s = await start({ cutBody: 3 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    const cut = s.requests.filter((r) => r.fault === 'cut_body').length
    expect(cut).toBeGreaterThan(5)
    expect(deps.reasons).toHaveLength(cut)
    expectStoreEqualsSimulator(s)
  })

  it('rows repeated across pages are stored once', async () => {
    const s = await start({ repeatRows: 7 })
    const outcome = await sync(s, recordingDeps())
    expect(outcome.status).toBe('ok')
    const served = s.requests.filter((r) => r.path === '/api/v1/srs').reduce((n, r) => n + (r.items ?? 0), 0)
    expect(served).toBeGreaterThan(SR_COUNT) // the overlap really happened
    expect(count('service_requests')).toBe(SR_COUNT)
    expectStoreEqualsSimulator(s)
    const data = s.data
    // What the run says it brought is what there is, each SR once (no two of them share an instant
    // here: rows tied with the position's own instant are delivered again, as their order at one
    // instant is the server's)…
    expect(data.srs.map((r) => r.updated_at)).toEqual([...new Set(data.srs.map((r) => r.updated_at))])
    const logged = () => recentSyncLog(ws.store, 7, SOURCE).find((e) => e.entity === 'srs')?.rows
    expect(logged()).toBe(SR_COUNT)
    // …and a sync after it, nothing having changed, brings none, though its first page overlaps.
    const again = await sync(s, recordingDeps(), { entities: ['srs'] })
    expect(again).toMatchObject({ status: 'ok', rows: 0 })
    expect(logged()).toBe(0)
    expect(s.requests.at(-1)?.items).toBeGreaterThan(0)
  })

  it('rows updated while paging end in their latest version', async () => {
    const s = await start({ updateWhilePaging: 2 })
    const before = itsmTruth(s, SOURCE)
    const outcome = await sync(s, recordingDeps())
    expect(outcome.status).toBe('ok')
    expect(itsmTruth(s, SOURCE)).not.toEqual(before) // rows really changed under the client
    expect(count('service_requests')).toBe(SR_COUNT)
    expectStoreEqualsSimulator(s)
  })

  it('events edited upstream are rewritten in place by their id, not stored a second time', async () => {
    const s = await start()
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    const edited = s.data.sr_events.slice(0, 12).map((e) => e.id)
    s.mutate((m) => {
      for (const id of edited) m.update('sr_events', id, { note: `정정된 메모 ${id}` })
    })
    const again = await sync(s, recordingDeps())
    expect(again).toMatchObject({ status: 'ok', rows: edited.length })
    expectStoreEqualsSimulator(s)
    const notes = ws.store.sqlite
      .prepare(
        `SELECT source_event_id AS id, note FROM sr_events WHERE source_event_id IN (${edited.map(() => '?').join(',')})
         ORDER BY source_event_id`,
      )
      .all(...edited)
    expect(notes).toEqual(edited.toSorted().map((id) => ({ id, note: `정정된 메모 ${id}` })))
  })
})

describe('an SR created upstream between the SR pass and the event pass', () => {
  const BEFORE_EVENTS = ['tenants', 'categories', 'people', 'srs'] as const

  /** A new SR on the server, with a status history ending resolved: a copy of a stored one's shape. */
  function createSrWithEvents(s: ItsmSimulator): { id: string; events: string[] } {
    const template = s.data.srs[0]
    if (!template) throw new Error('no SR to copy')
    const id = 'SR-NEW-1'
    const events = [`${id}-E1`, `${id}-E2`, `${id}-E3`]
    s.mutate((m) => {
      const opened = m.tick()
      const working = m.tick()
      const pending = m.tick()
      const resolved = m.tick()
      m.insert('srs', {
        ...template,
        id,
        number: 'SR-9000001',
        title: '새 요청 (동기화 중에 생성)',
        status: 'RESOLVED',
        created_at: opened,
        first_response_at: working,
        resolved_at: null,
        closed_at: null,
        reassignment_count: 0,
        reopen_count: 0,
        updated_at: resolved,
      })
      const event = (eventId: string, at: string, from: string, to: string) =>
        m.insert('sr_events', {
          id: eventId,
          sr_id: id,
          at,
          kind: 'status',
          from_status: from as never,
          to_status: to as never,
          actor: template.assignee ?? null,
          assignee: null,
          note: null,
          updated_at: at,
        })
      event(events[0] ?? '', working, 'OPEN', 'IN_PROGRESS')
      event(events[1] ?? '', pending, 'IN_PROGRESS', 'PENDING')
      event(events[2] ?? '', resolved, 'PENDING', 'RESOLVED')
    })
    return { id, events }
  }

  it('has its events kept until its SR comes, then written as if they had come with it', async () => {
    const s = await start()
    // The SR pass of a run, the SR and its events created upstream, then the run's event pass.
    expect((await sync(s, recordingDeps(), { entities: BEFORE_EVENTS })).status).toBe('ok')
    const created = createSrWithEvents(s)
    const eventPass = await sync(s, recordingDeps(), { entities: ['sr_events'] })
    expect(eventPass.status).toBe('ok')
    const parked = () =>
      ws.store.sqlite.prepare('SELECT source_id FROM sr_events_parked').all() as { source_id: string }[]
    expect(parked()).toEqual(created.events.map(() => ({ source_id: created.id })))
    // The event cursor is past them: the server will not send them again.
    const resent = await sync(s, recordingDeps(), { entities: ['sr_events'] })
    expect(resent).toMatchObject({ status: 'ok', rows: 0 })

    // The next run brings the SR, and its parked events are written with it.
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    expect(parked()).toEqual([])
    const stored = ws.store.sqlite
      .prepare(
        `SELECT e.source_event_id AS id, e.to_status AS toStatus FROM sr_events e
         JOIN service_requests sr ON sr.id = e.sr_id WHERE sr.source_id = ? ORDER BY e.at`,
      )
      .all(created.id)
    expect(stored).toEqual([
      { id: created.events[0], toStatus: 'IN_PROGRESS' },
      { id: created.events[1], toStatus: 'PENDING' },
      { id: created.events[2], toStatus: 'RESOLVED' },
    ])
    // resolved_at is derived from the history (the source gave none): the RESOLVED event's instant.
    const sr = ws.store.sqlite
      .prepare('SELECT resolved_at, resolved_at_estimated FROM service_requests WHERE source_id = ?')
      .get(created.id)
    const resolvedAt = Date.parse(s.data.sr_events.find((e) => e.id === created.events[2])?.at ?? '')
    expect(sr).toEqual({ resolved_at: resolvedAt, resolved_at_estimated: 0 })
    expectStoreEqualsSimulator(s)
  })

  it('events whose SR never comes are dropped after 30 days', async () => {
    const s = await start()
    expect((await sync(s, recordingDeps(), { entities: BEFORE_EVENTS })).status).toBe('ok')
    createSrWithEvents(s)
    let now = Date.UTC(2026, 2, 1)
    await sync(s, recordingDeps(), { entities: ['sr_events'], now: () => now })
    const waiting = () =>
      (ws.store.sqlite.prepare('SELECT count(*) AS n FROM sr_events_parked').get() as { n: number }).n
    expect(waiting()).toBe(3)
    // 30 days on, exactly: still kept; a moment later: dropped.
    now += 30 * 24 * 3600 * 1000
    await sync(s, recordingDeps(), { entities: ['sr_events'], now: () => now })
    expect(waiting()).toBe(3)
    now += 1
    await sync(s, recordingDeps(), { entities: ['sr_events'], now: () => now })
    expect(waiting()).toBe(0)
  })
})

describe('ITSM sync under permanent faults fails, says why and keeps the earlier data', () => {
  /** A first clean sync, then changes on the server that the next (failing) sync must not half-apply. */
  async function syncedThenChanged(): Promise<{
    s: ItsmSimulator
    before: ReturnType<typeof snapshotStore>
  }> {
    const s = await start()
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    s.mutate((m) => {
      for (const sr of s.data.srs.slice(0, 30)) m.update('srs', sr.id, { title: `${sr.title} (변경)` })
    })
    return { s, before: snapshotStore(ws.store.sqlite) }
  }

  it('a server that keeps failing: gave up after the retries, nothing changed', async () => {
    const { s, before } = await syncedThenChanged()
    const watermark = getWatermark(ws.store)
    s.setFaults({ serverErrors: 1 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, maxAttempts: 3 } })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(
      /The server failed \(500\).*gave up after 3 attempts.*\(ITSM REST connection "sim", tenants\)$/,
    )
    expect(recentSyncLog(ws.store, 1, SOURCE)[0]).toMatchObject({ status: 'failed', error: outcome.error })
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
    expect(getWatermark(ws.store)).toBe(watermark)
  })

  it('a row that breaks the protocol: the page is refused naming the row, nothing changed', async () => {
    const { s, before } = await syncedThenChanged()
    // It lands on the first page of the incremental sync, with the 30 changes before it.
    const bad = s.data.srs[3]?.id ?? ''
    s.mutate((m) => m.update('srs', bad, { priority: 'P9' as never, updated_at: m.tick() }))
    s.mutate((m) => m.update('srs', s.data.srs[0]?.id ?? '', { title: '나중 변경' }))
    const outcome = await sync(s, recordingDeps(), { entities: ['srs'] })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(`Service requests row "${bad}"`)
    expect(outcome.error).toContain('field "priority"')
    expect(recentSyncLog(ws.store, 1, SOURCE)[0]).toMatchObject({ status: 'failed', entity: 'srs' })
    // Its whole page is refused, so not even the valid changes on that page are half-applied.
    const after = snapshotStore(ws.store.sqlite)
    expect(after.serviceRequests).toEqual(before.serviceRequests)
    expect(after.syncState).toEqual(before.syncState)
  })

  it('a server whose answers keep breaking off mid-body: a failed server answer, not "offline"', async () => {
    const { s, before } = await syncedThenChanged()
    s.setFaults({ cutBody: 1 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, maxAttempts: 3 } })
    // The server answered every time: it is reachable, and its answers are what needs looking at (a
    // serializer failing on a row after the headers went out, a proxy cutting long answers). Taken
    // for a network that is down, the app's scheduler would settle into its quiet 'offline' state.
    expect(outcome.status).toBe('failed')
    expect(outcome.reason).toMatchObject({ code: 'body_cut', params: { attempts: 3, entity: 'tenants' } })
    expect(outcome.error).toMatch(
      /answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/tenants broke off before its end/,
    )
    expect(outcome.error).toMatch(/gave up after 3 attempts/)
    expect(deps.reasons).toHaveLength(2)
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
  })

  it('a revoked token: refused at once without retries, nothing changed', async () => {
    const { s, before } = await syncedThenChanged()
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { token: 'revoked-token' })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/refused the credentials \(401\)/)
    expect(outcome.error).not.toContain('revoked-token')
    expect(deps.reasons).toEqual([])
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
  })
})
