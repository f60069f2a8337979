// What the console needs at start: is there any data (offer the demo workspace), and the watermark.
import type { TenantSummary, WorkspaceStatus } from '../../../shared/ipc/types'
import type { Store } from '../db/open-database'
import { getWatermark, getWorkspaceKind } from '../db/meta'

/**
 * Counts and watermark of the workspace; `empty` drives the first-launch demo offer. `syncFailing`
 * is the sync area's to say (api.ts adds it).
 */
export function workspaceStatus(store: Store): Omit<WorkspaceStatus, 'syncFailing'> {
  const srCount = (store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number })
    .n
  const tenantCount = (store.sqlite.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n
  const watermark = getWatermark(store)
  return {
    empty: srCount === 0,
    srCount,
    tenantCount,
    watermark: watermark === null ? null : new Date(watermark).toISOString(),
    demo: getWorkspaceKind(store) === 'demo',
  }
}

/**
 * Tenants (기관) by name with their row ids and SR counts, for the tenant filter (which follows a
 * selected tenant's row through a rename upstream).
 */
export function listTenants(store: Store): TenantSummary[] {
  return store.sqlite
    .prepare(
      `SELECT t.id AS id, t.name AS name, count(s.id) AS srCount FROM tenants t
       LEFT JOIN service_requests s ON s.tenant_id = t.id GROUP BY t.id ORDER BY t.name`,
    )
    .all() as TenantSummary[]
}
