// Worker-thread entry for the background jobs (SLA re-judgement, KPI calculation): each runs on its
// own SQLite connection (WAL lets the main process keep reading dashboards), so the app's event
// loop never waits on them. Progress and the outcome go back as messages; see run-jobs-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { workerError } from '../errors'
import { executeJob } from './jobs-execute'
import { throttleProgress } from './progress-throttle'
import type { JobProgress, JobsWorkerData, JobsWorkerMessage } from './jobs-worker-protocol'
import { openExistingWorkerWorkspace } from './worker-workspace'

const data = workerData as JobsWorkerData
const post = (message: JobsWorkerMessage): void => parentPort?.postMessage(message)

// The final count (done = total) always goes out before 'done'.
const progress = throttleProgress<JobProgress>((p) => post({ type: 'progress', progress: p }), {
  urgent: (p) => p.done >= p.total,
})

try {
  // A job works on an existing workspace; it must never create an empty one somewhere else.
  const ws = openExistingWorkerWorkspace(data.workspace)
  try {
    const result = await executeJob(ws.store, data.job, progress.push)
    progress.flush()
    post({ type: 'done', result })
  } finally {
    ws.close()
  }
} catch (err) {
  post({ type: 'error', error: workerError(err) })
}
