// Worker-thread entry for the import wizard's file check and import: the file is read, validated and
// (for a run) written here, on this thread's own SQLite connection, so the app's event loop never
// waits on a large file. Progress and the answer go back as messages; see run-import-in-worker.ts.
import { parentPort, threadId, workerData } from 'node:worker_threads'
import { workerError } from '../errors'
import type { ImportProgress } from '../sources/file-import/import'
import { rememberedXlsxPlans, rememberXlsxPlans } from '../sources/file-import/read-xlsx'
import { executeImportJob, type ImportTarget } from './import-execute'
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol'
import { throttleProgress } from './progress-throttle'
import { openExistingWorkerWorkspace } from './worker-workspace'

const data = workerData as ImportWorkerData
const post = (message: ImportWorkerMessage): void => parentPort?.postMessage(message)
const flag = new Int32Array(data.cancelFlag)
const cancelled = (): boolean => Atomics.load(flag, 0) === 1

// The first message of each phase and the last of the reading (its total known) always go out.
const progress = throttleProgress<ImportProgress>((p) => post({ type: 'progress', progress: p }), {
  urgent: (p, last) => p.phase !== last?.phase || p.total === p.rows,
})

// An import writes into an existing workspace; it must never create an empty one somewhere else.
const target: ImportTarget = {
  open() {
    const ws = openExistingWorkerWorkspace(data.workspace)
    return { store: ws.store, release: () => ws.close() }
  },
  now: () => Date.now() + (data.job.op === 'run' ? data.job.clockOffsetMs : 0),
}

rememberXlsxPlans(data.xlsxPlans ?? [])
try {
  const result = await executeImportJob(data.job, target, { onProgress: progress.push, cancelled })
  progress.flush()
  post({ type: 'done', result, thread: threadId, xlsxPlans: rememberedXlsxPlans() })
} catch (err) {
  post({ type: 'error', error: workerError(err) })
}
