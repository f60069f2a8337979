// Rows that name a person or tenant the store has not been served yet (one added upstream after the
// run's people or tenants pass, so the SR, event, deployment or feature-usage pass meets the name
// first) are written at once, the person or tenant created from the name; when the person or tenant
// itself is served later, it is the same person or tenant, with the feed's own details.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from './fault-harness'

let ws: TempWorkspace
let sim: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-itsm-refs-')
  sim = await startItsmSimulator({ seed: 4, srCount: 30 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
})

const sync = async (): Promise<void> => {
  const connector = createItsmConnector(
    { name: 'sim', url: sim.url, token: sim.token, retry: FAST_RETRY },
    recordingDeps(),
  )
  const outcome = await syncSource(ws.store, connector, { pageSize: 50 })
  expect(outcome).toMatchObject({ status: 'ok', error: null })
}

type StoredPerson = {
  id: number
  source_id: string
  email: string | null
  tenant: string | null
  role: string
}
const peopleNamed = (name: string): StoredPerson[] =>
  ws.store.sqlite
    .prepare(
      `SELECT p.id, p.source_id, p.email, t.name AS tenant, p.role FROM people p
       LEFT JOIN tenants t ON t.id = p.tenant_id WHERE p.name = ? ORDER BY p.id`,
    )
    .all(name) as StoredPerson[]
const assigneeOf = (srId: string): number | null =>
  ws.store.sqlite
    .prepare('SELECT assignee_id FROM service_requests WHERE source_id = ?')
    .pluck()
    .get(srId) as number | null
const tenantCreatedAt = (name: string): number | undefined =>
  ws.store.sqlite.prepare('SELECT created_at FROM tenants WHERE name = ?').pluck().get(name) as
    number | undefined

describe('a person named by an SR before /people serves them', () => {
  it('is one person once served: the SRs already synced are theirs, with their e-mail, tenant and role', async () => {
    await sync()
    const [first, second] = sim.data.srs
    const tenant = sim.data.tenants[0]?.name
    if (!first || !second || !tenant) throw new Error('the seeded data has too few rows')
    // 박신입 joins upstream; an SR is assigned to them before the people feed has them.
    sim.mutate((m) => m.update('srs', first.id, { assignee: '박신입' }))
    await sync()
    expect(peopleNamed('박신입')).toHaveLength(1)
    sim.mutate((m) => {
      m.insert('people', {
        id: 'P9001',
        tenant,
        name: '박신입',
        email: 'sinip.park@ops.example.kr',
        role: 'manager',
        created_at: '2025-06-01T00:00:00Z',
        last_active_at: null,
      })
      m.update('srs', second.id, { assignee: '박신입' })
    })
    await sync()

    const stored = peopleNamed('박신입')
    expect(stored).toEqual([
      {
        id: expect.any(Number),
        source_id: 'P9001',
        email: 'sinip.park@ops.example.kr',
        tenant,
        role: 'manager',
      },
    ])
    // Both SRs, the one synced before the person and the one after, are assigned to that one person.
    expect(assigneeOf(first.id)).toBe(stored[0]?.id)
    expect(assigneeOf(second.id)).toBe(stored[0]?.id)
  })

  it('another person of the same name served afterwards stays a person of their own', async () => {
    const sr = sim.data.srs[0]
    if (!sr) throw new Error('no SR')
    sim.mutate((m) => m.update('srs', sr.id, { assignee: '박신입' }))
    await sync()
    const person = (id: string) => ({
      id,
      tenant: null,
      name: '박신입',
      email: null,
      role: 'engineer' as const,
      created_at: '2025-06-01T00:00:00Z',
      last_active_at: null,
    })
    sim.mutate((m) => m.insert('people', person('P9001')))
    await sync()
    sim.mutate((m) => m.insert('people', person('P9002')))
    await sync()

    const stored = peopleNamed('박신입')
    expect(stored.map((p) => p.source_id)).toEqual(['P9001', 'P9002'])
    expect(assigneeOf(sr.id)).toBe(stored[0]?.id)
  })
})

describe('a tenant named by other rows before /tenants serves it', () => {
  it("takes the tenants feed's created_at, not the instant of the row that named it first", async () => {
    await sync()
    const sr = sim.data.srs[0]
    if (!sr) throw new Error('no SR')
    sim.mutate((m) => {
      m.update('srs', sr.id, { tenant: '세종시설관리공단' })
      m.insert('feature_usage', {
        id: 'T99:bi_dashboard:2025-06',
        tenant: '부산항만공사',
        feature: 'bi_dashboard',
        month: '2025-06',
        count: 3,
      })
    })
    await sync()
    // Met first in an SR (its created_at a guess) and in the usage feed (0: unknown).
    expect(tenantCreatedAt('세종시설관리공단')).toBe(Date.parse(sr.created_at))
    expect(tenantCreatedAt('부산항만공사')).toBe(0)

    sim.mutate((m) => {
      m.insert('tenants', {
        id: 'T98',
        name: '세종시설관리공단',
        created_at: '2024-02-01T00:00:00+09:00',
      })
      m.insert('tenants', { id: 'T99', name: '부산항만공사', created_at: '2025-05-01T00:00:00+09:00' })
    })
    await sync()
    expect(tenantCreatedAt('세종시설관리공단')).toBe(Date.parse('2024-02-01T00:00:00+09:00'))
    expect(tenantCreatedAt('부산항만공사')).toBe(Date.parse('2025-05-01T00:00:00+09:00'))

    // Served again later with a later date (a second server's customer-since), it stays the earliest.
    sim.mutate((m) => m.update('tenants', 'T98', { created_at: '2024-09-01T00:00:00+09:00' }))
    await sync()
    expect(tenantCreatedAt('세종시설관리공단')).toBe(Date.parse('2024-02-01T00:00:00+09:00'))
  })
})
