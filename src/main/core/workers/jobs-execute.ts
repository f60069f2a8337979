// Runs one background job on a store. The jobs worker and the in-process runner (CLI, harness,
// tests) both call this, so a job computes exactly the same thing wherever it runs.
import { randomUUID } from 'node:crypto'
import { threadId } from 'node:worker_threads'
import { getMeta, setMeta } from '../db/meta'
import type { Store } from '../db/open-database'
import { calculateKpi, type KpiCalcOutcome } from '../kpi/calculate'
import { getKpi, listKpis } from '../kpi/definitions'
import type { MetricSource } from '../kpi/metric-source'
import { rejudgeServiceRequests } from '../metrics/rejudge'
import type {
  Job,
  JobProgress,
  JobResult,
  KpiCalcJob,
  KpiCalcJobResult,
  RejudgeJob,
} from './jobs-worker-protocol'

/**
 * True when some SR carries no judgement: every judged SR has a target, and a resolved one an MTTR.
 * Rows written by a release before migration 0001 have all four columns NULL.
 */
export function hasUnjudgedSrs(store: Store): boolean {
  const row = store.sqlite
    .prepare(
      `SELECT 1 FROM service_requests
       WHERE sla_target_ms IS NULL OR (resolved_at IS NOT NULL AND mttr_ms IS NULL) LIMIT 1`,
    )
    .get()
  return row !== undefined
}

/**
 * Set when a re-judgement is owed (an SLA change saved, see markRejudgeOwed) and while one runs;
 * removed when one that began after the last mark has finished. A re-judgement that never started
 * (the app quit while it waited behind another job) or stopped half-way (the app quit during it, a
 * crash, Ctrl+C in the CLI: some chunks committed, its SRs judged partly under the new policy and
 * partly under the old, nothing NULL for the start-up check to find) leaves it, and the next start's
 * re-judgement runs in full. Its value is a token, so a run does not clear the mark of a change saved
 * while it ran (that change's own re-judgement follows it).
 */
const REJUDGE_OWED_KEY = 'rejudge_unfinished'

/** Marks the stored SRs as owed a full re-judgement; call in the transaction that changes the policy. */
export function markRejudgeOwed(store: Store): string {
  const token = randomUUID()
  setMeta(store, REJUDGE_OWED_KEY, token)
  return token
}

/** True when a re-judgement is owed or began and did not finish (see REJUDGE_OWED_KEY). */
export function rejudgeUnfinished(store: Store): boolean {
  return getMeta(store, REJUDGE_OWED_KEY) !== null
}

/** Runs `job` on `store`; `source` replaces the store's KPI metrics (tests, in-process only). */
export async function executeJob(
  store: Store,
  job: Job,
  onProgress: (p: JobProgress) => void = () => {},
  source?: MetricSource,
): Promise<JobResult> {
  return job.kind === 'rejudge' ? rejudge(store, job, onProgress) : calculate(store, job, onProgress, source)
}

async function rejudge(
  store: Store,
  job: RejudgeJob,
  onProgress: (p: JobProgress) => void,
): Promise<JobResult> {
  if (job.onlyIfUnjudged && !hasUnjudgedSrs(store) && !rejudgeUnfinished(store)) {
    return { kind: 'rejudge', judged: 0, changed: 0, ms: 0, skipped: true, thread: threadId }
  }
  const token = markRejudgeOwed(store)
  const r = await rejudgeServiceRequests(store, { onProgress })
  // Only this run's own mark: a change saved meanwhile keeps its re-judgement owed.
  store.sqlite.prepare('DELETE FROM workspace_meta WHERE key = ? AND value = ?').run(REJUDGE_OWED_KEY, token)
  return { kind: 'rejudge', ...r, skipped: false, thread: threadId }
}

function calculate(
  store: Store,
  job: KpiCalcJob,
  onProgress: (p: JobProgress) => void,
  source: MetricSource | undefined,
): KpiCalcJobResult {
  const started = performance.now()
  // The same per-KPI loop as recalculateKpis, with progress between KPIs.
  const kpis = job.only !== undefined ? [getKpi(store, job.only)] : listKpis(store)
  const outcomes: KpiCalcOutcome[] = []
  const exists = store.sqlite.prepare('SELECT 1 FROM kpi_definitions WHERE id = ?')
  let done = 0
  onProgress({ done, total: kpis.length })
  for (const kpi of kpis) {
    try {
      outcomes.push(
        calculateKpi(store, kpi, {
          now: job.now,
          zone: job.zone,
          ...(job.full ? { full: true } : {}),
          ...(source ? { source } : {}),
        }),
      )
    } catch (err) {
      // A KPI deleted on the main connection while this job ran has nothing left to calculate.
      if (exists.get(kpi.id) !== undefined) throw err
    }
    onProgress({ done: ++done, total: kpis.length })
  }
  return { kind: 'kpi-calc', outcomes, ms: Math.round(performance.now() - started), thread: threadId }
}
