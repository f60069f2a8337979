// Each tenant's SPEC §3 KPIs over one period, for the benchmark. MTTR, FCR, SLA compliance and reopen
// rate come from the metrics module's own function (metrics/sr-metrics.ts resolvedSummary), so the
// benchmark and every KPI agree by construction. Backlog is the same definition counted on indexes
// (backlogOnIndexes below; a test checks it equals sr-metrics backlog() tenant by tenant).
import type { Store } from '../../db/open-database'
import { resolvedSummary } from '../../metrics/sr-metrics'
import type { TenantRow } from './scope'

export type TenantKpis = {
  tenantId: number
  /** resolved(P): SRs with resolved_at in P. */
  resolved: number
  mttrHours: number | null
  fcrPct: number | null
  slaPct: number | null
  reopenPct: number | null
  /** SRs open at the backlog instant. */
  backlog: number
}

/** KPIs of each tenant for resolved(P) = resolved_at in [start, end) and backlog at `backlogAt`. */
export function tenantKpis(
  store: Store,
  tenants: readonly TenantRow[],
  period: { start: number; end: number },
  backlogAt: number,
): Map<number, TenantKpis> {
  const out = new Map<number, TenantKpis>()
  for (const t of tenants) {
    const filter = { tenants: [t.name] }
    const s = resolvedSummary(store, period, filter)
    out.set(t.id, {
      tenantId: t.id,
      resolved: s.resolved,
      mttrHours: s.mttr.value,
      fcrPct: s.fcr.value,
      slaPct: s.slaCompliance.value,
      reopenPct: s.reopenRate.value,
      backlog: backlogOnIndexes(store, t.id, backlogAt),
    })
  }
  return out
}

/**
 * SPEC §3 backlog(t) of one tenant: created by t and not finished by t. sr-metrics backlog() reads
 * every row's finished_at (about 200 ms per tenant on 1M SRs, over a second for the benchmark's
 * eight tenants); this counts the same set on covering indexes, from the side of t that is small
 * when t is recent: open-like SRs now, plus those finished after t. It is the same set because
 * finished_at is derived at write time: null exactly for OPEN/IN_PROGRESS/PENDING, resolved_at (never
 * null) for RESOLVED/DONE, closed_at ?? updated_at for CANCELLED.
 */
export function backlogOnIndexes(store: Store, tenantId: number, t: number): number {
  const count = (sql: string, ...params: number[]) =>
    store.sqlite
      .prepare(sql)
      .pluck()
      .get(tenantId, ...params) as number
  const openNow = count(
    `SELECT count(*) FROM service_requests WHERE tenant_id = ? AND created_at <= ?
       AND status IN ('OPEN', 'IN_PROGRESS', 'PENDING')`,
    t,
  )
  const resolvedAfter = count(
    'SELECT count(*) FROM service_requests WHERE tenant_id = ? AND resolved_at > ? AND created_at <= ?',
    t,
    t,
  )
  const cancelledAfter = count(
    `SELECT count(*) FROM service_requests WHERE tenant_id = ? AND status = 'CANCELLED'
       AND finished_at > ? AND created_at <= ?`,
    t,
    t,
  )
  return openNow + resolvedAfter + cancelledAfter
}
