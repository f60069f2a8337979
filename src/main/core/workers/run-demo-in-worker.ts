// Runs the demo generator in a worker thread and turns its messages back into a promise.
import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { DemoResult } from '../../../shared/ipc/types'
import type { DemoProgress } from '../demo/generate'
import { CoreError, fromWorkerError } from '../errors'
import type { DemoWorkerData, DemoWorkerMessage } from './demo-worker-protocol'

/** Starts `workerFile` (the built demo-worker) with `data`; resolves with the result, rejects with a CoreError. */
export function runDemoInWorker(
  workerFile: string | URL,
  data: DemoWorkerData,
  onProgress: (p: DemoProgress) => void,
  workerOptions: Omit<WorkerOptions, 'workerData'> = {},
): Promise<DemoResult> {
  return new Promise((resolve, reject) => {
    let settled = false
    const worker = new Worker(workerFile, { ...workerOptions, workerData: data })
    worker.on('message', (message: DemoWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress)
      else if (message.type === 'done') {
        settled = true
        resolve(message.result)
      } else {
        settled = true
        reject(fromWorkerError(message.error))
      }
    })
    worker.on('error', (err) => {
      if (settled) return
      settled = true
      reject(new CoreError('INTERNAL', `Demo generation failed: ${err.message}`))
    })
    worker.on('exit', (code) => {
      if (settled) return
      settled = true
      reject(new CoreError('INTERNAL', `Demo generation stopped unexpectedly (exit code ${code})`))
    })
  })
}
