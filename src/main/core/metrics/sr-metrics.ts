// The SPEC §3 metric definitions, the one place they are written down in code. The KPI engine, the
// BI widgets and rollups, reports and the CLI call these (or match them, tested against them).
// Every function takes a half-open period [start, end) in epoch ms (build it with periods.ts in the
// workspace zone) and a filter, and returns unrounded values with their counts, so callers round at
// presentation and show NO_DATA when a denominator is 0. They read the columns derived at write time
// (resolved_at, finished_at, mttr_ms, sla_met: see derive.ts and sla-judge.ts), never updated_at.
import type { Statement } from 'better-sqlite3'
import type { Priority } from '../../../shared/domain'
import type { Store } from '../db/open-database'
import type { Period } from './periods'

export type MetricFilter = {
  /** Tenant names; empty or absent = all tenants. */
  tenants?: readonly string[] | null
  /** Category name (exact). */
  category?: string | null
  priority?: Priority | null
}

/** A share: value = numerator / denominator × 100, null when the denominator is 0 (NO_DATA). */
export type RatioMetric = { value: number | null; numerator: number; denominator: number }
/** A mean in hours over `count` SRs, null when count is 0 (NO_DATA). */
export type MeanHoursMetric = { value: number | null; totalMs: number; count: number }

/** Everything over resolved(P) in one read: what a KPI calculation or a report needs at once. */
export type ResolvedSummary = {
  resolved: number
  mttr: MeanHoursMetric
  fcr: RatioMetric
  slaCompliance: RatioMetric
  reopenRate: RatioMetric
}

const HOUR_MS = 3_600_000
/**
 * MTTR of one SR: the stored judgement (calendar or business clock per the SLA policy); for a row
 * stored before judgement existed, the calendar clock, which is what the default policy uses.
 */
export const MTTR_MS_SQL = 'coalesce(mttr_ms, max(resolved_at - created_at, 0))'

const statements = new WeakMap<Store, Map<string, Statement>>()
function prepared(store: Store, sql: string): Statement {
  let cache = statements.get(store)
  if (!cache) statements.set(store, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = store.sqlite.prepare(sql)))
  return stmt
}

/** SQL conditions and parameters for a filter over service_requests (names bound, never spliced). */
export function srFilterSql(f: MetricFilter = {}): { sql: string; params: (string | number)[] } {
  let sql = ''
  const params: (string | number)[] = []
  if (f.tenants && f.tenants.length > 0) {
    sql += ` AND tenant_id IN (SELECT id FROM tenants WHERE name IN (${f.tenants.map(() => '?').join(', ')}))`
    params.push(...f.tenants)
  }
  if (f.category) {
    sql += ' AND category_id = (SELECT id FROM categories WHERE name = ?)'
    params.push(f.category)
  }
  if (f.priority) {
    sql += ' AND priority = ?'
    params.push(f.priority)
  }
  return { sql, params }
}

const ratio = (numerator: number, denominator: number): RatioMetric => ({
  value: denominator === 0 ? null : (numerator / denominator) * 100,
  numerator,
  denominator,
})

/** SPEC §3 created(P): "SRs with created_at in P". */
export function created(store: Store, p: Period, f: MetricFilter = {}): number {
  const w = srFilterSql(f)
  const sql = `SELECT count(*) AS n FROM service_requests WHERE created_at >= ? AND created_at < ?${w.sql}`
  return (prepared(store, sql).get(p.start, p.end, ...w.params) as { n: number }).n
}

/** SPEC §3 resolved(P): "SRs with resolved_at in P (status now RESOLVED or DONE)". */
export function resolved(store: Store, p: Period, f: MetricFilter = {}): number {
  return resolvedSummary(store, p, f).resolved
}

/**
 * SPEC §3 MTTR(P), hours: "mean of resolved_at − created_at over resolved(P). Calendar clock by
 * default; business-hours clock when the SLA calendar says so" (the stored mttr_ms).
 */
export function mttr(store: Store, p: Period, f: MetricFilter = {}): MeanHoursMetric {
  return resolvedSummary(store, p, f).mttr
}

/** SPEC §3 FCR(P), %: "share of resolved(P) with reassignment_count = 0 and reopen_count = 0". */
export function fcr(store: Store, p: Period, f: MetricFilter = {}): RatioMetric {
  return resolvedSummary(store, p, f).fcr
}

/**
 * SPEC §3 SLA compliance(P), %: "share of resolved(P) whose resolution time (minus PENDING time when
 * events exist, on the SLA calendar) is ≤ the SLA target of its priority (category override allowed)".
 */
