// An ITSM REST connection set not to read some collections (its `skip`, e.g. a token scoped to the
// SRs): those collections are never asked for, a sync without them is a whole success, their cursor
// stays, and turned on again they resume where they stood. The server here forbids them (403), as an
// ITSM team scoping its tokens does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addSource, connectorFor, getSource } from '../../../src/main/core/sources/registry'
import { syncSource } from '../../../src/main/core/sync/engine'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import { sourceView } from '../../../src/main/core/sync/source-status'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import { startItsmSimulator, type Faults, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { recordingDeps } from './fault-harness'

const SOURCE = 'itsm:sim'

let ws: TempWorkspace
let sim: ItsmSimulator | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-itsm-skip-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  ws.dispose()
})

async function start(faults: Partial<Faults> = {}): Promise<ItsmSimulator> {
  sim = await startItsmSimulator({ seed: 22, srCount: 300, faults })
  return sim
}

/** Syncs the stored connection "sim" through the registry, as the app and the CLI do. */
async function sync(s: ItsmSimulator) {
  const record = getSource(ws.store, 'sim')!
  const connector = await connectorFor(record, async () => s.token, recordingDeps())
  return syncSource(ws.store, connector, { pageSize: 100 })
}

const count = (sql: string, ...args: unknown[]): number =>
  (ws.store.sqlite.prepare(sql).get(...args) as { n: number }).n

/** The collections asked for since request `from`, each once, in the order first asked. */
const askedSince = (s: ItsmSimulator, from: number): string[] => [
  ...new Set(s.requests.slice(from).map((r) => r.path)),
]

describe('an ITSM REST connection that skips collections', () => {
  it('with people and deployments forbidden and skipped: the sync is ok, the rest lands, they are never asked for', async () => {
    const s = await start({ forbidden: ['people', 'deployments'] })
    addSource(
      ws.store,
      { name: 'sim', kind: 'itsm', config: { url: s.url, skip: ['deployments', 'people'] } },
      1,
    )
    // Stored in the order a sync reads them.
    expect(getSource(ws.store, 'sim')?.config).toMatchObject({ skip: ['people', 'deployments'] })

    const outcome = await sync(s)
    expect(outcome).toMatchObject({ status: 'ok', error: null, reason: null })
    expect(count('SELECT count(*) AS n FROM service_requests')).toBe(s.data.srs.length)
    expect(count('SELECT count(*) AS n FROM sr_events')).toBe(s.data.sr_events.length)
    expect(count('SELECT count(*) AS n FROM tenants')).toBeGreaterThanOrEqual(s.data.tenants.length)
    expect(count('SELECT count(*) AS n FROM feature_usage')).toBe(s.data.feature_usage.length)
    expect(count('SELECT count(*) AS n FROM deployments')).toBe(0)
    // The server never saw a request for them: no 403 in its log, none in the sync log.
    expect(askedSince(s, 0)).toEqual([
      '/api/v1/tenants',
      '/api/v1/categories',
      '/api/v1/srs',
      '/api/v1/sr-events',
      '/api/v1/feature-usage',
    ])
    expect(s.requests.every((r) => r.status === 200)).toBe(true)
    expect(recentSyncLog(ws.store, 10, SOURCE).map((e) => [e.entity, e.status])).toEqual(
      [
        ['tenants', 'ok'],
        ['categories', 'ok'],
        ['srs', 'ok'],
        ['sr_events', 'ok'],
        ['feature_usage', 'ok'],
      ].reverse(),
    )
    // The people the SRs name are made from their names, as for an account refused /people.
    const assignees = new Set(s.data.srs.map((r) => r.assignee).filter((n): n is string => n !== null))
    expect(assignees.size).toBeGreaterThan(0)
    for (const name of assignees)
      expect(count('SELECT count(*) AS n FROM people WHERE name = ?', name), name).toBeGreaterThan(0)
    expect(getCursor(ws.store, SOURCE, 'people')).toBeNull()
    // The connection's last success moves (read from the sync log, as for a command-line run), and
    // it says which collections it does not read.
    const view = await sourceView(ws.store, undefined, getSource(ws.store, 'sim')!)
    expect(view.lastSuccessAt).toBeGreaterThanOrEqual(outcome.startedAt)
    expect(view.lastSuccessAt).toBeLessThanOrEqual(outcome.finishedAt)
    expect(view.lastError).toBeNull()
    expect(view.skip).toEqual(['people', 'deployments'])
  })

  it('turned on again, a skipped collection resumes from its cursor, and changing the choice keeps every cursor', async () => {
    const s = await start()
    addSource(ws.store, { name: 'sim', kind: 'itsm', config: { url: s.url } }, 1)
    expect((await sync(s)).status).toBe('ok')
    const cursorsBefore = ws.store.sqlite
      .prepare('SELECT entity, cursor FROM sync_state WHERE source = ? ORDER BY entity')
      .all(SOURCE)
    expect(cursorsBefore).toHaveLength(7)

    // Turned off: the cursors all stay (the update is no new server).
    await updateSourceWithSecret(ws.store, undefined, { name: 'sim', skip: ['people'] }, 2)
    expect(
      ws.store.sqlite
        .prepare('SELECT entity, cursor FROM sync_state WHERE source = ? ORDER BY entity')
        .all(SOURCE),
    ).toEqual(cursorsBefore)
    const person = s.data.people[0]!
    s.mutate((m) => m.update('people', person.id, { name: '꺼 둔 동안 바뀐 사용자' }))
    const seen = s.requests.length
    const off = await sync(s)
    expect(off).toMatchObject({ status: 'ok', rows: 0 })
    expect(askedSince(s, seen)).not.toContain('/api/v1/people')
    expect(count('SELECT count(*) AS n FROM people WHERE name = ?', '꺼 둔 동안 바뀐 사용자')).toBe(0)
    expect(getCursor(ws.store, SOURCE, 'people')).toBe(
      (cursorsBefore as { entity: string; cursor: string }[]).find((c) => c.entity === 'people')?.cursor,
    )

    // On again (null: read every collection): the change made while off arrives, and only it.
    await updateSourceWithSecret(ws.store, undefined, { name: 'sim', skip: null }, 3)
    expect(getSource(ws.store, 'sim')?.config).not.toHaveProperty('skip')
    const on = await sync(s)
    expect(on).toMatchObject({ status: 'ok', rows: 1 })
    expect(count('SELECT count(*) AS n FROM people WHERE name = ?', '꺼 둔 동안 바뀐 사용자')).toBe(1)
  })

  it('a collection refused (403) that is not skipped: the failure says how to skip it, keeping those skipped', async () => {
    const s = await start({ forbidden: ['people', 'feature_usage'] })
    addSource(ws.store, { name: 'sim', kind: 'itsm', config: { url: s.url, skip: ['people'] } }, 1)
    const outcome = await sync(s)
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: {
        code: 'collections_refused',
        params: { entities: 'feature_usage', source: 'sim', kind: 'itsm', skip: 'people,feature_usage' },
      },
    })
    expect(outcome.error).toBe(
      'The account may not read feature usage (403): it was skipped in this sync, the other data was synced, and the next sync asks for it again (ITSM REST connection "sim"). If the account is not meant to read it, turn it off in the connection\'s settings (Settings → Connections, or `source update sim --skip people,feature_usage`): the syncs then succeed without it',
    )
    // The Sync screen's view of the run read back from the sync log says the same.
    const view = await sourceView(ws.store, undefined, getSource(ws.store, 'sim')!)
    expect(view.lastError?.message).toBe(outcome.error)
    expect(view.lastError?.reason).toEqual(outcome.reason)
  })
})
