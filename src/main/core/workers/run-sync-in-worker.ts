// Runs one source's sync in a worker thread and turns its messages back into a promise.
import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { SyncOutcome, SyncProgress } from '../sync/engine'
import type { SyncWorkerData, SyncWorkerMessage, SyncWorkerRequest } from './sync-worker-protocol'

/**
 * Starts `workerFile` (the built sync-worker) for `data`; resolves with the outcome, never rejects:
 * a crash of the worker becomes a failed outcome that says so (the committed pages stay).
 */
export function runSyncInWorker(
  workerFile: string | URL,
  data: SyncWorkerData,
  opts: { onProgress: (p: SyncProgress) => void; signal?: AbortSignal },
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
