// The jobs worker as the app runs it, from its TypeScript source: test/helpers/ts-worker.mjs
// registers tsx inside the thread, then imports the entry.
import type { Emit } from '../../../src/main/core/api'
import { createJobRunner, type JobRunner } from '../../../src/main/core/workers/jobs-runner'
import { workerJobBackend } from '../../../src/main/core/workers/run-jobs-in-worker'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/jobs-worker.ts', import.meta.url).href

/** A runner whose jobs run in a real worker thread on the workspace in `dataDir`. */
export function workerRunner(dataDir: string, emit?: Emit): JobRunner {
  return createJobRunner({
    backend: workerJobBackend({ file: bootstrap, workspace: { dataDir }, extraData: { tsEntry } }),
    ...(emit ? { emit } : {}),
  })
}
