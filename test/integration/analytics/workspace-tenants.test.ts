// The tenant list the header's institution filter reads (workspace:tenants): each tenant with its row
// id, which stays when a sync renames the tenant upstream, so the renderer can follow a selection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listTenants } from '../../../src/main/core/analytics/workspace-status'
import { ensureTenants } from '../../../src/main/core/db/repositories/tenants'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-tenant-list-')
})
afterEach(() => ws.dispose())

const NORTH = 'itsm:north'
const T0 = Date.parse('2025-01-01T00:00:00Z')
const serve = (rows: [id: string, name: string][]) =>
  ensureTenants(
    ws.store,
    rows.map(([sourceId, name]) => ({ name, createdAt: T0, source: NORTH, sourceId })),
  )

describe('the tenant list', () => {
  it('gives each tenant its row id; a tenant renamed upstream keeps its id under the new name', () => {
    serve([
      ['T01', '한국정보공사'],
      ['T02', '세종시청'],
    ])
    addSrs(ws, [
      { tenant: '한국정보공사', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { tenant: '한국정보공사', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
      { tenant: '세종시청', status: 'OPEN', created: '2025-02-03T00:00:00Z' },
    ])
    const before = listTenants(ws.store)
    expect(before.map((t) => [t.name, t.srCount])).toEqual([
      ['세종시청', 1],
      ['한국정보공사', 2],
    ])
    const idOf = new Map(before.map((t) => [t.name, t.id]))
    expect(new Set(idOf.values()).size).toBe(2)
    expect([...idOf.values()].every((id) => Number.isInteger(id) && id > 0)).toBe(true)

    serve([['T01', '한국정보진흥원']])

    expect(listTenants(ws.store)).toStrictEqual([
      { id: idOf.get('세종시청'), name: '세종시청', srCount: 1 },
      { id: idOf.get('한국정보공사'), name: '한국정보진흥원', srCount: 2 },
    ])
  })

  it('a rename onto a tenant the connection does not serve: the renamed row keeps its id, the other goes', () => {
    serve([['T01', '구 이름']])
    addSrs(ws, [
      { source: NORTH, sourceId: 'SR-1', tenant: '구 이름', status: 'OPEN', created: '2025-02-01T00:00:00Z' },
      { source: NORTH, sourceId: 'SR-2', tenant: '새 이름', status: 'OPEN', created: '2025-02-02T00:00:00Z' },
    ])
    const idOf = new Map(listTenants(ws.store).map((t) => [t.name, t.id]))
    expect(idOf.get('구 이름')).toBeGreaterThan(0)
    expect(idOf.get('새 이름')).not.toBe(idOf.get('구 이름'))

    serve([['T01', '새 이름']])

    expect(listTenants(ws.store)).toStrictEqual([{ id: idOf.get('구 이름'), name: '새 이름', srCount: 2 }])
  })
})
