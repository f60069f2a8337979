// Re-judges every stored SR after an SLA policy, calendar or holiday change (SPEC §3), in id-ordered
// chunks of one transaction each, yielding to the event loop between chunks so the app stays
// responsive and progress can be shown. Rows whose four judgement columns would not change are not
// rewritten, so a change that touches few SRs (a holiday in a year without SRs) is cheap.
import type { Priority, SrStatus } from '../../../shared/domain'
import type { Store } from '../db/open-database'
import { judgeSr, loadPolicySet, type PolicySet, type StatusChange } from './sla-judge'
import { writeTransaction } from '../db/write-transaction'

export type RejudgeProgress = { done: number; total: number }
export type RejudgeOptions = {
  /** SRs per transaction (default 20,000). */
  chunkSize?: number
  onProgress?: (p: RejudgeProgress) => void
}
export type RejudgeResult = { judged: number; changed: number; ms: number }

type Row = {
  id: number
  created_at: number
  resolved_at: number | null
  priority: Priority
  category: string | null
  mttr_ms: number | null
  sla_target_ms: number | null
  sla_elapsed_ms: number | null
  sla_met: number | null
}
type EventRow = { sr_id: number; at: number; fromStatus: SrStatus | null; toStatus: SrStatus | null }

/** Recomputes mttr_ms / sla_* of every SR under the stored policy; resolves when done. */
export async function rejudgeServiceRequests(
  store: Store,
  opts: RejudgeOptions = {},
): Promise<RejudgeResult> {
  const started = performance.now()
  const policies = loadPolicySet(store)
  const chunk = createChunkJudge(store, policies, opts.chunkSize ?? 20_000)
  const total = (store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
  let done = 0
  let changed = 0
  let after = 0
  opts.onProgress?.({ done, total })
  for (;;) {
    const r = chunk(after)
    if (r.count === 0) break
    done += r.count
    changed += r.changed
    after = r.lastId
    opts.onProgress?.({ done: Math.min(done, total), total })
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return { judged: done, changed, ms: Math.round(performance.now() - started) }
}

/**
 * Re-judges the SRs of one category under `policies`, on the caller's transaction (a category
 * renamed or merged upstream, whose SLA overrides changed under it: see repositories/tenants.ts).
 * Returns how many SRs changed. Updates of sla_met mark the rollups stale (guard trigger of migration
 * 0002), so their next read rebuilds them from the new judgements.
 */
export function rejudgeCategorySrs(store: Store, policies: PolicySet, categoryId: number): number {
  const judge = chunkJudge(store, policies, 20_000, categoryId)
  let changed = 0
  for (let after = 0; ;) {
    const r = judge(after)
    if (r.count === 0) return changed
    changed += r.changed
    after = r.lastId
  }
}

function createChunkJudge(store: Store, policies: PolicySet, size: number) {
  return writeTransaction(store.sqlite, chunkJudge(store, policies, size))
}

/** Judges the next `size` SRs after an id (of `categoryId` only, when given); no transaction of its own. */
function chunkJudge(store: Store, policies: PolicySet, size: number, categoryId?: number) {
  const { sqlite } = store
  const needEvents = policies.versions.some((v) => v.pauseOnPending)
  const ofCategory = categoryId === undefined ? '' : 'AND s.category_id = @categoryId'
  const select = sqlite.prepare(
    `SELECT s.id, s.created_at, s.resolved_at, s.priority, c.name AS category, s.mttr_ms, s.sla_target_ms,
     s.sla_elapsed_ms, s.sla_met FROM service_requests s LEFT JOIN categories c ON c.id = s.category_id
     WHERE s.id > @after ${ofCategory} ORDER BY s.id LIMIT @size`,
  )
  const events = sqlite.prepare(
    `SELECT e.sr_id, e.at, e.from_status AS fromStatus, e.to_status AS toStatus FROM sr_events e
     ${categoryId === undefined ? '' : 'JOIN service_requests s ON s.id = e.sr_id'}
     WHERE e.sr_id > @after AND e.sr_id <= @last AND e.kind = 'status' ${ofCategory} ORDER BY e.sr_id, e.at`,
  )
  const update = sqlite.prepare(
    'UPDATE service_requests SET mttr_ms = ?, sla_target_ms = ?, sla_elapsed_ms = ?, sla_met = ? WHERE id = ?',
  )
  const filter = categoryId === undefined ? {} : { categoryId }
  return (after: number): { count: number; changed: number; lastId: number } => {
    const rows = select.all({ after, size, ...filter }) as Row[]
    const last = rows[rows.length - 1]
    if (!last) return { count: 0, changed: 0, lastId: after }
    const bySr = new Map<number, StatusChange[]>()
    if (needEvents) {
      for (const e of events.all({ after, last: last.id, ...filter }) as EventRow[]) {
        const list = bySr.get(e.sr_id)
        if (list) list.push(e)
        else bySr.set(e.sr_id, [e])
      }
    }
    let changed = 0
    for (const r of rows) {
      const j = judgeSr(policies, {
        createdAt: r.created_at,
        resolvedAt: r.resolved_at,
        priority: r.priority,
        category: r.category,
        statusEvents: bySr.get(r.id) ?? null,
      })
      if (
        j.mttrMs === r.mttr_ms &&
        j.slaTargetMs === r.sla_target_ms &&
        j.slaElapsedMs === r.sla_elapsed_ms &&
        j.slaMet === r.sla_met
      ) {
        continue
      }
      update.run(j.mttrMs, j.slaTargetMs, j.slaElapsedMs, j.slaMet, r.id)
      changed++
    }
    return { count: rows.length, changed, lastId: last.id }
  }
}
