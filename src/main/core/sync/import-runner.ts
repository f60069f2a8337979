// The import wizard's file checks and imports, one at a time, off the caller's event loop when a
// worker is given (the app: a large file is read, validated and written in a worker thread with its
// own connection, SPEC §12) and in-process otherwise (the harness and tests). Progress goes out as
// 'import:progress'; cancel() stops the running step between rows or written chunks.
import type { EventName, EventPayloads } from '../../../shared/ipc/contract'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, parse } from 'node:path'
import type { ImportErrorReportView, ImportPreviewView, ImportRunView } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'
import { CoreError, reason } from '../errors'
import type { ImportProgress } from '../sources/file-import/import'
import type { RememberedXlsxPlan } from '../sources/file-import/read-xlsx'
import type {
  ImportFile,
  ImportJob,
  ImportJobResult,
  ImportWorkerData,
} from '../workers/import-worker-protocol'
import { runImportInProcess } from '../workers/import-execute'
import { runImportInWorker } from '../workers/run-import-in-worker'
import type { WizardMapping } from './import-wizard'

export type ImportRunner = {
  /** Checks a file with a mapping; never writes (the check does not depend on the source name). */
  preview(file: ImportFile, mapping: WizardMapping, timeZone: string): Promise<ImportPreviewView>
  /** Checks a file again for every row error, as CSV text (BAD_REQUEST when it cannot be checked). */
  errorReport(file: ImportFile, mapping: WizardMapping, timeZone: string): Promise<ImportErrorReportView>
  /** Imports a file under `import:<sourceName>` (absent: 'file'); 'cancelled' when cancel() came first. */
  run(
    file: ImportFile,
    mapping: WizardMapping,
    opts: { timeZone: string; allowErrors: boolean; sourceName?: string | undefined },
  ): Promise<ImportRunView>
  /** Stops the running check or import; false when none runs. */
  cancel(): boolean
  /** Stops the running step's worker where it is (after cancel() went unanswered); false when none runs. */
  terminate(): boolean
  /** Resolves once no check or import runs (shutdown). */
  idle(): Promise<void>
  /** True while an import (not a check) runs: it writes to the workspace in one transaction. */
  importing(): boolean
  /** The worker_threads threadId the last finished step ran on (tests). */
  lastThread(): number | null
}

export type ImportRunnerOptions = {
  store: Store
  now: () => number
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  /**
   * True while a sync runs: an import then waits for it (refused as busy), so neither's writes wait
   * on the other's transaction for longer than the store's busy timeout.
   */
  syncRunning?: () => boolean
  /** Run each step in this worker (the built import-worker.js); default in-process. */
  worker?: {
    file: string | URL
    workspace: ImportWorkerData['workspace']
    /** Extra workerData (tests pass the TypeScript entry for ts-worker.mjs). */
    extraData?: Record<string, unknown>
  }
}

/**
 * How long this connection's writes wait for the write lock while the import worker writes. Its one
 * transaction holds the lock for the whole write (about 22 s for 1,000,000 rows), so a write here
 * (a KPI target, an SLA policy, a connection) would sit out the store's 5 s busy timeout on this
 * event loop, the app's main one, and then fail all the same. It fails within this instead, with
 * the busy message (errors.ts); short writes of the other workers still get through.
 */
export const IMPORT_WRITING_BUSY_TIMEOUT_MS = 250

/**
 * The largest error list handed to the renderer (about 400,000 error lines): it crosses IPC as one
 * string. A larger one is refused with the command line's way to write it.
 */
export const ERROR_REPORT_MAX_BYTES = 64 * 1024 * 1024

/** Lowers `store`'s busy timeout to IMPORT_WRITING_BUSY_TIMEOUT_MS; returns what puts it back. */
function shortenBusyWait(store: Store): () => void {
  if (!store.sqlite.open) return () => {}
  const before = store.sqlite.pragma('busy_timeout', { simple: true }) as number
  store.sqlite.pragma(`busy_timeout = ${IMPORT_WRITING_BUSY_TIMEOUT_MS}`)
  // The workspace may have been closed meanwhile (the app switched workspaces): nothing to put back.
  return () => void (store.sqlite.open && store.sqlite.pragma(`busy_timeout = ${before}`))
}

