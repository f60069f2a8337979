// A tenant (기관) or category renamed upstream between syncs is renamed in Ops Console: the next sync's
// /tenants (/categories) pass serves its id under the new name, and the stored row takes it, with
// every SR already synced. The store then holds what a fresh sync of the renamed server holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../src/main/core/db/open-database'
import { ensureRollups } from '../../../src/main/core/rollups/rollups'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import type { Connector } from '../../../src/main/core/sources/types'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'
import { snapshotStore } from './store-snapshot'

const ZONE = 'Asia/Seoul'
let ws: TempWorkspace
let fresh: TempWorkspace
let sim: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-itsm-rename-')
  fresh = tempWorkspace('ops-itsm-rename-fresh-')
  sim = await startItsmSimulator({ seed: 11, srCount: 60 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
  fresh.dispose()
})

const connector = (): Connector =>
  createItsmConnector({ name: 'sim', url: sim.url, token: sim.token, retry: FAST_RETRY }, recordingDeps())

const sync = async (store: Store, c: Connector = connector()): Promise<void> => {
  const outcome = await syncSource(store, c, { pageSize: 25 })
  expect(outcome).toMatchObject({ status: 'ok', error: null })
}

/** The store as comparable rows, without the SRs' raw records (they keep the name they were served with). */
const contents = (store: Store) => {
  const snap = snapshotStore(store.sqlite)
  return {
    ...snap,
    serviceRequests: snap.serviceRequests.map(({ raw: _raw, ...r }) => r),
    syncState: [],
  }
}

/** SRs, resolved SRs and MTTR per tenant name, as the BI widgets read them (from the rollups). */
const rollupsByTenant = (store: Store) => {
  expect(ensureRollups(store, ZONE, ZONE)).toBe(true)
  return store.sqlite
    .prepare(
      `SELECT t.name, sum(r.created) AS created, sum(r.resolved) AS resolved, sum(r.mttr_ms) AS mttr
       FROM sr_rollup_tenant_daily r JOIN tenants t ON t.id = r.tenant_id GROUP BY t.name ORDER BY t.name`,
    )
    .all()
}

const tenantRow = (store: Store, name: string) =>
  store.sqlite.prepare('SELECT id FROM tenants WHERE name = ?').pluck().get(name) as number | undefined

const busiestTenant = () => {
  const counts = new Map<string, number>()
  for (const sr of sim.data.srs) counts.set(sr.tenant, (counts.get(sr.tenant) ?? 0) + 1)
  const [name] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? []
  const tenant = sim.data.tenants.find((t) => t.name === name)
  if (!tenant) throw new Error('the seeded data has no SRs')
  return tenant
}

