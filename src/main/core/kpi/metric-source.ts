// Where a KPI's base metric values come from: a small interface (tests inject their own) and the
// implementation over the local store: SPEC §3's functions in metrics/sr-metrics.ts per period, a
// two-scan sweep for backlog over many periods (a year of daily values), and the YouTube figures. Every instant is epoch ms;
// periods are half-open [start, end), the current one ending just after as-of.
import { DateTime } from 'luxon'
import type { KpiBaseMetric, KpiFilter } from '../../../shared/ipc/types-kpi'
import type { Store } from '../db/open-database'
import type { Period } from '../metrics/periods'
import * as srMetrics from '../metrics/sr-metrics'
import { BASE_METRICS } from './base-metrics'

export type MetricQuery = { metric: KpiBaseMetric; filter: KpiFilter | null; zone: string }

/** Computes base metric values; `values` answers one value (null = no data) per period, in order. */
export type MetricSource = {
  values(store: Store, query: MetricQuery, periods: readonly Period[]): (number | null)[]
  /** The earliest instant the metric has data for (null = none), where backfill starts. */
  firstDataAt(store: Store, metric: KpiBaseMetric, zone: string): number | null
}

/** Every zone offset in use is a multiple of 15 minutes, so local period bounds fall on these steps. */
const QUARTER_HOUR = 900_000

/** `AND …` narrowing service_requests by a KPI filter (bound parameters), columns prefixed by `alias`. */
export function filterClause(filter: KpiFilter | null, alias = ''): { sql: string; params: string[] } {
  const parts: string[] = []
  const params: string[] = []
  if (filter?.tenant !== undefined) {
    parts.push(`${alias}tenant_id = (SELECT id FROM tenants WHERE name = ?)`)
    params.push(filter.tenant)
  }
  if (filter?.category !== undefined) {
    parts.push(`${alias}category_id = (SELECT id FROM categories WHERE name = ?)`)
    params.push(filter.category)
  }
  if (filter?.priority !== undefined) {
    parts.push(`${alias}priority = ?`)
    params.push(filter.priority)
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params }
}

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100
}

/** A KPI filter in the metrics module's terms. */
function metricFilter(filter: KpiFilter | null): srMetrics.MetricFilter {
  return {
    ...(filter?.tenant !== undefined ? { tenants: [filter.tenant] } : {}),
    ...(filter?.category !== undefined ? { category: filter.category } : {}),
    ...(filter?.priority !== undefined ? { priority: filter.priority } : {}),
  }
}

/** Sorted quarter-hour buckets with running totals, for counting rows with an instant < x. */
type Cumulative = { keys: number[]; sums: number[] }

function cumulative(rows: { q: number; n: number }[]): Cumulative {
  const keys: number[] = []
  const sums: number[] = []
  let total = 0
  for (const r of rows) {
    total += r.n
    keys.push(r.q)
    sums.push(total)
  }
  return { keys, sums }
}

/** Rows whose bucket is < `bucket`. */
function countBefore(c: Cumulative, bucket: number): number {
  let lo = 0
  let hi = c.keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((c.keys[mid] ?? 0) < bucket) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : (c.sums[lo - 1] ?? 0)
}

/**
 * backlog(t) as metrics/sr-metrics.ts defines it, counted through indexes. The write-time derivation
 * (SPEC §2) makes finished_at null exactly for open-like SRs, equal to resolved_at for resolved-like
 * ones and set for CANCELLED, so "created ≤ t and not finished by t" = open-like created ≤ t + resolved
 * after t + cancelled after t. For a recent t (the current period) this reads a few thousand index
 * entries instead of every SR's row (1M SRs: ~50 ms instead of ~1 s); tests hold it equal to backlog().
 */
