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