describe('a tenant or category renamed upstream', () => {
  it('is renamed in place by the next sync: one tenant, its SRs and rollups with it, as a fresh sync', async () => {
    await sync(ws.store)
    const tenant = busiestTenant()
    const category = sim.data.categories[0]
    if (!category) throw new Error('no categories')
    const row = tenantRow(ws.store, tenant.name)
    const tenantsBefore = ws.store.sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()
    const rollupsBefore = rollupsByTenant(ws.store) as { name: string }[]

    // Renamed upstream; the SRs are not touched (they name the tenant through a join).
    sim.mutate((m) => {
      m.rename('tenants', tenant.id, `${tenant.name} (개편)`)
      m.rename('categories', category.id, `${category.name}/보안`)
    })
    await sync(ws.store)

    expect(tenantRow(ws.store, tenant.name)).toBeUndefined()
    expect(tenantRow(ws.store, `${tenant.name} (개편)`)).toBe(row)
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM tenants').pluck().get()).toBe(tenantsBefore)
    // The dashboards show the same figures under the new name.
    expect(rollupsByTenant(ws.store)).toEqual(
      rollupsBefore
        .map((r) => (r.name === tenant.name ? { ...r, name: `${tenant.name} (개편)` } : r))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    )
    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
  })

  it('SRs that arrive with the new name before /tenants serves it (renamed during a sync) end on one tenant', async () => {
    await sync(ws.store)
    const tenant = busiestTenant()
    const row = tenantRow(ws.store, tenant.name)
    rollupsByTenant(ws.store)
    // Renamed after this run's tenants pass and before its SR pass; a few SRs change meanwhile, so
    // that pass brings them with the new name.
    const during = connector()
    const fetchPage = during.fetchPage.bind(during)
    let renamed = false
    during.fetchPage = (entity, cursor, opts) => {
      if (entity === 'srs' && !renamed) {
        renamed = true
        sim.mutate((m) => {
          m.rename('tenants', tenant.id, '새 이름 기관')
          for (const sr of sim.data.srs.filter((s) => s.tenant === '새 이름 기관').slice(0, 3))
            m.update('srs', sr.id, { title: `${sr.title} (수정)` })
        })
      }
      return fetchPage(entity, cursor, opts)
    }
    await sync(ws.store, during)
    // This run could not know: the SRs it read made a tenant of the new name.
    expect(
      ws.store.sqlite
        .prepare(
          `SELECT count(*) FROM service_requests WHERE tenant_id = (SELECT id FROM tenants WHERE name = '새 이름 기관')`,
        )
        .pluck()
        .get(),
    ).toBe(3)

    await sync(ws.store)
    expect(tenantRow(ws.store, tenant.name)).toBeUndefined()
    expect(tenantRow(ws.store, '새 이름 기관')).toBe(row)
    const served = sim.data.srs.filter((s) => s.tenant === '새 이름 기관').length
    expect(
      ws.store.sqlite.prepare('SELECT count(*) FROM service_requests WHERE tenant_id = ?').pluck().get(row),
    ).toBe(served)
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get()).toBe(
      sim.data.srs.length,
    )

    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
    expect(rollupsByTenant(ws.store)).toEqual(rollupsByTenant(fresh.store))
  })

  it('renamed and renamed back: the same tenant under its first name', async () => {
    await sync(ws.store)
    const tenant = busiestTenant()
    const row = tenantRow(ws.store, tenant.name)
    sim.mutate((m) => m.rename('tenants', tenant.id, '잠시 다른 이름'))
    await sync(ws.store)
    sim.mutate((m) => m.rename('tenants', tenant.id, tenant.name))
    await sync(ws.store)
    expect(tenantRow(ws.store, tenant.name)).toBe(row)
    expect(tenantRow(ws.store, '잠시 다른 이름')).toBeUndefined()
    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
  })

  it('two tenants swapping names upstream swap them, whatever the page size', async () => {
    await sync(ws.store)
    const [a, b] = sim.data.tenants
    if (!a || !b) throw new Error('too few tenants')
    const [rowA, rowB] = [tenantRow(ws.store, a.name), tenantRow(ws.store, b.name)]
    sim.mutate((m) => {
      m.rename('tenants', a.id, '임시')
      m.rename('tenants', b.id, a.name)
      m.rename('tenants', a.id, b.name)
    })
    // One tenant a page: the swap is split over two pages.
    const outcome = await syncSource(ws.store, connector(), { pageSize: 1, entities: ['tenants'] })
    expect(outcome.status).toBe('ok')
    expect([tenantRow(ws.store, b.name), tenantRow(ws.store, a.name)]).toEqual([rowA, rowB])
    await sync(ws.store)
    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
  })
})

/** Per person (source/id) the SRs assigned, resolved and open, as the Engineers screen reads them (rollups). */
const rollupsByAssignee = (store: Store) => {
  expect(ensureRollups(store, ZONE, ZONE)).toBe(true)
  return store.sqlite
    .prepare(
      `SELECT p.source || '/' || p.source_id AS person, p.name, sum(r.total) AS total, sum(r.resolved) AS resolved,
         sum(r.open) AS open
       FROM sr_rollup_assignee_daily r JOIN people p ON p.id = r.assignee_id GROUP BY p.id ORDER BY person`,
    )
    .all()
}

const personRow = (store: Store, sourceId: string) =>
  store.sqlite
    .prepare("SELECT id, name FROM people WHERE source = 'itsm:sim' AND source_id = ?")
    .get(sourceId) as { id: number; name: string } | undefined

