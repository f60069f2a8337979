// Worker-thread entry: generates the demo workspace on its own SQLite connection (WAL lets the
// main process keep reading), so the app's event loop never waits on it. Progress and the
// outcome go back as messages; see run-demo-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { generateDemoWorkspace } from '../demo/generate'
import { workerError } from '../errors'
import type { DemoWorkerData, DemoWorkerMessage } from './demo-worker-protocol'
import { openWorkerWorkspace } from './worker-workspace'

const data = workerData as DemoWorkerData
const post = (message: DemoWorkerMessage): void => parentPort?.postMessage(message)

try {
  const ws = openWorkerWorkspace(data.workspace)
  try {
    const result = generateDemoWorkspace(ws.store, {
      ...data.options,
      onProgress: (p) => post({ type: 'progress', progress: p }),
    })
    post({ type: 'done', result })
  } finally {
    ws.close()
  }
} catch (err) {
  post({ type: 'error', error: workerError(err) })
}
