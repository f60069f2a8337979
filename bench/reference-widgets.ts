// The reference back end's BI widgets (reference/000), transcribed to SQLite: a GROUP BY over the
// SR table per series (dates via date(), weeks and months via strftime) and one COUNT per status for
// the funnel. Kept only to compare speed in the bench; the numbers are wrong by SPEC §4 (UTC days,
// updated_at as the resolution time, DONE only, 30-day months).
import type { Store } from '../src/main/core/db/open-database'

const DAY = 86_400_000

/** The reference's sr-trend: created per date, DONE per date of updated_at (30 days). */
export function referenceSrTrend(store: Store, asOf: number): unknown {
  const since = asOf - 30 * DAY
  const created = store.sqlite
    .prepare(
      `SELECT date(created_at / 1000, 'unixepoch') AS d, count(id) AS cnt FROM service_requests
       WHERE created_at >= ? GROUP BY d ORDER BY d`,
    )
    .all(since)
  const resolved = store.sqlite
    .prepare(
      `SELECT date(updated_at / 1000, 'unixepoch') AS d, count(id) AS cnt FROM service_requests
       WHERE status = 'DONE' AND updated_at >= ? GROUP BY d ORDER BY d`,
    )
    .all(since)
  return [created, resolved]
}

/** The reference's sla-heatmap: DONE SRs created in 12 weeks by week × category, 4 h "on time". */
export function referenceSlaHeatmap(store: Store, asOf: number): unknown {
  return store.sqlite
    .prepare(
      `SELECT strftime('%Y-%W', s.created_at / 1000, 'unixepoch') AS week, c.name AS cat, count(s.id) AS total,
         sum(CASE WHEN (s.updated_at - s.created_at) <= 14400000 THEN 1 ELSE 0 END) AS on_time
       FROM service_requests s LEFT JOIN categories c ON c.id = s.category_id
       WHERE s.status = 'DONE' AND s.created_at >= ? GROUP BY week, cat ORDER BY week`,
    )
    .all(asOf - 12 * 7 * DAY)
}

/** The reference's engineer-load: a join to people grouped by name, top 20 (30 days). */
export function referenceEngineerLoad(store: Store, asOf: number): unknown {
  return store.sqlite
    .prepare(
      `SELECT p.name AS engineer, count(s.id) AS total, sum(CASE WHEN s.status = 'DONE' THEN 1 ELSE 0 END) AS done,
         sum(CASE WHEN s.status IN ('OPEN', 'IN_PROGRESS') THEN 1 ELSE 0 END) AS open
       FROM service_requests s LEFT JOIN people p ON p.id = s.assignee_id
       WHERE s.created_at >= ? GROUP BY p.name ORDER BY total DESC LIMIT 20`,
    )
    .all(asOf - 30 * DAY)
}

/** The reference's category-pie (30 days). */
export function referenceCategoryPie(store: Store, asOf: number): unknown {
  return store.sqlite
    .prepare(
      `SELECT c.name AS cat, count(s.id) AS cnt FROM service_requests s LEFT JOIN categories c ON c.id = s.category_id
       WHERE s.created_at >= ? GROUP BY c.name ORDER BY cnt DESC`,
    )
    .all(asOf - 30 * DAY)
}

/** The reference's funnel: one COUNT per status (30 days). */
export function referenceFunnel(store: Store, asOf: number): unknown {
  const stmt = store.sqlite.prepare(
    'SELECT count(id) AS n FROM service_requests WHERE created_at >= ? AND status = ?',
  )
  return ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE'].map((st) => stmt.get(asOf - 30 * DAY, st))
}

/** The reference's mttr-trend: DONE by month of updated_at over 6 × 30 days. */
export function referenceMttrTrend(store: Store, asOf: number): unknown {
  return store.sqlite
    .prepare(
      `SELECT strftime('%Y-%m', updated_at / 1000, 'unixepoch') AS month,
         avg((updated_at - created_at) / 3600000.0) AS mttr_hours, count(id) AS cnt
       FROM service_requests WHERE status = 'DONE' AND updated_at >= ? GROUP BY month ORDER BY month`,
    )
    .all(asOf - 6 * 30 * DAY)
}
