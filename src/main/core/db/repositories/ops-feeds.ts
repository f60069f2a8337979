// Deployments and feature usage: the two smaller operational feeds (SPEC §2, §3 deploy success, §5 adoption).
import type { DeploymentStatus } from '../../../../shared/domain'
import type { Store } from '../open-database'
import { createLookups } from './lookups'
import { writeTransaction } from '../write-transaction'

export type DeploymentInput = {
  source: string
  sourceId: string
  tenant: string
  name: string
  createdAt: number
  finishedAt: number | null
  status: DeploymentStatus
}

export type FeatureUsageInput = {
  /** The connection reporting the count (`itsm:prod`, 'demo'); each source keeps its own count. */
  source: string
  tenant: string
  feature: string
  month: string
  count: number
}

/** Inserts or updates deployments by (source, source_id) in one transaction; returns the rows written. */
export function upsertDeployments(store: Store, rows: readonly DeploymentInput[]): number {
  const upsert = store.sqlite
    .prepare(`INSERT INTO deployments (source, source_id, tenant_id, name, created_at,
      finished_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(source, source_id) DO UPDATE SET tenant_id = excluded.tenant_id, name = excluded.name,
      created_at = excluded.created_at, finished_at = excluded.finished_at, status = excluded.status`)
  return writeTransaction(store.sqlite, () => {
    const lookups = createLookups(store.sqlite)
    for (const d of rows) {
      const tenantId = lookups.tenantId(d.tenant, d.createdAt)
      upsert.run(d.source, d.sourceId, tenantId, d.name, d.createdAt, d.finishedAt, d.status)
    }
    return rows.length
  })()
}

/**
 * Sets usage counts per (source, tenant, feature, month), replacing that source's earlier count of the
 * same key; other sources' counts of the tenant stay (reads add them up). A count stored before usage
 * had a source (source '') of the same tenant, feature and month is deleted in the same transaction,
 * so a month a source sends again is not counted twice; legacy months no source sends stay.
 */
export function upsertFeatureUsage(store: Store, rows: readonly FeatureUsageInput[]): number {
  const upsert = store.sqlite
    .prepare(`INSERT INTO feature_usage (source, tenant_id, feature, month, count) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(source, tenant_id, feature, month) DO UPDATE SET count = excluded.count`)
  const dropLegacy = store.sqlite.prepare(
    `DELETE FROM feature_usage WHERE source = '' AND tenant_id = ? AND feature = ? AND month = ?`,
  )
  return writeTransaction(store.sqlite, () => {
    const lookups = createLookups(store.sqlite)
    for (const r of rows) {
      if (!/^\d{4}-\d{2}$/.test(r.month))
        throw new Error(`Feature usage month must be YYYY-MM, got "${r.month}"`)
      if (r.source === '') throw new Error('Feature usage needs the source that reported it')
      // Tenants first seen in the usage feed get created_at = 0 (unknown) rather than a made-up instant.
      const tenantId = lookups.tenantId(r.tenant, 0)
      dropLegacy.run(tenantId, r.feature, r.month)
      upsert.run(r.source, tenantId, r.feature, r.month, r.count)
    }
    return rows.length
  })()
}
