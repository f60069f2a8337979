// Runs one source's sync in a worker thread and turns its messages back into a promise.
import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { SyncOutcome, SyncProgress } from '../sync/engine'
import type { SyncWorkerData, SyncWorkerMessage, SyncWorkerRequest } from './sync-worker-protocol'

/**
 * Starts `workerFile` (the built sync-worker) for `data`; resolves with the outcome, never rejects:
 * a crash of the worker becomes a failed outcome that says so (the committed pages stay).
 * `signal` asks the worker to stop after its current page (it logs the run as cancelled);
 * `terminate` stops the thread where it is (a worker that did not answer `signal` in time, the app
 * quitting): the outcome is then cancelled at once, and the run's log entry is left to the next sync
 * to close as interrupted, as after a crash of the process.
 */
export function runSyncInWorker(
  workerFile: string | URL,
  data: SyncWorkerData,
  opts: { onProgress: (p: SyncProgress) => void; signal?: AbortSignal; terminate?: AbortSignal },
  workerOptions: Omit<WorkerOptions, 'workerData'> = {},
): Promise<SyncOutcome> {
  const source = `${data.record.kind}:${data.record.name}`
  const startedAt = Date.now()
  return new Promise((resolve) => {
    let settled = false
    const settle = (outcome: SyncOutcome): void => {
      if (settled) return
      settled = true
      opts.signal?.removeEventListener('abort', onAbort)
      opts.terminate?.removeEventListener('abort', onTerminate)
      resolve(outcome)
    }
    const failed = (message: string, reason: SyncFailureReason | null = null): SyncOutcome => ({
      source,
      status: 'failed',
      rows: 0,
      pages: 0,
      error: message,
      reason,
      startedAt,
      finishedAt: Date.now(),
    })
    const worker = new Worker(workerFile, { ...workerOptions, workerData: data })
    const onAbort = (): void => worker.postMessage({ type: 'cancel' } satisfies SyncWorkerRequest)
    if (opts.signal?.aborted) onAbort()
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const onTerminate = (): void => {
      settle({
        ...failed('Stopped: the sync did not answer the request to cancel in time', { code: 'cancelled' }),
        status: 'cancelled',
      })
      // Not awaited: a thread in a synchronous SQLite call (waiting for the write lock) stops only
      // once that call returns; the caller goes on meanwhile.
      void worker.terminate()
    }
    if (opts.terminate?.aborted) onTerminate()
    opts.terminate?.addEventListener('abort', onTerminate, { once: true })
    worker.on('message', (message: SyncWorkerMessage) => {
      if (message.type === 'progress') opts.onProgress(message.progress)
      else if (message.type === 'done') settle(message.outcome)
      else settle(failed(message.message, message.reason ?? null))
    })
    const crashed = (params: { detail: string; exitCode?: number }): SyncFailureReason => ({
      code: 'sync_crashed',
      params,
    })
    worker.on('error', (err) =>
      settle(failed(`The sync stopped unexpectedly: ${err.message}`, crashed({ detail: err.message }))),
    )
    worker.on('exit', (code) =>
      settle(
        failed(
          `The sync stopped unexpectedly (exit code ${code})`,
          crashed({ detail: `exit code ${code}`, exitCode: code }),
        ),
      ),
    )
  })
}
