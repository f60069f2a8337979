// The sync engine + ServiceNow connector against the loopback Table API, one injected fault per test.
// Transient faults must end in a store equal to what the integration user may read on the instance;
// permanent ones must fail the sync with the cause in the sync log and leave earlier data and cursors
// exactly as they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import type { RetryPolicy } from '../../../src/main/core/sources/http'
import {
  createServiceNowConnector,
  type ServiceNowAuth,
} from '../../../src/main/core/sources/servicenow/connector'
import { formatSnDateTime } from '../../../src/main/core/sources/servicenow/mapping'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import {
  startServiceNowSimulator,
  type SnFaults,
  type SnRecord,
  type SnSimulator,
} from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps, type RecordingDeps } from './fault-harness'
import { serviceNowStored, serviceNowTruth, snapshotStore } from './store-snapshot'

const SOURCE = 'servicenow:sn'
const COUNT = 300
const AUTH: ServiceNowAuth = { kind: 'basic', user: 'integration', password: 'secret' }

let ws: TempWorkspace
let sim: SnSimulator | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-faults-sn-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ws.dispose()
})

async function start(faults: SnFaults = {}): Promise<SnSimulator> {
  sim = await startServiceNowSimulator({ seed: 13, count: COUNT, faults })
  return sim
}

async function sync(
  s: SnSimulator,
  deps: RecordingDeps,
  opts: { retry?: RetryPolicy; auth?: ServiceNowAuth; pageSize?: number } = {},
) {
  const connector = createServiceNowConnector(
    { name: 'sn', url: s.url, auth: opts.auth ?? AUTH, retry: opts.retry ?? FAST_RETRY },
    deps,
  )
  return syncSource(ws.store, connector, { pageSize: opts.pageSize ?? 40 })
}

const tableRequests = (s: SnSimulator) => s.requests.filter((r) => r.path === '/api/now/table/incident')
const count = (): number =>
  (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

/** Readable incidents are stored once in their current version; the cursor is at the newest readable. */
function expectStoreEqualsInstance(s: SnSimulator): void {
  const truth = serviceNowTruth(s, SOURCE)
  expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(truth)
  expect(count()).toBe(truth.length)
  const newest = s.records
    .filter((r) => !s.hidden.has(r['sys_id']?.value ?? ''))
    .map((r) => ({ u: r['sys_updated_on']?.value ?? '', id: r['sys_id']?.value ?? '' }))
    .sort((a, b) => (a.u !== b.u ? (a.u < b.u ? -1 : 1) : a.id < b.id ? -1 : 1))
    .at(-1)
  expect(JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? '{}')).toMatchObject({
    updatedOn: newest?.u,
    sysId: newest?.id,
  })
}

/** An operator's edit on the instance: a new sys_updated_on (one second after everything else). */
function edit(s: SnSimulator, record: SnRecord, fields: Partial<SnRecord>): void {
  const newest = Math.max(...s.records.map((r) => Date.parse(`${r['sys_updated_on']?.value}Z`)))
  const at = formatSnDateTime(newest + 1000)
  Object.assign(record, fields, { sys_updated_on: { value: at, display_value: at } })
}

