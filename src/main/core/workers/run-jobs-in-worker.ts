// Runs one background job in a worker thread (one thread and one connection per job, as the demo
// and sync workers do) and turns its messages back into a promise.
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { CoreError, fromWorkerError } from '../errors'
import type { JobBackend } from './jobs-runner'
import type { JobProgress, JobResult, JobsWorkerData, JobsWorkerMessage } from './jobs-worker-protocol'

/** Starts `workerFile` (the built jobs-worker) for `data`; resolves with the result, rejects with a CoreError. */
export function runJobInWorker(
  workerFile: string | URL,
  data: JobsWorkerData,
  onProgress: (p: JobProgress) => void,
  workerOptions: Omit<WorkerOptions, 'workerData'> = {},
): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (err: CoreError): void => {
      if (settled) return
      settled = true
      reject(err)
    }
    const worker = new Worker(workerFile, { ...workerOptions, workerData: data })
    worker.on('message', (message: JobsWorkerMessage) => {
      if (settled) return
      if (message.type === 'progress') onProgress(message.progress)
      else if (message.type === 'done') {
        settled = true
        resolve(message.result)
      } else fail(fromWorkerError(message.error))
    })
    worker.on('error', (err) =>
      fail(new CoreError('INTERNAL', `The job stopped unexpectedly: ${err.message}`)),
    )
    worker.on('exit', (code) =>
      fail(new CoreError('INTERNAL', `The job stopped unexpectedly (exit code ${code})`)),
    )
  })
}

/**
 * A job backend that runs every job in a new worker thread on the workspace in `workspace`.
 * `extraData` is merged into workerData (tests pass the TypeScript entry for test/helpers/ts-worker.mjs).
 */
export function workerJobBackend(opts: {
  file: string | URL
  workspace: JobsWorkerData['workspace']
  extraData?: Record<string, unknown>
  workerOptions?: Omit<WorkerOptions, 'workerData'>
}): JobBackend {
  return (job, onProgress) =>
    runJobInWorker(
      opts.file,
      { ...opts.extraData, workspace: opts.workspace, job } satisfies JobsWorkerData,
      onProgress,
      opts.workerOptions,
    )
}
