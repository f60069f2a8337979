// Messages between the demo worker and the process that started it.
import type { ApiError } from '../../../shared/ipc/contract'
import type { DemoResult } from '../../../shared/ipc/types'
import type { DemoOptions, DemoProgress } from '../demo/generate'

export type DemoWorkerData = {
  workspace: { dataDir: string; migrationsFolder?: string; nativeBinding?: string }
  options: Omit<DemoOptions, 'onProgress'>
}

export type DemoWorkerMessage =
  | { type: 'progress'; progress: DemoProgress }
  | { type: 'done'; result: DemoResult }
  /** The error the generation ended with, as workerError (errors.ts) makes it. */
  | { type: 'error'; error: ApiError }
