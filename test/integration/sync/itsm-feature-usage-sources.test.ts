// Two ITSM REST connections that report usage for the same tenant name (two servers serving
// overlapping agencies): each connection keeps its own count, so syncing one no longer overwrites the
// other's, and the adoption cohort adds them up with the tenant counted once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { featureAdoption } from '../../../src/main/core/analytics/cohorts/feature-adoption'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { query } from '../cohorts/run'
import { FAST_RETRY, recordingDeps } from './fault-harness'

let ws: TempWorkspace
let north: ItsmSimulator
let south: ItsmSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-usage-sources-')
  // The same seed: both servers serve the same tenants, and the same usage rows.
  north = await startItsmSimulator({ seed: 3, srCount: 20 })
  south = await startItsmSimulator({ seed: 3, srCount: 20 })
})
afterEach(async () => {
  await north.close()
  await south.close()
  ws.dispose()
})

const sync = async (name: string, sim: ItsmSimulator) => {
  const outcome = await syncSource(
    ws.store,
    createItsmConnector({ name, url: sim.url, token: sim.token, retry: FAST_RETRY }, recordingDeps()),
    { pageSize: 100 },
  )
  expect(outcome.status).toBe('ok')
}

describe('feature usage from two ITSM connections', () => {
  it('keeps both counts of the same tenant, feature and month; a later sync replaces only its own', async () => {
    const row = north.data.feature_usage[0]
    if (!row) throw new Error('the seeded data has no feature usage')
    const { tenant, feature, month } = row
    north.mutate((m) => m.update('feature_usage', row.id, { count: 40 }))
    south.mutate((m) => m.update('feature_usage', row.id, { count: 2 }))
    await sync('north', north)
    await sync('south', south)

    const stored = () =>
      ws.store.sqlite
        .prepare(
          `SELECT f.source, f.count FROM feature_usage f JOIN tenants t ON t.id = f.tenant_id
           WHERE t.name = ? AND f.feature = ? AND f.month = ? ORDER BY f.source`,
        )
        .all(tenant, feature, month)
    expect(stored()).toEqual([
      { source: 'itsm:north', count: 40 },
      { source: 'itsm:south', count: 2 },
    ])
    // Every usage row of each server is kept: twice the rows of one server.
    expect(ws.store.sqlite.prepare('SELECT count(*) FROM feature_usage').pluck().get()).toBe(
      2 * north.data.feature_usage.length,
    )

    const cell = () =>
      featureAdoption(
        ws.store,
        query({
          asOf: '2025-06-30T18:00:00+09:00',
          from: `${month}-01`,
          to: `${month}-28`,
          tenants: [tenant],
        }),
      ).feature_adoption.find((f) => f.feature === feature)?.by_month
    expect(cell()).toEqual([{ month, tenants: 1, usage_count: 42 }]) // 40 + 2, one tenant

    north.mutate((m) => m.update('feature_usage', row.id, { count: 55 }))
    await sync('north', north)
    expect(stored()).toEqual([
      { source: 'itsm:north', count: 55 },
      { source: 'itsm:south', count: 2 },
    ])
    expect(cell()).toEqual([{ month, tenants: 1, usage_count: 57 }]) // 55 + 2
  })
})
