// Runs one import-wizard step (a file check or an import). The import worker and the in-process
// runner (harness, tests) both call this, so a step does exactly the same thing wherever it runs.
import { threadId } from 'node:worker_threads'
import type { Store } from '../db/open-database'
import type { ImportProgress } from '../sources/file-import/import'
import { wizardPreview, wizardRun } from '../sync/import-wizard'
import type { ImportJob, ImportJobResult } from './import-worker-protocol'
import type { ImportInWorker } from './run-import-in-worker'

export type ImportWatch = {
  onProgress: (p: ImportProgress) => void
  /** Asked between rows while reading and between chunks while writing. */
  cancelled: () => boolean
}

/** Where a run writes: a check never opens the workspace. `release` runs once the step is over. */
export type ImportTarget = { open(): { store: Store; release(): void }; now: () => number }

/** Runs `job`; a check reads the file only, an import writes it into `target`'s store. */
export async function executeImportJob(
  job: ImportJob,
  target: ImportTarget,
  watch: ImportWatch,
): Promise<ImportJobResult> {
  if (job.op === 'preview') {
    const view = await wizardPreview(
      job.file,
      job.mapping,
      job.timeZone,
      watch,
      job.errorReport ? { errorReport: job.errorReport } : {},
    )
    return { op: 'preview', view }
  }
  const { store, release } = target.open()
  try {
    const view = await wizardRun(store, job.file, job.mapping, {
      timeZone: job.timeZone,
      allowErrors: job.allowErrors,
      ...(job.sourceName ? { sourceName: job.sourceName } : {}),
      now: target.now,
      ...watch,
    })
    return { op: 'run', view }
  } finally {
    release()
  }
}

/** Runs `job` on this thread, on `store`, with the same handle a worker run gives. */
export function runImportInProcess(
  job: ImportJob,
  store: Store,
  now: () => number,
  onProgress: (p: ImportProgress) => void,
): ImportInWorker {
  let stop = false
  const target: ImportTarget = { open: () => ({ store, release: () => {} }), now }
  const result = executeImportJob(job, target, { onProgress, cancelled: () => stop }).then((r) => ({
    ...r,
    thread: threadId,
    // The same thread, so the same remembered first passes: nothing to hand on.
    xlsxPlans: [],
  }))
  // Nothing to terminate on this thread: the step stops at its next check, as for cancel().
  return { result, cancel: () => void (stop = true), terminate: () => void (stop = true) }
}
