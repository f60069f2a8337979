// Everything the sync channels need at run time, wired once by the app and the harness: the
// scheduler (runs in a worker in the app, in-process elsewhere), the import-file tokens and the
// HTTP dependencies. The CLI does not build one; it syncs in the foreground.
import { connect } from 'node:net'
import type { EventName, EventPayloads } from '../../../shared/ipc/contract'
import { getWatermark } from '../db/meta'
import type { Store } from '../db/open-database'
import type { SecretStore } from '../secrets'
import { redactSecrets, resolveSourceSecrets, type SourceSecrets } from '../secrets'
import { CoreError, isStoreBusy, storeFailureKind } from '../errors'
import { redactReason } from '../redact'
import { defaultHttpDeps, type HttpDeps } from '../sources/http'
import { connectorFor, listSources, type SourceRecord } from '../sources/registry'
import { runSyncInWorker } from '../workers/run-sync-in-worker'
import type { SyncWorkerData } from '../workers/sync-worker-protocol'
import { runAfterSyncHooks } from './after-sync'
import { syncSource, type SyncOutcome, type SyncProgress } from './engine'
import { createImportFileRegistry, type ImportFileRegistry } from './import-files'
import { createImportRunner, type ImportRunner, type ImportRunnerOptions } from './import-runner'
import { createSyncScheduler, type RunSourceJob, type SyncScheduler, type Timers } from './scheduler'
import { appSecrets } from './sources-admin'
import { recordSourceRun } from './source-status'
import { closeOwnRuns } from './state'

export type SyncRuntime = {
  scheduler: SyncScheduler
  files: ImportFileRegistry
  /** The import wizard's checks and imports (in a worker when `importWorker` is given). */
  imports: ImportRunner
  httpDeps: HttpDeps
  close(): Promise<void>
  /**
   * Stops for good, the app quitting: no sync starts again; a running sync and import are asked to
   * cancel (the sync commits the pages it holds and logs the run as cancelled, the import rolls back
   * and logs it) and waited for up to `graceMs`; a worker still going then is terminated (its run
   * closed as interrupted by the next sync, as after a crash). Never rejects.
   */
  shutdown(opts?: { graceMs?: number }): Promise<ShutdownReport>
}

/**
 * What shutdown() found running, whether it had to terminate a worker that did not stop in time, and
 * whether everything had stopped when it returned (false: a run's bookkeeping was still going after
 * the termination; the process ends anyway).
 */
export type ShutdownReport = {
  syncing: boolean
  importing: boolean
  terminated: boolean
  stopped: boolean
  ms: number
}

/**
 * How long a quit waits for a running sync or import to stop. A sync worker answers a cancel at its
 * next await: the request in flight is aborted at once, and what it has received (at most a batch
 * of 5,000 rows) is committed with its cursor and the entry closed as cancelled, in well under a
 * second (the quit test measures it); an import stops at its next chunk and rolls back. One that has
 * not answered in 5 s is stuck (waiting for another writer's lock, whose timeout is 2 minutes) and
 * waiting longer would only keep a closed app in the task list.
 */
export const QUIT_GRACE_MS = 5000

/** How long, after terminating a worker, the rest of a quit's bookkeeping may take. */
const AFTER_TERMINATE_MS = 1000

export type SyncRuntimeOptions = {
  store: Store
  secrets: SecretStore | undefined
  now: () => number
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  intervalMinutes: () => number
  /** Run each source in this worker (the built sync-worker.js) with its own connection; default in-process. */
  worker?: {
    file: string | URL
    workspace: SyncWorkerData['workspace']
    /** Extra workerData (tests pass the TypeScript entry for ts-worker.mjs). */
    extraData?: Record<string, unknown>
  }
  /** Check and import files in this worker (the built import-worker.js); default in-process. */
  importWorker?: ImportRunnerOptions['worker']
  httpDeps?: HttpDeps
  /** The workspace's time zone, read at each run: times in sync errors are said in it. */
  timeZone?: () => string
  timers?: Timers
  startDelayMs?: number
  pageSize?: number
  log?: { info(message: string): void; warn(message: string): void }
}

