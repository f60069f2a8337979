// Keeps KPI values current (SPEC §6): recalculates at every period boundary of the KPIs (so a closed
// period is finalised and the new one starts), every `refreshMs` in between (the current period's
// to-date value), and whenever trigger() is called (after each sync). Timers are injectable so
// tests drive it without waiting. With a job runner (the app) each calculation runs in the runner's
// KPI lane (a worker thread), where a trigger during a run coalesces into one more run; without one
// it runs in-process, synchronously.
import type { Emit } from '../api'
import type { Store } from '../db/open-database'
import { registerAfterSyncHook } from '../sync/after-sync'
import { recalculateKpis, type KpiCalcOutcome } from './calculate'
import { listKpis } from './definitions'
import { kpiPeriodContaining } from './kpi-periods'
import type { MetricSource } from './metric-source'
import type { JobRunner } from '../workers/jobs-runner'

export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export type KpiSchedulerDeps = {
  store: Store
  now: () => number
  zone: () => string
  timers?: Timers
  /** Recalculation interval inside a period (default 15 minutes). */
  refreshMs?: number
  source?: MetricSource
  /** Runs calculations in the background (ignored with a test `source`, which lives in this thread). */
  jobs?: Pick<JobRunner, 'calculateKpis'>
  onCalculated?: (outcomes: KpiCalcOutcome[], reason: string) => void
  onError?: (err: unknown) => void
}

export type KpiScheduler = {
  start(): void
  stop(): void
  /** Recalculates now (e.g. after a sync; `full` after an SLA change) and re-arms the timer. */
  trigger(reason?: string, opts?: { full?: boolean }): Promise<KpiCalcOutcome[]>
  /** When the timer fires next (epoch ms), null when stopped. */
  nextRunAt(): number | null
}

const DEFAULT_REFRESH_MS = 15 * 60_000

const nodeTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    // The schedule alone must not keep a CLI or test process alive.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Creates the KPI scheduler; nothing runs until start() or trigger(). */
export function createKpiScheduler(deps: KpiSchedulerDeps): KpiScheduler {
  const timers = deps.timers ?? nodeTimers
  const refreshMs = deps.refreshMs ?? DEFAULT_REFRESH_MS
  let handle: unknown = null
  let next: number | null = null
  let running = false

  const nextBoundary = (now: number): number => {
    const zone = deps.zone()
    let at = now + refreshMs
    for (const kpi of listKpis(deps.store)) at = Math.min(at, kpiPeriodContaining(now, kpi.period, zone).end)
    return at
  }

  const arm = () => {
    if (!running) return
    if (handle !== null) timers.clearTimeout(handle)
    const now = deps.now()
    next = nextBoundary(now)
    handle = timers.setTimeout(
      () => {
        handle = null
        run('timer')
      },
      Math.max(0, next - now),
    )
  }

  const jobs = deps.source ? undefined : deps.jobs
  const run = (reason: string, full = false): Promise<KpiCalcOutcome[]> => {
    const opts = { now: deps.now(), zone: deps.zone(), ...(full ? { full } : {}) }
    if (jobs) {
      return jobs
        .calculateKpis(opts)
        .then((r) => {
          deps.onCalculated?.(r.outcomes, reason)
          return r.outcomes
        })
        .catch((err: unknown) => {
          deps.onError?.(err)
          return []
        })
        .finally(arm)
    }
    let outcomes: KpiCalcOutcome[] = []
    try {
      outcomes = recalculateKpis(deps.store, { ...opts, ...(deps.source ? { source: deps.source } : {}) })
      deps.onCalculated?.(outcomes, reason)
    } catch (err) {
      deps.onError?.(err)
    }
    arm()
    return Promise.resolve(outcomes)
  }

  return {
    start() {
      if (running) return
      running = true
      void run('start')
    },
    stop() {
      running = false
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
      next = null
    },
    trigger: (reason = 'sync', opts = {}) => run(reason, opts.full ?? false),
    nextRunAt: () => next,
  }
}

/**
 * Starts the KPI engine for the app or the browser harness: the scheduler (a first calculation now,
 * then at period boundaries and every refresh), a recalculation after each sync or import through
 * the sync module's after-sync hooks, and a `data:changed` (reason kpi) after every calculation so
 * open boards refresh. Returns the scheduler (trigger('demo') after a demo generation) and a stop().
 */
export function startKpiEngine(
  deps: Omit<KpiSchedulerDeps, 'onCalculated'> & { emit?: Emit },
): KpiScheduler & { dispose(): void } {
  const scheduler = createKpiScheduler({
    ...deps,
    onCalculated: (outcomes) => {
      if (outcomes.length > 0)
        deps.emit?.('data:changed', { reason: 'kpi', at: new Date(deps.now()).toISOString() })
    },
  })
  // Not awaited: the sync's own state must not wait for the KPI calculation.
  const unregister = registerAfterSyncHook((info) => {
    if (info.store === deps.store) void scheduler.trigger(info.reason)
  })
  scheduler.start()
  return {
    ...scheduler,
    dispose: () => {
      unregister()
      scheduler.stop()
    },
  }
}