export function backlogAt(store: Store, filter: KpiFilter | null, t: number): number {
  const f = filterClause(filter)
  let i = 0
  const named = f.sql.replace(/\?/g, () => `@p${i++}`)
  const params: Record<string, number | string> = { t }
  f.params.forEach((v, k) => (params[`p${k}`] = v))
  const row = store.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM service_requests
          WHERE status IN ('OPEN', 'IN_PROGRESS', 'PENDING') AND created_at <= @t${named})
        + (SELECT count(*) FROM service_requests WHERE resolved_at > @t AND created_at <= @t${named})
        + (SELECT count(*) FROM service_requests
          WHERE status = 'CANCELLED' AND created_at <= @t AND finished_at > @t${named}) AS n`,
    )
    .get(params) as { n: number }
  return row.n
}

/**
 * backlog at the last instant of each period (SPEC §3 "open at t"): created ≤ t and not finished by t,
 * i.e. #(created ≤ t) − #(created ≤ t and finished ≤ t). Two grouped scans serve every period, so a
 * year of daily values costs two passes instead of one pass per day.
 */
function backlogValues(store: Store, filter: KpiFilter | null, periods: readonly Period[]): number[] {
  if (periods.length === 0) return []
  // A single period (the usual recalculation: the current one) is one call of the metrics module.
  if (periods.length === 1)
    return periods.map((p) => srMetrics.backlog(store, p.end - 1, metricFilter(filter)))
  const f = filterClause(filter)
  const lastInstant = Math.max(...periods.map((p) => p.end - 1))
  const created = cumulative(
    store.sqlite
      .prepare(
        `SELECT created_at / ${QUARTER_HOUR} AS q, count(*) AS n FROM service_requests
         WHERE created_at <= ?${f.sql} GROUP BY q ORDER BY q`,
      )
      .all(lastInstant, ...f.params) as { q: number; n: number }[],
  )
  const finished = cumulative(
    store.sqlite
      .prepare(
        `SELECT max(created_at, finished_at) / ${QUARTER_HOUR} AS q, count(*) AS n FROM service_requests
         WHERE finished_at IS NOT NULL AND max(created_at, finished_at) <= ?${f.sql} GROUP BY q ORDER BY q`,
      )
      .all(lastInstant, ...f.params) as { q: number; n: number }[],
  )
  const exact = store.sqlite.prepare(
    `SELECT count(*) AS n FROM service_requests
     WHERE created_at <= ? AND (finished_at IS NULL OR finished_at > ?)${f.sql}`,
  )
  return periods.map((p) => {
    const t = p.end - 1
    // Bucket sums are exact when t + 1 is a quarter-hour boundary (local day bounds always are) or
    // t is the last instant the scans went up to (as-of); otherwise count directly.
    if ((t + 1) % QUARTER_HOUR === 0) {
      const b = (t + 1) / QUARTER_HOUR
      return countBefore(created, b) - countBefore(finished, b)
    }
    if (t === lastInstant) return countBefore(created, Infinity) - countBefore(finished, Infinity)
    return (exact.get(t, t, ...f.params) as { n: number }).n
  })
}

function localDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd')
}

function selectedChannel(store: Store): string | null {
  const row = store.sqlite
    .prepare('SELECT id FROM yt_channels ORDER BY selected DESC, connected_at LIMIT 1')
    .get() as { id: string } | undefined
  return row?.id ?? null
}

type YtRow = { days: number; views: number; watch: number; net: number; engaged: number }

function youtubeValue(store: Store, metric: KpiBaseMetric, zone: string, p: Period): number | null {
  const channel = selectedChannel(store)
  if (channel === null) return null
  // Daily figures are labelled by local day; a period covers the days from its start to its last instant.
  const row = store.sqlite
    .prepare(
      `SELECT count(*) AS days, coalesce(sum(views), 0) AS views, coalesce(sum(watch_minutes), 0) AS watch,
        coalesce(sum(subscribers_gained - subscribers_lost), 0) AS net, coalesce(sum(likes + comments), 0) AS engaged
      FROM yt_channel_daily WHERE channel_id = ? AND day >= ? AND day <= ?`,
    )
    .get(channel, localDay(p.start, zone), localDay(p.end - 1, zone)) as YtRow
  // No day reported yet (analytics lag) is no data, not zero views.
  if (row.days === 0) return null
  switch (metric) {
    case 'yt_views':
      return row.views
    case 'yt_watch_hours':
      return row.watch / 60
    case 'yt_net_subscribers':
      return row.net
    default:
      return pct(row.engaged, row.views)
  }
}

/** One period's value through the SPEC §3 functions of the metrics module (metrics/sr-metrics.ts). */
function periodValue(store: Store, q: MetricQuery, p: Period): number | null {
  const f = metricFilter(q.filter)
  switch (q.metric) {
    case 'created':
      return srMetrics.created(store, p, f)
    case 'resolved':
      return srMetrics.resolvedSummary(store, p, f).resolved
    case 'mttr':
      return srMetrics.resolvedSummary(store, p, f).mttr.value
    case 'fcr':
      return srMetrics.resolvedSummary(store, p, f).fcr.value
    case 'sla_compliance':
      return srMetrics.resolvedSummary(store, p, f).slaCompliance.value
    case 'reopen_rate':
      return srMetrics.resolvedSummary(store, p, f).reopenRate.value
    case 'deploy_success_rate':
      return srMetrics.deploySuccessRate(store, p, f).value
    case 'backlog':
      return backlogAt(store, q.filter, p.end - 1)
    default:
      return youtubeValue(store, q.metric, q.zone, p)
  }
}

/** The metric source over the local store (SPEC §3 definitions). */
export const storeMetricSource: MetricSource = {
  values(store, query, periods) {
    if (query.metric === 'backlog') return backlogValues(store, query.filter, periods)
    return periods.map((p) => periodValue(store, query, p))
  },
  firstDataAt(store, metric, zone) {
    const kind = BASE_METRICS[metric].kind
    if (kind === 'sr') {
      return (
        store.sqlite.prepare('SELECT min(created_at) AS t FROM service_requests').get() as {
          t: number | null
        }
      ).t
    }
    if (kind === 'deployment') {
      return (
        store.sqlite.prepare('SELECT min(created_at) AS t FROM deployments').get() as { t: number | null }
      ).t
    }
    const channel = selectedChannel(store)
    if (channel === null) return null
    const row = store.sqlite
      .prepare('SELECT min(day) AS day FROM yt_channel_daily WHERE channel_id = ?')
      .get(channel) as { day: string | null }
    return row.day === null ? null : DateTime.fromISO(row.day, { zone }).startOf('day').toMillis()
  },
}
