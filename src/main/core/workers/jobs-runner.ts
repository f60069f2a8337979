// The background job runner: SLA re-judgement and KPI calculation, one lane per kind. A lane runs
// one job at a time on the workspace; requests arriving while a job runs merge into ONE follow-up
// run, which starts when the current one ends and answers all of them. So N overlapping policy
// edits or sync/timer/demo triggers cost at most two runs, and two calculations never write the
// same workspace at once. Where a job runs is the backend's business: a worker thread in the app
// (run-jobs-in-worker.ts), in-process in the CLI, the harness and tests.
import type { Emit } from '../api'
import type { Store } from '../db/open-database'
import { CoreError } from '../errors'
import type { MetricSource } from '../kpi/metric-source'
import { executeJob } from './jobs-execute'
import type {
  Job,
  JobProgress,
  JobResult,
  KpiCalcJob,
  KpiCalcJobResult,
  RejudgeJob,
  RejudgeJobResult,
} from './jobs-worker-protocol'

/** Runs one job somewhere (a worker thread, or this thread) and resolves with its result. */
export type JobBackend = (job: Job, onProgress: (p: JobProgress) => void) => Promise<JobResult>

export type KpiCalcRequest = Omit<KpiCalcJob, 'kind'>
export type RejudgeRequest = Omit<RejudgeJob, 'kind'>

export type JobRunner = {
  /** Re-judges the stored SRs under the stored SLA policy (coalesced with overlapping requests). */
  rejudge(req?: RejudgeRequest): Promise<RejudgeJobResult>
  /** Calculates KPI values into kpi_values (coalesced with overlapping requests). */
  calculateKpis(req: KpiCalcRequest): Promise<KpiCalcJobResult>
  /** How many jobs of each kind have started so far. */
  runs(): { rejudge: number; kpiCalc: number }
  /** Resolves once no job runs or waits (shutdown, tests). */
  idle(): Promise<void>
}

type Lane<Req, Res> = {
  request(req: Req): Promise<Res>
  runs(): number
  busy(): boolean
  idle(): Promise<void>
}

/** One job at a time; requests during a run merge (with `merge`) into a single next run. */
function createLane<Req, Res>(
  run: (req: Req) => Promise<Res>,
  merge: (a: Req, b: Req) => Req,
): Lane<Req, Res> {
  let active: Promise<void> | null = null
  let next: { req: Req; promise: Promise<Res>; resolve(r: Res): void; reject(e: unknown): void } | null = null
  let runs = 0

  const start = (req: Req): Promise<Res> => {
    runs++
    let result: Promise<Res>
    try {
      result = run(req)
    } catch (err) {
      result = Promise.reject(err)
    }
    active = result.then(
      () => undefined,
      () => undefined,
    )
    void active.then(() => {
      active = null
      const queued = next
      next = null
      if (queued) start(queued.req).then(queued.resolve, queued.reject)
    })
    return result
  }

  return {
    request(req) {
      if (active === null) return start(req)
      if (next) {
        next.req = merge(next.req, req)
        return next.promise
      }
      let resolve!: (r: Res) => void
      let reject!: (e: unknown) => void
      const promise = new Promise<Res>((res, rej) => {
        resolve = res
        reject = rej
      })
      next = { req, promise, resolve, reject }
      return promise
    },
    runs: () => runs,
    busy: () => active !== null || next !== null,
    async idle() {
      while (active !== null || next !== null) await (active ?? Promise.resolve())
    },
  }
}

/** Two KPI requests as one: the later clock and zone, `full` if either asked, one KPI only if both named it. */
export function mergeKpiRequests(a: KpiCalcRequest, b: KpiCalcRequest): KpiCalcRequest {
  const full = (a.full ?? false) || (b.full ?? false)
  return {
    now: Math.max(a.now, b.now),
    zone: b.zone,
    ...(a.only !== undefined && a.only === b.only ? { only: a.only } : {}),
    ...(full ? { full } : {}),
  }
}

/** Two re-judge requests as one: conditional only if both were. */
function mergeRejudgeRequests(a: RejudgeRequest, b: RejudgeRequest): RejudgeRequest {
  return a.onlyIfUnjudged && b.onlyIfUnjudged ? { onlyIfUnjudged: true } : {}
}

/** Tells what failed; keeps the code so the envelope stays a typed error. */
function labelled(what: string) {
  return (err: unknown): never => {
    const message = err instanceof Error ? err.message : String(err)
    throw new CoreError(err instanceof CoreError ? err.code : 'INTERNAL', `${what} failed: ${message}`)
  }
}

/**
 * Creates the runner over `backend`; progress goes out through `emit` as 'sla:rejudge-progress' and
 * 'kpi:calc-progress'. Create ONE per workspace and share it (handlers, KPI engine, start-up), or lanes won't coalesce.
 */
export function createJobRunner(opts: { backend: JobBackend; emit?: Emit }): JobRunner {
  const rejudge = createLane<RejudgeRequest, RejudgeJobResult>(async (req) => {
    const r = await opts
      .backend({ kind: 'rejudge', ...req }, (p) => opts.emit?.('sla:rejudge-progress', p))
      .catch(labelled('The SLA re-judgement'))
    if (r.kind !== 'rejudge') throw new CoreError('INTERNAL', `A re-judgement answered as ${r.kind}`)
    return r
  }, mergeRejudgeRequests)
  const kpi = createLane<KpiCalcRequest, KpiCalcJobResult>(async (req) => {
    const r = await opts
      .backend({ kind: 'kpi-calc', ...req }, (p) => opts.emit?.('kpi:calc-progress', p))
      .catch(labelled('The KPI calculation'))
    if (r.kind !== 'kpi-calc') throw new CoreError('INTERNAL', `A KPI calculation answered as ${r.kind}`)
    return r
  }, mergeKpiRequests)
  return {
    rejudge: (req = {}) => rejudge.request(req),
    calculateKpis: (req) => kpi.request(req),
    runs: () => ({ rejudge: rejudge.runs(), kpiCalc: kpi.runs() }),
    async idle() {
      // A finished re-judgement may start a KPI calculation (data:changed sla), so look again.
      while (rejudge.busy() || kpi.busy()) await Promise.all([rejudge.idle(), kpi.idle()])
    },
  }
}

/** A backend running jobs on this thread's connection (CLI, harness, tests); `source` for KPI tests. */
export function inProcessJobBackend(store: Store, source?: MetricSource): JobBackend {
  return (job, onProgress) => executeJob(store, job, onProgress, source)
}

/**
 * At start: re-judges, in the background, the SRs a previous release stored without judgement
 * (migration 0001 added the columns empty), and announces data:changed (sla) when rows changed.
 * Never rejects: a failure is logged and the app carries on with the rows as they are.
 */
export async function rejudgeUnjudgedAtStart(
  jobs: JobRunner,
  deps: { emit: Emit; now: () => number; log?: { warn(message: string): void } },
): Promise<RejudgeJobResult | null> {
  try {
    const r = await jobs.rejudge({ onlyIfUnjudged: true })
    if (r.changed > 0) deps.emit('data:changed', { reason: 'sla', at: new Date(deps.now()).toISOString() })
    return r
  } catch (err) {
    deps.log?.warn(err instanceof Error ? err.message : String(err))
    return null
  }
}
