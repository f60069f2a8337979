// The background jobs (SLA re-judgement, KPI calculation) and the messages between the jobs worker
// and the process that started it. Requests and results are plain data so they cross postMessage.
import type { ApiError } from '../../../shared/ipc/contract'
import type { KpiCalcOutcome } from '../kpi/calculate'

export type RejudgeJob = {
  kind: 'rejudge'
  /** Only when some SR was never judged (a workspace from before migration 0001); else a no-op. */
  onlyIfUnjudged?: boolean
}
export type KpiCalcJob = {
  kind: 'kpi-calc'
  /** The as-of instant (epoch ms) and the workspace zone of the calculation. */
  now: number
  zone: string
  /** One KPI (id or name); all KPIs when absent. */
  only?: number | string
  /** Recompute every period, not only missing, stale and current ones. */
  full?: boolean
}
export type Job = RejudgeJob | KpiCalcJob
export type JobKind = Job['kind']

export type JobProgress = { done: number; total: number }

/** `thread` is the worker_threads threadId the job ran on (0 = the main thread). */
export type RejudgeJobResult = {
  kind: 'rejudge'
  judged: number
  changed: number
  ms: number
  /** True when onlyIfUnjudged found nothing to do. */
  skipped: boolean
  thread: number
}
export type KpiCalcJobResult = { kind: 'kpi-calc'; outcomes: KpiCalcOutcome[]; ms: number; thread: number }
export type JobResult = RejudgeJobResult | KpiCalcJobResult

export type JobsWorkerData = {
  workspace: { dataDir: string; migrationsFolder?: string; nativeBinding?: string }
  job: Job
}

export type JobsWorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: JobResult }
  /** The error the job ended with, as workerError (errors.ts) makes it: code, message and reason. */
  | { type: 'error'; error: ApiError }