/** Creates the runner; one check or import runs at a time (a second one is refused as busy). */
export function createImportRunner(opts: ImportRunnerOptions): ImportRunner {
  let active: {
    cancel(): void
    terminate(): void
    op: ImportJob['op']
    done: Promise<unknown>
  } | null = null
  let lastThread: number | null = null
  // Each step runs in a new worker: the workbook first passes the last one made go to the next, so
  // an import (or a re-check with another mapping) does not read a large sheet through once more.
  let xlsxPlans: RememberedXlsxPlan[] = []

  const execute = async (job: ImportJob): Promise<ImportJobResult> => {
    if (active)
      throw new CoreError(
        'CONFLICT',
        'A file is being checked or imported: wait for it or cancel it first',
        reason('import_busy'),
      )
    if (job.op === 'run' && opts.syncRunning?.())
      throw new CoreError(
        'CONFLICT',
        'A sync is running: import the file once it has finished, or cancel the sync first',
        reason('import_while_syncing'),
      )
    const step = job.op
    // Set once the worker starts writing (its transaction then holds the write lock).
    const wait: { restore?: () => void } = {}
    const onProgress = (p: ImportProgress): void => {
      if (opts.worker && p.phase === 'writing' && !wait.restore) wait.restore = shortenBusyWait(opts.store)
      opts.emit('import:progress', { step, fileName: job.file.fileName, ...p })
    }
    const running = opts.worker
      ? runImportInWorker(
          opts.worker.file,
          { ...opts.worker.extraData, workspace: opts.worker.workspace, job, xlsxPlans },
          onProgress,
        )
      : runImportInProcess(job, opts.store, opts.now, onProgress)
    active = {
      cancel: running.cancel,
      terminate: running.terminate,
      op: job.op,
      done: running.result.catch(() => undefined),
    }
    try {
      const { thread, xlsxPlans: remembered, ...result } = await running.result
      lastThread = thread
      if (opts.worker) xlsxPlans = remembered
      return result
    } finally {
      active = null
      wait.restore?.()
    }
  }

  return {
    async preview(file, mapping, timeZone) {
      const r = await execute({ op: 'preview', file, mapping, timeZone })
      if (r.op !== 'preview') throw new CoreError('INTERNAL', 'A file check answered as an import')
      return r.view
    },
    async errorReport(file, mapping, timeZone) {
      const dir = await mkdtemp(join(tmpdir(), 'ops-console-import-errors-'))
      try {
        const path = join(dir, 'errors.csv')
        const r = await execute({
          op: 'preview',
          file,
          mapping,
          timeZone,
          errorReport: path,
        })
        if (r.op !== 'preview') throw new CoreError('INTERNAL', 'A file check answered as an import')
        const check = r.view.check
        if (!check) {
          const columns = r.view.missingRequired.join(', ')
          throw r.view.problem
            ? new CoreError('BAD_REQUEST', r.view.problem, r.view.problemReason ?? undefined)
            : new CoreError(
                'BAD_REQUEST',
                `Map the required columns first: ${columns}`,
                reason('required_columns_unmapped', { columns }),
              )
        }
        // The report file is created at the first error: none for a clean file.
        const size = (await stat(path).catch(() => null))?.size ?? 0
        if (size > ERROR_REPORT_MAX_BYTES) {
          throw new CoreError(
            'BAD_REQUEST',
            `The error list is over ${ERROR_REPORT_MAX_BYTES / 1024 / 1024} MB (${check.errorsTotal.toLocaleString('en-US')} errors): ` +
              'write it with the command line: import FILE --dry-run --error-report ERRORS.csv',
            reason('error_list_too_large', {
              limit: ERROR_REPORT_MAX_BYTES / 1024 / 1024,
              errors: check.errorsTotal,
            }),
          )
        }
        return {
          fileName: `${parse(file.fileName).name}-errors.csv`,
          csv: size === 0 ? '' : await readFile(path, 'utf8'),
          errors: check.errorsTotal,
          rows: check.errorCount,
        }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    async run(file, mapping, { timeZone, allowErrors, sourceName }) {
      const r = await execute({
        op: 'run',
        file,
        mapping,
        timeZone,
        ...(sourceName ? { sourceName } : {}),
        allowErrors,
        clockOffsetMs: opts.now() - Date.now(),
      })
      if (r.op !== 'run') throw new CoreError('INTERNAL', 'An import answered as a file check')
      return r.view
    },
    cancel() {
      if (!active) return false
      active.cancel()
      return true
    },
    terminate() {
      if (!active) return false
      active.terminate()
      return true
    },
    async idle() {
      while (active) await active.done
    },
    importing: () => active?.op === 'run',
    lastThread: () => lastThread,
  }
}