/** Builds the sync runtime; call scheduler.start() to begin background syncs. */
export function createSyncRuntime(opts: SyncRuntimeOptions): SyncRuntime {
  const httpDeps = opts.httpDeps ?? defaultHttpDeps()
  const resolver = appSecrets(opts.store, opts.secrets)
  // Aborted by shutdown() once its wait is over: stops the sync worker's thread where it is.
  const kill = new AbortController()
  const files = createImportFileRegistry(opts.now)
  // A sync and an import never write at the same time (each would hold the other's writes up).
  const imports = createImportRunner({
    store: opts.store,
    now: opts.now,
    emit: opts.emit,
    syncRunning: () => scheduler.status().state === 'running',
    ...(opts.importWorker ? { worker: opts.importWorker } : {}),
  })

  const runSource = async (job: RunSourceJob): Promise<SyncOutcome> => {
    const startedAt = opts.now()
    let known: (string | null)[] = []
    let outcome: SyncOutcome
    try {
      // The keychain may refuse (locked, no keyring): that is this source's failure, said in words.
      const secrets = await resolveSourceSecrets(resolver, job.record)
      known = Object.values(secrets)
      outcome = opts.worker
        ? await runSyncInWorker(
            opts.worker.file,
            {
              workspace: opts.worker.workspace,
              record: job.record,
              secrets,
              full: job.full,
              ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
              ...(opts.timeZone ? { timeZone: opts.timeZone() } : {}),
              ...opts.worker.extraData,
            } as SyncWorkerData,
            { onProgress: job.onProgress, signal: job.signal, terminate: kill.signal },
          )
        : await runInProcess(job, secrets)
    } catch (err) {
      outcome = {
        source: `${job.record.kind}:${job.record.name}`,
        status: 'failed',
        rows: 0,
        pages: 0,
        error: err instanceof Error ? err.message : String(err),
        // A missing secret or a keychain that cannot read it: the core's own reason.
        reason: err instanceof CoreError ? (err.reason ?? null) : null,
        startedAt,
        finishedAt: opts.now(),
      }
    }
    outcome = {
      ...outcome,
      error: outcome.error && redactSecrets(outcome.error, known),
      reason: outcome.reason && redactReason(outcome.reason, known),
    }
    try {
      // A worker that died mid-run left its entry running, under this process's pid: it is closed
      // now with the crash, not shown as running until the source's next sync.
      if (outcome.reason?.code === 'sync_crashed')
        closeOwnRuns(opts.store, `${job.record.kind}:${job.record.name}`, outcome.finishedAt, {
          error: outcome.error ?? 'The sync stopped unexpectedly',
          reason: outcome.reason,
        })
      recordSourceRun(opts.store, job.record, outcome)
    } catch (err) {
      // The workspace that refused the run's pages (its disk full, read-only) may refuse this record
      // of it too: the outcome still reaches the Sync screen as the run's result (sync:finished, the
      // scheduler's last run). Not logged: a background sync meeting a full disk every interval
      // would log it every interval, where its failed status says it once.
      if (storeFailureKind(err) === null && !isStoreBusy(err)) throw err
    }
    return outcome
  }

  // A throw here (no secret, a bad URL) becomes the failed outcome in runSource, as in the worker.
  const runInProcess = async (job: RunSourceJob, secrets: SourceSecrets): Promise<SyncOutcome> => {
    const deps = opts.timeZone ? { ...httpDeps, timeZone: opts.timeZone() } : httpDeps
    const connector = await connectorFor(job.record, (_s, kind) => Promise.resolve(secrets[kind]), deps)
    return syncSource(opts.store, connector, {
      full: job.full,
      signal: job.signal,
      onProgress: realTimeRate(job.onProgress),
      now: opts.now,
      ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    })
  }

  const scheduler = createSyncScheduler({
    sources: () => listSources(opts.store),
    runSource,
    probe: probeSource,
    now: opts.now,
    intervalMinutes: opts.intervalMinutes,
    watermark: () => getWatermark(opts.store),
    onProgress: (p) => opts.emit('sync:progress', p),
    onState: (s) => opts.emit('sync:state', s),
    onFinished: async (result) => {
      opts.emit('sync:finished', result)
      if (result.outcomes.some((o) => o.rows > 0 || o.status === 'ok')) {
        opts.emit('data:changed', { reason: 'sync', at: new Date(result.finishedAt).toISOString() })
        await runAfterSyncHooks({ store: opts.store, result, reason: 'sync', at: result.finishedAt }, (err) =>
          opts.log?.warn(`An after-sync hook failed: ${err instanceof Error ? err.message : String(err)}`),
        )
      }
    },
    importing: imports.importing,
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.startDelayMs !== undefined ? { startDelayMs: opts.startDelayMs } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  })

  return {
    scheduler,
    files,
    imports,
    httpDeps,
    async close() {
      imports.cancel()
      scheduler.stop()
      await scheduler.idle()
      await files.clear()
    },
    async shutdown({ graceMs = QUIT_GRACE_MS } = {}) {
      const began = performance.now()
      const syncing = scheduler.status().state === 'running'
      const importing = imports.cancel()
      scheduler.shutdown()
      const settled = Promise.all([scheduler.idle(), imports.idle()])
      const inTime = await within(settled, graceMs)
      let stopped = inTime
      if (!inTime) {
        opts.log?.warn(
          `A sync or import did not stop within ${graceMs} ms of quitting; its worker is stopped`,
        )
        kill.abort()
        imports.terminate()
        stopped = await within(settled, AFTER_TERMINATE_MS)
      }
      await files.clear().catch(() => undefined)
      return {
        syncing,
        importing,
        terminated: !inTime,
        stopped,
        ms: Math.round(performance.now() - began),
      }
    },
  }
}

/** True when `done` resolves within `ms`, false when the time runs out first. */
async function within(done: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  try {
    return await Promise.race([done.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Rate and ETA from the real clock: the injected clock may be pinned (the harness and tests pin it
 * for reproducible figures), which would make every page look instantaneous.
 */
function realTimeRate(onProgress: (p: SyncProgress) => void): (p: SyncProgress) => void {
  let entity: string | null = null
  let since = performance.now()
  let last = since
  return (p) => {
    const t = performance.now()
    // An entity starts where the previous one's last page ended.
    if (p.entity !== entity) {
      entity = p.entity
      since = last
    }
    last = t
    const rate = (p.rows / Math.max(1, t - since)) * 1000
    const left = p.total !== null ? Math.max(0, p.total - p.rows) : null
    onProgress({ ...p, rate, etaMs: left !== null && rate > 0 ? (left / rate) * 1000 : null })
  }
}

/**
 * A TCP connect to the source's host and port — or its proxy's, when it goes through one (its server
 * may not be reachable directly at all) — answers "reachable?" without a request or a log entry.
 */
export function probeSource(record: SourceRecord, timeoutMs = 5000): Promise<boolean> {
  let target: URL
  try {
    target = new URL(record.config.proxy ?? record.config.url)
  } catch {
    return Promise.resolve(false)
  }
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (ok: boolean): void => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