/** The engineer assigned the most SRs, and a requester with SRs (names are unique in the seeded data). */
const busiestPeople = () => {
  const most = (names: (string | null)[]) => {
    const counts = new Map<string, number>()
    for (const n of names) if (n !== null) counts.set(n, (counts.get(n) ?? 0) + 1)
    const [name] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? []
    const person = sim.data.people.find((p) => p.name === name)
    if (!person) throw new Error('the seeded data has no such SRs')
    return person
  }
  return {
    engineer: most(sim.data.srs.map((s) => s.assignee)),
    requester: most(sim.data.srs.map((s) => s.requester)),
  }
}

describe('a person renamed upstream', () => {
  it('is renamed in place by the next sync: the same person, SRs naming them as requester too, as a fresh sync', async () => {
    await sync(ws.store)
    const { engineer, requester } = busiestPeople()
    const [engineerRow, requesterRow] = [personRow(ws.store, engineer.id), personRow(ws.store, requester.id)]
    const peopleBefore = ws.store.sqlite.prepare('SELECT count(*) FROM people').pluck().get()

    // Renamed upstream; the SRs and events are not touched (they name people through a join).
    sim.mutate((m) => {
      m.rename('people', engineer.id, `${engineer.name} (전산팀)`)
      m.rename('people', requester.id, `${requester.name}B`)
    })
    await sync(ws.store)

    expect(personRow(ws.store, engineer.id)).toEqual({ ...engineerRow, name: `${engineer.name} (전산팀)` })
    expect(personRow(ws.store, requester.id)).toEqual({ ...requesterRow, name: `${requester.name}B` })
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM people').pluck().get()).toBe(peopleBefore)
    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
  })

  it('SRs and events that arrive with the new name before /people serves it (renamed during a sync) end on one person', async () => {
    await sync(ws.store)
    const { engineer } = busiestPeople()
    const row = personRow(ws.store, engineer.id)
    const newName = `${engineer.name} (전산팀)`
    // Built, so the SR writer keeps them incrementally from here on.
    rollupsByAssignee(ws.store)
    // Renamed after this run's people pass and before its SR pass; a few of their SRs and events
    // change meanwhile, so those passes bring them with the new name.
    const during = connector()
    const fetchPage = during.fetchPage.bind(during)
    let renamed = false
    during.fetchPage = (entity, cursor, opts) => {
      if (entity === 'srs' && !renamed) {
        renamed = true
        sim.mutate((m) => {
          m.rename('people', engineer.id, newName)
          for (const sr of sim.data.srs.filter((s) => s.assignee === newName).slice(0, 3))
            m.update('srs', sr.id, { title: `${sr.title} (수정)` })
          for (const e of sim.data.sr_events.filter((ev) => ev.actor === newName).slice(0, 3))
            m.update('sr_events', e.id, { note: '재배정 검토' })
        })
      }
      return fetchPage(entity, cursor, opts)
    }
    await sync(ws.store, during)
    // This run could not know: the SRs and events it read made a person of the new name.
    const madeFromName = ws.store.sqlite
      .prepare("SELECT id FROM people WHERE source = 'itsm:sim' AND source_id = ?")
      .pluck()
      .get(newName) as number | undefined
    expect(madeFromName).toBeDefined()
    expect(
      ws.store.sqlite
        .prepare('SELECT count(*) FROM service_requests WHERE assignee_id = ?')
        .pluck()
        .get(madeFromName),
    ).toBe(3)
    expect(
      ws.store.sqlite.prepare('SELECT count(*) FROM sr_events WHERE actor_id = ?').pluck().get(madeFromName),
    ).toBeGreaterThan(0)

    await sync(ws.store)
    expect(personRow(ws.store, engineer.id)).toEqual({ ...row, name: newName })
    expect(
      ws.store.sqlite
        .prepare("SELECT count(*) FROM people WHERE source = 'itsm:sim' AND name = ?")
        .pluck()
        .get(newName),
    ).toBe(1)
    expect(
      ws.store.sqlite
        .prepare('SELECT count(*) FROM service_requests WHERE assignee_id = ?')
        .pluck()
        .get(row?.id),
    ).toBe(sim.data.srs.filter((s) => s.assignee === newName).length)
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM service_requests').pluck().get()).toBe(
      sim.data.srs.length,
    )

    await sync(fresh.store)
    expect(contents(ws.store)).toEqual(contents(fresh.store))
    expect(rollupsByAssignee(ws.store)).toEqual(rollupsByAssignee(fresh.store))
  })
})
