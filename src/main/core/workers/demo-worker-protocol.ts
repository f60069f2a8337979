// Messages between the demo worker and the process that started it.
import type { ApiErrorCode } from '../../../shared/ipc/contract'
import type { DemoResult } from '../../../shared/ipc/types'
import type { DemoOptions, DemoProgress } from '../demo/generate'

export type DemoWorkerData = {
  workspace: { dataDir: string; migrationsFolder?: string; nativeBinding?: string }
  options: Omit<DemoOptions, 'onProgress'>
}

export type DemoWorkerMessage =
  | { type: 'progress'; progress: DemoProgress }
  | { type: 'done'; result: DemoResult }
  | { type: 'error'; code: ApiErrorCode; message: string }
