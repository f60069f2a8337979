// The reference back end's overview (reference/000): one COUNT query per card filtered on
// created_at and status, and MTTR from updated_at. Kept only to compare speed in the bench; its
// numbers are wrong by SPEC §4 (it counts SRs created this month, not resolved this month).
import type { Store } from '../src/main/core/db/open-database'
import { periodContaining } from '../src/main/core/metrics/periods'

/** Runs the reference's queries against the same store (for timing only). */
export function referenceOverview(store: Store, asOf: number): number[] {
  const month = periodContaining(asOf, 'month', 'Asia/Seoul').start
  const week = periodContaining(asOf, 'week', 'Asia/Seoul').start
  const prevMonth = periodContaining(month - 1, 'month', 'Asia/Seoul').start
  const count = (status: string | null, since: number | null): number => {
    const where: string[] = []
    const params: (string | number)[] = []
    if (status) {
      where.push('status = ?')
      params.push(status)
    }
    if (since !== null) {
      where.push('created_at >= ?')
      params.push(since)
    }
    const sql = `SELECT count(id) AS n FROM service_requests${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`
    return (store.sqlite.prepare(sql).get(...params) as { n: number }).n
  }
  const mttr = store.sqlite
    .prepare(
      `SELECT avg((updated_at - created_at) / 3600000.0) AS h FROM service_requests WHERE status = 'DONE' AND updated_at >= ?`,
    )
    .get(month) as { h: number | null }
  return [
    count('OPEN', null),
    count('IN_PROGRESS', null),
    count('DONE', month),
    count('DONE', week),
    count('DONE', prevMonth),
    mttr.h ?? 0,
  ]
}
