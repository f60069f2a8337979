// The background sync scheduler (SPEC §10, §12): every source, every settings.syncIntervalMinutes
// while the app runs, and on demand; one run at a time; cancellable. When the sources cannot be
// reached it settles into ONE 'offline' state: it logs the transition once, then only probes
// (a TCP connect, which writes no sync-log entry) with a growing pause until a source answers,
// so an operator on a disconnected laptop sees one calm "offline" badge, not an error per minute.
import type {
  SyncProgressEvent,
  SyncRunAnswer,
  SyncRunResult,
  SyncSourceOutcome,
  SyncStatusView,
} from '../../../shared/ipc/types-sync'
import type { SourceRecord } from '../sources/registry'
import type { SyncOutcome, SyncProgress } from './engine'
import { causeOf } from './causes'

export type Timers = {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export type RunSourceJob = {
  record: SourceRecord
  full: boolean
  signal: AbortSignal
  onProgress: (p: SyncProgress) => void
}

export type SchedulerDeps = {
  sources: () => SourceRecord[]
  /** Syncs one source (in a worker in the app); never throws for source failures. */
  runSource: (job: RunSourceJob) => Promise<SyncOutcome>
  /** True when the source's server accepts a connection (no request, no log entry). */
  probe: (record: SourceRecord) => Promise<boolean>
  now: () => number
  timers?: Timers
  intervalMinutes: () => number
  watermark: () => number | null
  onProgress?: (p: SyncProgressEvent) => void
  onFinished?: (result: SyncRunResult) => void | Promise<void>
  onState?: (status: SyncStatusView) => void
  log?: { info(message: string): void; warn(message: string): void }
  /** Delay of the first background run after start (default 5 s). */
  startDelayMs?: number
  /**
   * True while a file import writes to the workspace: a run then does not start (its page writes
   * would wait on the import's transaction); a background run looks again after a minute.
   */
  importing?: () => boolean
}

export type SyncScheduler = {
  /** Starts the background timer (the first run after startDelayMs). */
  start(): void
  stop(): void
  /**
   * Stops for good (the app quitting): the timer is cleared, the running run is cancelled, and no
   * run starts again, by the timer or on demand (answered 'busy'). Wait with idle().
   */
  shutdown(): void
  /** Starts a run unless one is going; answers at once (progress and the end come as events). */
  runNow(opts?: { source?: string; full?: boolean; trigger?: SyncRunResult['trigger'] }): SyncRunAnswer
  cancel(): boolean
  status(): SyncStatusView
  /** The name of the source syncing at this moment, or null. */
  syncing(): string | null
  /** Resolves when no run is going (tests, shutdown). */
  idle(): Promise<void>
  /** Re-arms the timer after the interval setting changed. */
  reschedule(): void
}

const MINUTE = 60_000
const FIRST_OFFLINE_RETRY_MS = MINUTE

const defaultTimers: Timers = {
  set: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    // The timer alone must not keep a CLI or test process alive.
    handle.unref?.()
    return handle
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Creates the scheduler; nothing runs until start() or runNow(). */
export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  const timers = deps.timers ?? defaultTimers
  let running: { controller: AbortController; done: Promise<void> } | null = null
  let progress: SyncProgressEvent | null = null
  let lastRun: SyncRunResult | null = null
  let offlineSince: number | null = null
  let offlineRetries = 0
  let timer: unknown = null
  let nextRunAt: number | null = null
  let started = false
  /** Set by shutdown(): nothing starts any more. */
  let closed = false

  const status = (): SyncStatusView => ({
    state: running ? 'running' : offlineSince !== null ? 'offline' : 'idle',
    progress: running ? progress : null,
    lastRun,
    nextRunAt,
    offlineSince,
    intervalMinutes: deps.intervalMinutes(),
    watermark: deps.watermark(),
  })
  const emitState = (): void => deps.onState?.(status())

  const arm = (delayMs: number): void => {
    if (timer !== null) timers.clear(timer)
    timer = null
    nextRunAt = null
    if (!started) return
    nextRunAt = deps.now() + delayMs
    timer = timers.set(() => void tick(), delayMs)
  }
  const intervalMs = (): number => Math.max(1, deps.intervalMinutes()) * MINUTE
  /** The pause while offline: one minute, doubling with every try that fails, at most the interval. */
  const offlineDelayMs = (): number => Math.min(intervalMs(), FIRST_OFFLINE_RETRY_MS * 2 ** offlineRetries)

  async function tick(): Promise<void> {
    timer = null
    nextRunAt = null
    if (running) return arm(intervalMs())
    if (offlineSince !== null) {
      // Offline: knock quietly before running, so no failed attempt lands in the log.
      const reachable = await anyReachable()
      // Stopped while the probe was out (the app quitting): nothing more starts.
      if (!started) return
      if (!reachable) {
        offlineRetries += 1
        arm(offlineDelayMs())
        emitState()
        return
      }
    }
    // Nothing to run (no sources yet): look again after an interval; after an import, sooner.
    const answer = runNow({ trigger: 'schedule' })
    if (!answer.started) arm(answer.reason === 'importing' ? Math.min(intervalMs(), MINUTE) : intervalMs())
  }

  async function anyReachable(): Promise<boolean> {
    for (const record of deps.sources()) {
      try {
        if (await deps.probe(record)) return true
      } catch {
        // A probe that throws counts as unreachable.
      }
    }
    return false
  }

  async function execute(
    chosen: SourceRecord[],
    full: boolean,
    trigger: SyncRunResult['trigger'],
    controller: AbortController,
  ): Promise<void> {
    const startedAt = deps.now()
    const outcomes: SyncSourceOutcome[] = []
    for (const [index, chosenRecord] of chosen.entries()) {
      // A connection removed while an earlier one synced is not synced (its secrets are gone, and
      // its cursors would come back under its name); one edited meanwhile syncs as it is now.
      const record = deps.sources().find((s) => s.id === chosenRecord.id && s.name === chosenRecord.name)
      if (!record) continue
      if (controller.signal.aborted) {
        const t = deps.now()
        outcomes.push({
          source: record.name,
          status: 'cancelled',
          rows: 0,
          pages: 0,
          error: {
            cause: 'cancelled',
            message: 'Cancelled before it started',
            reason: { code: 'cancelled' },
          },
          startedAt: t,
          finishedAt: t,
        })
        continue
      }
      progress = {
        source: record.name,
        entity: '',
        rows: 0,
        pages: 0,
        rate: 0,
        etaMs: null,
        total: null,
        entityIndex: 0,
        entityCount: 0,
        sourceIndex: index,
        sourceCount: chosen.length,
      }
      emitState()
      const outcome = await deps
        .runSource({
          record,
          full,
          signal: controller.signal,
          onProgress: (p) => {
            progress = { ...p, source: record.name, sourceIndex: index, sourceCount: chosen.length }
            deps.onProgress?.(progress)
          },
        })
        .catch((err: unknown): SyncOutcome => ({
          source: `${record.kind}:${record.name}`,
          status: 'failed',
          rows: 0,
          pages: 0,
          error: err instanceof Error ? err.message : String(err),
          reason: null,
          startedAt: deps.now(),
          finishedAt: deps.now(),
        }))
      outcomes.push({
        source: record.name,
        status: outcome.status,
        rows: outcome.rows,
        pages: outcome.pages,
        error: outcome.error
          ? {
              cause: causeOf(outcome.status, outcome.error, outcome.reason),
              message: outcome.error,
              reason: outcome.reason,
            }
          : null,
        startedAt: outcome.startedAt,
        finishedAt: outcome.finishedAt,
      })
    }
    const result: SyncRunResult = { trigger, full, startedAt, finishedAt: deps.now(), outcomes }
    noteConnectivity(result)
    lastRun = result
    running = null
    progress = null
    try {
      await deps.onFinished?.(result)
    } catch (err) {
      deps.log?.warn(`After-sync work failed: ${err instanceof Error ? err.message : String(err)}`)
    }
    arm(offlineSince !== null ? offlineDelayMs() : intervalMs())
    emitState()
  }

  function noteConnectivity(result: SyncRunResult): void {
    // A run cancelled after its source had answered pages shows that source can be reached.
    const attempted = result.outcomes.filter((o) => o.status !== 'cancelled' || o.pages > 0)
    const allOffline = attempted.length > 0 && attempted.every((o) => o.status === 'offline')
    if (allOffline && offlineSince === null) {
      offlineSince = deps.now()
      offlineRetries = 0
      deps.log?.warn('The sync sources cannot be reached; retrying quietly until they answer')
    } else if (allOffline) {
      // Still offline although a probe connected (a server that accepts and then drops the
      // connection, a proxy in the way): the next run waits longer, as after a failed probe, so a
      // source in this state logs a failure at a growing pause, not every minute.
      offlineRetries += 1
    } else if (!allOffline && attempted.length > 0 && offlineSince !== null) {
      offlineSince = null
      offlineRetries = 0
      deps.log?.info('The sync sources answer again')
    }
  }

  function runNow(
    opts: { source?: string; full?: boolean; trigger?: SyncRunResult['trigger'] } = {},
  ): SyncRunAnswer {
    // Quitting: the run would be cancelled at once (its log entry a false 'cancelled').
    if (running || closed) return { started: false, reason: 'busy', status: status() }
    if (deps.importing?.()) return { started: false, reason: 'importing', status: status() }
    const all = deps.sources()
    const chosen = opts.source ? all.filter((s) => s.name === opts.source) : all
    if (chosen.length === 0) {
      // One source asked for by name that is gone (removed a moment before the list showed it):
      // not the same as having no connections at all.
      const reason = opts.source && all.length > 0 ? 'unknown-source' : 'no-sources'
      return { started: false, reason, status: status() }
    }
    const controller = new AbortController()
    if (timer !== null) timers.clear(timer)
    timer = null
    nextRunAt = null
    const slot: { controller: AbortController; done: Promise<void> } = {
      controller,
      done: Promise.resolve(),
    }
    running = slot
    slot.done = execute(chosen, opts.full ?? false, opts.trigger ?? 'manual', controller)
    return { started: true, reason: null, status: status() }
  }

  function stop(): void {
    started = false
    if (timer !== null) timers.clear(timer)
    timer = null
    nextRunAt = null
    running?.controller.abort()
  }

  return {
    start() {
      if (started || closed) return
      started = true
      arm(deps.startDelayMs ?? 5000)
      emitState()
    },
    stop,
    shutdown() {
      closed = true
      stop()
    },
    runNow,
    cancel() {
      if (!running) return false
      running.controller.abort()
      return true
    },
    status,
    syncing: () => (running && progress ? progress.source : null),
    async idle() {
      while (running) await running.done
    },
    reschedule() {
      if (running) return
      if (offlineSince === null) return arm(intervalMs())
      // Offline, the pause is capped by the interval: a shorter one applies to the pause under way
      // (it could have up to the old interval left); a longer one waits for the next pause.
      const delay = offlineDelayMs()
      if (nextRunAt === null || deps.now() + delay < nextRunAt) arm(delay)
    },
  }
}