describe('ServiceNow sync under transient faults ends equal to the instance', () => {
  it('latency: slow answers are waited for, not retried', async () => {
    const s = await start({ latencyMs: 15 })
    const deps = recordingDeps()
    expect(await sync(s, deps, { pageSize: 100 })).toMatchObject({ status: 'ok', error: null })
    expect(deps.reasons).toEqual([])
    expectStoreEqualsInstance(s)
  })

  it('429 + Retry-After: waits what the server asks for, then continues', async () => {
    const s = await start({ rateLimitEvery: 2, retryAfterSeconds: 5 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, maxDelayMs: 2_000 } })
    expect(outcome.status).toBe('ok')
    const limited = s.requests.filter((r) => r.fault === 'rate_limit').length
    expect(limited).toBeGreaterThan(3)
    expect(deps.delays).toEqual(Array.from({ length: limited }, () => 5000))
    expectStoreEqualsInstance(s)
  })

  it('500s are retried with jittered back-off', async () => {
    const s = await start({ serverErrorEvery: 3 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    const failed = s.requests.filter((r) => r.status === 500).length
    expect(failed).toBeGreaterThan(2)
    expect(deps.reasons).toHaveLength(failed)
    expectStoreEqualsInstance(s)
  })

  it('timeouts: a request never answered is abandoned after timeoutMs and retried', async () => {
    const s = await start({ timeoutEvery: 3 })
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { retry: { ...FAST_RETRY, timeoutMs: 250 }, pageSize: 100 })
    expect(outcome.status).toBe('ok')
    const hung = s.requests.filter((r) => r.fault === 'timeout').length
    expect(hung).toBeGreaterThan(0)
    expect(deps.reasons).toHaveLength(hung)
    expect(deps.reasons.every((r) => r.includes('No answer in time'))).toBe(true)
    expectStoreEqualsInstance(s)
  })

  it('malformed JSON (an HTML error page with status 200) is retried', async () => {
    const s = await start({ malformedEvery: 2 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    const bad = s.requests.filter((r) => r.fault === 'malformed_json').length
    expect(bad).toBeGreaterThan(2)
    expect(deps.reasons).toHaveLength(bad)
    expect(deps.reasons[0]).toMatch(/not valid JSON/)
    expectStoreEqualsInstance(s)
  })

  it('truncated JSON is retried', async () => {
    const s = await start({ truncatedEvery: 2 })
    const deps = recordingDeps()
    expect((await sync(s, deps)).status).toBe('ok')
    const cut = s.requests.filter((r) => r.fault === 'truncated_json').length
    expect(cut).toBeGreaterThan(2)
    expect(deps.reasons).toHaveLength(cut)
    expectStoreEqualsInstance(s)
  })

  it('rows repeated from the previous page are stored once', async () => {
    const s = await start({ repeatRows: 5 })
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    const served = tableRequests(s).reduce((n, r) => n + (r.returned ?? 0), 0)
    expect(served).toBeGreaterThan(COUNT) // the overlap really happened
    expectStoreEqualsInstance(s)
  })

  it('rows updated while paging: every row is read, and the next sync has their latest version', async () => {
    const s = await start({ updateWhilePaging: 2 })
    const before = serviceNowTruth(s, SOURCE)
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    expect(serviceNowTruth(s, SOURCE)).not.toEqual(before) // rows really changed under the client
    // A row updated after the sync began is the next sync's (the run is bounded by the instance's
    // clock at its start, so it does not chase edits): here every row is stored, some in the version
    // before their edit.
    expect(count()).toBe(COUNT)
    s.setFaults({})
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    expectStoreEqualsInstance(s)
  })

  it('ACL-hidden rows make short and empty pages, and the sync still reads every visible row', async () => {
    const s = await start({ aclHiddenShare: 0.4, latencyMs: 2 })
    expect((await sync(s, recordingDeps(), { pageSize: 10 })).status).toBe('ok')
    expect(tableRequests(s).some((r) => r.returned === 0 && (r.total ?? 0) > 0)).toBe(true)
    expectStoreEqualsInstance(s)
  })
})

describe('ServiceNow sync of an instance updated between every request', () => {
  it('with ACL-hidden rows it stops once past the instant it began, and the next sync reads the rest', async () => {
    // Hidden rows keep every page short of X-Total-Count, and each request moves 8 served rows to the
    // end: without a bound the sync would chase them for ever.
    const s = await start({ aclHiddenShare: 0.3, updateWhilePaging: 8 })
    const guard = new AbortController()
    const timer = setTimeout(() => guard.abort(), 20_000)
    const connector = createServiceNowConnector(
      { name: 'sn', url: s.url, auth: AUTH, retry: FAST_RETRY },
      recordingDeps(),
    )
    const first = await syncSource(ws.store, connector, { pageSize: 20, signal: guard.signal })
    clearTimeout(timer)
    expect(first.status).toBe('ok')
    // 300 records in windows of 20 are 15 requests; the page that passes the start instant ends it.
    // (Unbounded, this seeded run takes 46 requests, and an instance busier still would never end.)
    expect(tableRequests(s).length).toBeLessThanOrEqual(18)
    // Every readable incident is stored (some in the version before their latest edit).
    expect(count()).toBe(serviceNowTruth(s, SOURCE).length)

    s.setFaults({})
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    expectStoreEqualsInstance(s)
  })

  it('ignores a Date header older than rows it already holds, rather than stopping after one page', async () => {
    const s = await start()
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    for (const r of s.records.slice(0, 60))
      edit(s, r, { short_description: { value: '변경', display_value: '변경' } })
    // A clock a day behind the instance's data (a proxy rewriting Date, say): as a bound it would end
    // the sync after its first page of 20; the next sync reads all 60 changes anyway.
    s.setFaults({ dateSkewMs: -86_400_000 })
    const again = await sync(s, recordingDeps(), { pageSize: 20 })
    expect(again).toMatchObject({ status: 'ok', rows: 60 })
    expectStoreEqualsInstance(s)
  })
})

describe('ServiceNow sync under permanent faults fails, says why and keeps the earlier data', () => {
  async function synced(): Promise<{ s: SnSimulator; before: ReturnType<typeof snapshotStore> }> {
    const s = await start()
    expect((await sync(s, recordingDeps())).status).toBe('ok')
    for (const r of s.records.slice(0, 20))
      edit(s, r, { short_description: { value: '변경', display_value: '변경' } })
    return { s, before: snapshotStore(ws.store.sqlite) }
  }

  it('an instance that keeps failing: gave up after the retries, nothing changed', async () => {
    const { s, before } = await synced()
    const watermark = getWatermark(ws.store)
    s.setFaults({ serverErrorEvery: 1 })
    const outcome = await sync(s, recordingDeps(), { retry: { ...FAST_RETRY, maxAttempts: 3 } })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(
      /The server failed \(500\).*gave up after 3 attempts.*\(ServiceNow connection "sn", service requests\)$/,
    )
    expect(recentSyncLog(ws.store, 1, SOURCE)[0]).toMatchObject({ status: 'failed', error: outcome.error })
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
    expect(getWatermark(ws.store)).toBe(watermark)
  })

  it('a record that cannot be mapped: the page is refused naming it, nothing changed', async () => {
    const { s, before } = await synced()
    const bad = s.records[7]!
    edit(s, bad, { state: { value: '99', display_value: 'Archived' } })
    const outcome = await sync(s, recordingDeps())
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(`record ${bad['sys_id']?.value}`)
    expect(outcome.error).toContain('unknown state "99"')
    expect(recentSyncLog(ws.store, 1, SOURCE)[0]).toMatchObject({ status: 'failed', error: outcome.error })
    const after = snapshotStore(ws.store.sqlite)
    expect(after.serviceRequests).toEqual(before.serviceRequests)
    expect(after.syncState).toEqual(before.syncState)
  })

  it('a wrong password: refused at once without retries, nothing changed', async () => {
    const { s, before } = await synced()
    const deps = recordingDeps()
    const outcome = await sync(s, deps, { auth: { ...AUTH, password: 'wrong-password' } })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/refused the credentials \(401\)/)
    expect(outcome.error).not.toContain('wrong-password')
    expect(deps.reasons).toEqual([])
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
  })

  it('an instance that ignores the keyset filter: stops instead of looping or skipping rows', async () => {
    const { s, before } = await synced()
    s.setFaults({ repeatRows: 1000 }) // every page is only rows the sync already has
    const outcome = await sync(s, recordingDeps())
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/ignored the keyset filter/)
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
  })
})
