// One page of an SR list (the drill-downs) in two steps: the page's ids in order, then the listed
// columns of those ids only. In one query SQLite works out every listed column (joined names, SLA
// figures) of every SR matching the condition before sorting and keeping one page: 35,000 rows for
// a 12-week SLA list at 1M SRs.
import type { Store } from '../open-database'

export type SrPageQuery = {
  /** Condition on `service_requests s`. */
  where: string
  params: readonly (string | number)[]
  /** ORDER BY terms on `s`; end with s.id so pages are stable. */
  orderBy: string
  limit: number
  offset: number
}

/** Condition selecting the ids of a page: bind JSON.stringify(ids). */
export const SR_PAGE_IDS_SQL = 's.id IN (SELECT value FROM json_each(?))'

/** The ids of one page, in order. */
export function srPageIds(store: Store, q: SrPageQuery): number[] {
  return store.sqlite
    .prepare(`SELECT s.id FROM service_requests s WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...q.params, q.limit, q.offset) as number[]
}

/** `rows` (fetched with SR_PAGE_IDS_SQL, in any order) put in the order of `ids`. */
export function inPageOrder<R>(ids: readonly number[], rows: readonly R[], idOf: (row: R) => number): R[] {
  const byId = new Map<number, R>()
  for (const r of rows) byId.set(idOf(r), r)
  const out: R[] = []
  for (const id of ids) {
    const r = byId.get(id)
    if (r !== undefined) out.push(r)
  }
  return out
}
