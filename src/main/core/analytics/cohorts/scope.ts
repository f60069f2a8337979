// Which tenants a cohort request covers, and where its data begins.
import type { Store } from '../../db/open-database'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'

export type TenantRow = { id: number; name: string }

/** The tenants of the filter (names not in the workspace are simply absent), else every tenant. */
export function scopedTenants(store: Store, tenants: readonly string[] | null): TenantRow[] {
  const clause = tenantClause(tenants, 'id')
  return store.sqlite
    .prepare(`SELECT id, name FROM tenants WHERE 1 = 1${clause.sql} ORDER BY name`)
    .all(...clause.params) as TenantRow[]
}

/** created_at of each tenant's first SR up to as-of (tenants without one are left out). */
export function firstSrByTenant(
  store: Store,
  tenants: readonly TenantRow[],
  asOf: number,
): Map<number, number> {
  // One indexed probe per tenant on (tenant_id, created_at): a GROUP BY over the table would read every row.
  const first = store.sqlite
    .prepare('SELECT min(created_at) FROM service_requests WHERE tenant_id = ? AND created_at <= ?')
    .pluck()
  const out = new Map<number, number>()
  for (const t of tenants) {
    const at = first.get(t.id, asOf) as number | null
    if (at !== null) out.set(t.id, at)
  }
  return out
}

/** created_at of the first SR in scope up to as-of, or null. */
export function firstSrAt(store: Store, q: ResolvedQuery): number | null {
  const tenant = tenantClause(q.tenants)
  return store.sqlite
    .prepare(`SELECT min(created_at) FROM service_requests WHERE created_at <= ?${tenant.sql}`)
    .pluck()
    .get(q.asOf, ...tenant.params) as number | null
}
