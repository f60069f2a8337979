// Runs one import-wizard step in a worker thread and turns its messages back into a promise.
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { CoreError, fromWorkerError, reason } from '../errors'
import type { ImportProgress } from '../sources/file-import/import'
import type { RememberedXlsxPlan } from '../sources/file-import/read-xlsx'
import type {
  ImportJob,
  ImportJobResult,
  ImportWorkerData,
  ImportWorkerMessage,
} from './import-worker-protocol'

/** A step's answer, the thread it ran on and the workbook first passes to hand the next step. */
export type ImportStepResult = ImportJobResult & { thread: number; xlsxPlans: RememberedXlsxPlan[] }

export type ImportInWorker = {
  /** Resolves with the step's answer; rejects with a CoreError. */
  result: Promise<ImportStepResult>
  /** Asks the worker to stop: a check then fails with CONFLICT, an import answers 'cancelled'. */
  cancel(): void
  /**
   * Stops the thread where it is (it did not answer cancel() in time; the app is quitting): `result`
   * rejects at once. An import's one transaction is rolled back when its connection closes with the
   * thread, so nothing of it stays.
   */
  terminate(): void
}

/** Starts `workerFile` (the built import-worker) for `job` on the workspace in `workspace`. */
export function runImportInWorker(
  workerFile: string | URL,
  data: Omit<ImportWorkerData, 'cancelFlag'> & Record<string, unknown>,
  onProgress: (p: ImportProgress) => void,
  workerOptions: Omit<WorkerOptions, 'workerData'> = {},
): ImportInWorker {
  const cancelFlag = new SharedArrayBuffer(4)
  const flag = new Int32Array(cancelFlag)
  let terminate = (): void => {}
  const result = new Promise<ImportStepResult>((resolve, reject) => {
    let settled = false
    const fail = (err: CoreError): void => {
      if (settled) return
      settled = true
      reject(err)
    }
    const job: ImportJob = data.job
    const worker = new Worker(workerFile, {
      ...workerOptions,
      workerData: { ...data, job, cancelFlag } satisfies ImportWorkerData,
    })
    terminate = () => {
      fail(
        new CoreError(
          'UNAVAILABLE',
          'The import was stopped: it did not answer the request to cancel in time',
        ),
      )
      // Not awaited: a thread in a synchronous write stops once that write returns.
      void worker.terminate()
    }
    worker.on('message', (message: ImportWorkerMessage) => {
      if (settled) return
      if (message.type === 'progress') onProgress(message.progress)
      else if (message.type === 'done') {
        settled = true
        resolve({ ...message.result, thread: message.thread, xlsxPlans: message.xlsxPlans })
      } else fail(fromWorkerError(message.error))
    })
    worker.on('error', (err) =>
      fail(
        new CoreError(
          'INTERNAL',
          `The import stopped unexpectedly: ${err.message}`,
          reason('import_worker_failed', { detail: err.message }),
        ),
      ),
    )
    worker.on('exit', (code) =>
      fail(
        new CoreError(
          'INTERNAL',
          `The import stopped unexpectedly (exit code ${code})`,
          reason('import_worker_exited', { exitCode: code }),
        ),
      ),
    )
  })
  return { result, cancel: () => void Atomics.store(flag, 0, 1), terminate: () => terminate() }
}
