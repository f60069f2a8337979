// An account that may not read some collections (403 on /people, /deployments …) still gets its SRs:
// the refused collections are skipped for the run, said in its log entries and its outcome, keep their
// cursor, and are asked for again by the next sync. A 403 on the SRs themselves still stops the run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type Faults, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'

const SOURCE = 'itsm:sim'

let ws: TempWorkspace
let sim: ItsmSimulator | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-itsm-forbidden-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ws.dispose()
})

async function start(faults: Partial<Faults> = {}): Promise<ItsmSimulator> {
  sim = await startItsmSimulator({ seed: 21, srCount: 300, faults })
  return sim
}

function sync(s: ItsmSimulator) {
  const deps = recordingDeps()
  const connector = createItsmConnector({ name: 'sim', url: s.url, token: s.token, retry: FAST_RETRY }, deps)
  return { deps, outcome: syncSource(ws.store, connector, { pageSize: 100 }) }
}

const count = (sql: string, ...args: unknown[]): number =>
  (ws.store.sqlite.prepare(sql).get(...args) as { n: number }).n

/** The log entries of the newest run, in the order they were logged. */
const lastRun = (entities: number) => recentSyncLog(ws.store, entities, SOURCE).reverse()

describe('a collection the account may not read', () => {
  it('is skipped: SRs and the other collections land, the refused ones are said and asked for again', async () => {
    const s = await start()
    // A first sync with every right, then the account loses people and deployments.
    expect((await sync(s).outcome).status).toBe('ok')
    const cursors = {
      people: getCursor(ws.store, SOURCE, 'people'),
      deployments: getCursor(ws.store, SOURCE, 'deployments'),
      srs: getCursor(ws.store, SOURCE, 'srs'),
    }
    const watermark = getWatermark(ws.store)
    const person = s.data.people[0]!
    const deployment = s.data.deployments[0]!
    const sr = s.data.srs[0]!
    s.mutate((m) => {
      m.update('people', person.id, { name: '권한밖 사용자' })
      m.update('deployments', deployment.id, { name: '권한밖 배포 v9' })
      m.update('srs', sr.id, { title: '권한 변경 뒤의 SR' })
      m.update('feature_usage', s.data.feature_usage[0]!.id, { count: 4242 })
    })
    s.setFaults({ forbidden: ['people', 'deployments'] })
    const seen = s.requests.length

    const { outcome: running, deps } = sync(s)
    const outcome = await running
    // The SR change and the usage after the refused collections arrived.
    expect(count('SELECT count(*) AS n FROM service_requests WHERE title = ?', '권한 변경 뒤의 SR')).toBe(1)
    expect(count('SELECT count(*) AS n FROM feature_usage WHERE count = 4242')).toBe(1)
    // The refused ones did not: the stored person and deployment are as before, their cursors too.
    expect(count('SELECT count(*) AS n FROM people WHERE name = ?', '권한밖 사용자')).toBe(0)
    expect(count('SELECT count(*) AS n FROM deployments WHERE name = ?', '권한밖 배포 v9')).toBe(0)
    expect(getCursor(ws.store, SOURCE, 'people')).toBe(cursors.people)
    expect(getCursor(ws.store, SOURCE, 'deployments')).toBe(cursors.deployments)
    expect(getCursor(ws.store, SOURCE, 'srs')).not.toBe(cursors.srs)
    // Every collection was asked for, each refused one once (a 403 is not retried).
    const asked = s.requests.slice(seen).map((r) => `${r.path} ${r.status}`)
    expect(asked).toContain('/api/v1/feature-usage 200')
    expect(asked.filter((a) => a === '/api/v1/people 403')).toHaveLength(1)
    expect(asked.filter((a) => a === '/api/v1/deployments 403')).toHaveLength(1)
    expect(deps.reasons).toEqual([])

    // The outcome says which collections were refused, in words and as a reason, and is no success.
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: {
        code: 'collections_refused',
        params: { entities: 'people,deployments', source: 'sim', kind: 'itsm', skip: 'people,deployments' },
      },
    })
    expect(outcome.error).toBe(
      'The account may not read people, deployments (403): they were skipped in this sync, the other data was synced, and the next sync asks for them again (ITSM REST connection "sim"). If the account is not meant to read them, turn them off in the connection\'s settings (Settings → Connections, or `source update sim --skip people,deployments`): the syncs then succeed without them',
    )
    expect(outcome.rows).toBeGreaterThan(0)
    // The SRs are current as of this run: the watermark the dashboards show moves on.
    expect(getWatermark(ws.store)).toBeGreaterThan(watermark!)
    // One log entry per collection: the refused ones failed with their 403, the others ok.
    expect(lastRun(7).map((e) => [e.entity, e.status, e.reason?.code ?? null])).toEqual([
      ['tenants', 'ok', null],
      ['categories', 'ok', null],
      ['people', 'failed', 'http_forbidden'],
      ['srs', 'ok', null],
      ['sr_events', 'ok', null],
      ['deployments', 'failed', 'http_forbidden'],
      ['feature_usage', 'ok', null],
    ])
    expect(lastRun(7)[2]?.error).toMatch(/^The account may not read .*\/api\/v1\/people \(403\)/)

    // Rights given back: the next sync asks again and takes up the refused collections where they were.
    s.setFaults({ forbidden: [] })
    const again = await sync(s).outcome
    expect(again).toMatchObject({ status: 'ok', error: null, reason: null })
    expect(count('SELECT count(*) AS n FROM people WHERE name = ?', '권한밖 사용자')).toBe(1)
    expect(count('SELECT count(*) AS n FROM deployments WHERE name = ?', '권한밖 배포 v9')).toBe(1)
    // From their cursor: only what changed since came again.
    expect(again.rows).toBe(2)
  })

  it('an account that never read people: SRs land with their people created from names', async () => {
    const s = await start({ forbidden: ['people'] })
    const outcome = await sync(s).outcome
    expect(outcome).toMatchObject({ status: 'failed', reason: { params: { entities: 'people' } } })
    expect(outcome.error).toMatch(/^The account may not read people \(403\): it was skipped/)
    expect(count('SELECT count(*) AS n FROM service_requests')).toBe(s.data.srs.length)
    expect(count('SELECT count(*) AS n FROM sr_events')).toBe(s.data.sr_events.length)
    expect(getCursor(ws.store, SOURCE, 'people')).toBeNull()
    // The assignees of the SRs exist, made from the names the SRs carry.
    const assignees = new Set(s.data.srs.map((r) => r.assignee).filter((n): n is string => n !== null))
    expect(assignees.size).toBeGreaterThan(0)
    for (const name of assignees)
      expect(count('SELECT count(*) AS n FROM people WHERE name = ?', name), name).toBeGreaterThan(0)
  })

  it('a 403 on the SRs themselves stops the run there, as before', async () => {
    const s = await start({ forbidden: ['srs', 'deployments'] })
    const outcome = await sync(s).outcome
    expect(outcome.status).toBe('failed')
    expect(outcome.reason).toMatchObject({ code: 'http_forbidden', params: { entity: 'srs' } })
    expect(outcome.error).toMatch(/^The account may not read .*\/api\/v1\/srs \(403\)/)
    expect(count('SELECT count(*) AS n FROM service_requests')).toBe(0)
    expect(s.requests.some((r) => r.path === '/api/v1/sr-events')).toBe(false)
    expect(lastRun(4).map((e) => [e.entity, e.status])).toEqual([
      ['tenants', 'ok'],
      ['categories', 'ok'],
      ['people', 'ok'],
      ['srs', 'failed'],
    ])
  })

  it('names the refused collections as the English Sync screen does, not by their keys', async () => {
    const s = await start({ forbidden: ['sr_events', 'feature_usage'] })
    const outcome = await sync(s).outcome
    expect(outcome.reason).toMatchObject({
      code: 'collections_refused',
      params: { entities: 'sr_events,feature_usage' },
    })
    expect(outcome.error).toBe(
      'The account may not read SR history, feature usage (403): they were skipped in this sync, the other data was synced, and the next sync asks for them again (ITSM REST connection "sim"). If the account is not meant to read them, turn them off in the connection\'s settings (Settings → Connections, or `source update sim --skip sr_events,feature_usage`): the syncs then succeed without them',
    )
  })

  it('a run that fails later still says the collections it skipped before, in its message and its reason', async () => {
    const s = await start({ forbidden: ['people', 'sr_events'] })
    // Every SR-event request fails (500) until its attempts are spent.
    const connector = createItsmConnector(
      { name: 'sim', url: s.url, token: s.token, retry: { ...FAST_RETRY, maxAttempts: 2 } },
      recordingDeps(),
    )
    const fetchPage = connector.fetchPage.bind(connector)
    const failing = {
      ...connector,
      fetchPage: ((entity, cursor, opts) => {
        s.setFaults({ serverErrors: entity === 'deployments' ? 1 : 0 })
        return fetchPage(entity, cursor, opts)
      }) as typeof connector.fetchPage,
    }
    const outcome = await syncSource(ws.store, failing, { pageSize: 100 })
    expect(outcome.status).toBe('failed')
    // The reason carries them for the app to say in its language (sync-error-text.ts).
    expect(outcome.reason).toMatchObject({
      code: 'http_server',
      params: { entity: 'deployments', refused: 'people,sr_events' },
    })
    expect(outcome.error).toMatch(
      /The server failed \(500\).*; before that, this sync skipped people, SR history, collections the account may not read \(403\)$/,
    )
  })
})