export function slaCompliance(store: Store, p: Period, f: MetricFilter = {}): RatioMetric {
  return resolvedSummary(store, p, f).slaCompliance
}

/** SPEC §3 reopen rate(P), %: "share of resolved(P) with reopen_count > 0". */
export function reopenRate(store: Store, p: Period, f: MetricFilter = {}): RatioMetric {
  return resolvedSummary(store, p, f).reopenRate
}

/**
 * resolved(P) and MTTR(P) only: what the overview cards need. While no policy version uses business
 * hours, mttr_ms equals max(resolved_at − created_at, 0), so this reads only the covering
 * (resolved_at, created_at) indexes instead of every resolved row (about 20× faster on 1M SRs).
 */
export function resolvedWithMttr(
  store: Store,
  p: Period,
  f: MetricFilter = {},
): { resolved: number; mttr: MeanHoursMetric } {
  const w = srFilterSql(f)
  const business = prepared(
    store,
    "SELECT 1 FROM sla_policy_versions v JOIN sla_calendars c ON c.id = v.calendar_id WHERE c.kind = 'business' LIMIT 1",
  ).get()
  const expr = business ? MTTR_MS_SQL : 'max(resolved_at - created_at, 0)'
  const sql = `SELECT count(*) AS n, total(${expr}) AS mttr_total FROM service_requests
    WHERE resolved_at >= ? AND resolved_at < ?${w.sql}`
  const r = prepared(store, sql).get(p.start, p.end, ...w.params) as { n: number; mttr_total: number }
  return {
    resolved: r.n,
    mttr: { value: r.n === 0 ? null : r.mttr_total / r.n / HOUR_MS, totalMs: r.mttr_total, count: r.n },
  }
}

/** resolved(P) with MTTR, FCR, SLA compliance and reopen rate over it, in one indexed read. */
export function resolvedSummary(store: Store, p: Period, f: MetricFilter = {}): ResolvedSummary {
  const w = srFilterSql(f)
  // resolved_at is non-null exactly for RESOLVED/DONE SRs (derived at write time, SPEC §2), so the
  // range alone selects resolved(P).
  const sql = `SELECT count(*) AS n, total(${MTTR_MS_SQL}) AS mttr_total,
    count(CASE WHEN reassignment_count = 0 AND reopen_count = 0 THEN 1 END) AS fcr,
    count(sla_met) AS judged, count(CASE WHEN sla_met = 1 THEN 1 END) AS met,
    count(CASE WHEN reopen_count > 0 THEN 1 END) AS reopened
    FROM service_requests WHERE resolved_at >= ? AND resolved_at < ?${w.sql}`
  const r = prepared(store, sql).get(p.start, p.end, ...w.params) as {
    n: number
    mttr_total: number
    fcr: number
    judged: number
    met: number
    reopened: number
  }
  return {
    resolved: r.n,
    mttr: { value: r.n === 0 ? null : r.mttr_total / r.n / HOUR_MS, totalMs: r.mttr_total, count: r.n },
    fcr: ratio(r.fcr, r.n),
    slaCompliance: ratio(r.met, r.judged),
    reopenRate: ratio(r.reopened, r.n),
  }
}

/**
 * SPEC §3 backlog(t): "SRs open at t (OPEN, IN_PROGRESS, PENDING at t)", where open at t ⇔
 * created_at ≤ t and not finished by t (finished_at null or after t; SPEC §2).
 */
export function backlog(store: Store, t: number, f: MetricFilter = {}): number {
  const w = srFilterSql(f)
  const sql = `SELECT count(*) AS n FROM service_requests
    WHERE created_at <= ? AND (finished_at IS NULL OR finished_at > ?)${w.sql}`
  return (prepared(store, sql).get(t, t, ...w.params) as { n: number }).n
}

/**
 * SPEC §3 deploy success rate(P), %: "deployments finished in P with status DEPLOYED / deployments
 * finished in P". RUNNING deployments (and any without finished_at) have not finished. Only the
 * tenant part of the filter applies: deployments have no category or priority.
 */
export function deploySuccessRate(store: Store, p: Period, f: MetricFilter = {}): RatioMetric {
  const w = srFilterSql({ tenants: f.tenants ?? null })
  const sql = `SELECT count(*) AS n, count(CASE WHEN status = 'DEPLOYED' THEN 1 END) AS ok FROM deployments
    WHERE finished_at >= ? AND finished_at < ? AND status <> 'RUNNING'${w.sql}`
  const r = prepared(store, sql).get(p.start, p.end, ...w.params) as { n: number; ok: number }
  return ratio(r.ok, r.n)
}
