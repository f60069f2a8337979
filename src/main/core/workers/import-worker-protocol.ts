// Messages between the import worker and the process that started it. A cancellation is a flag in
// shared memory, not a message: the worker writes its rows synchronously and would only read a
// message once the write were over, while it looks at the flag between chunks.
import type { ApiError } from '../../../shared/ipc/contract'
import type { ImportPreviewView, ImportRunView } from '../../../shared/ipc/types-sync'
import type { ImportProgress } from '../sources/file-import/import'
import type { RememberedXlsxPlan } from '../sources/file-import/read-xlsx'
import type { WizardMapping } from '../sync/import-wizard'

export type ImportFile = { path: string; fileName: string }

export type ImportJob =
  | {
      op: 'preview'
      file: ImportFile
      mapping: WizardMapping
      timeZone: string
      /** Writes every row error to this CSV file too (the wizard's "save the error list"). */
      errorReport?: string
    }
  | {
      op: 'run'
      file: ImportFile
      mapping: WizardMapping
      timeZone: string
      /** The rows are kept under `import:<sourceName>` (absent: 'file'). */
      sourceName?: string
      allowErrors: boolean
      /** The caller's clock minus the real one (ms): the watermark follows the caller's clock. */
      clockOffsetMs: number
    }

export type ImportJobResult = { op: 'preview'; view: ImportPreviewView } | { op: 'run'; view: ImportRunView }

export type ImportWorkerData = {
  workspace: { dataDir: string; migrationsFolder?: string; nativeBinding?: string }
  job: ImportJob
  /** One Int32: 0 while the job may go on, 1 once it is cancelled. */
  cancelFlag: SharedArrayBuffer
  /** Workbook first passes an earlier step made (the check's, for the import), so they are not made again. */
  xlsxPlans?: RememberedXlsxPlan[]
}

export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  /** `thread` is the worker_threads threadId the job ran on; `xlsxPlans` what it remembers now. */
  | { type: 'done'; result: ImportJobResult; thread: number; xlsxPlans: RememberedXlsxPlan[] }
  /** The error the step ended with, as workerError (errors.ts) makes it: code, message and reason. */
  | { type: 'error'; error: ApiError }
