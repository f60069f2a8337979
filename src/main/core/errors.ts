// Errors a core function raises on purpose carry an envelope code; anything else is INTERNAL.
import type { ApiError, ApiErrorCode } from '../../shared/ipc/contract'
import type { ApiErrorReason, ApiErrorReasonCode } from '../../shared/ipc/error-reasons'

/**
 * An error with a user-facing message and an envelope code (BAD_REQUEST, FORBIDDEN, …). `reason`
 * says the same as a code and params the UI words in its own language; the English message stays
 * for the CLI and as the fallback.
 */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly reason?: ApiErrorReason,
  ) {
    super(message)
    this.name = 'CoreError'
  }
}

/** A `{ code, params }` reason of any list, its params left undefined dropped. */
export function reasonWith<C extends string>(
  code: C,
  params: Record<string, string | number | undefined> = {},
): { code: C; params?: Record<string, string | number> } {
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined)
  return defined.length > 0 ? { code, params: Object.fromEntries(defined) } : { code }
}

/** A core call's reason with its params (those left undefined are dropped). */
export function reason(
  code: ApiErrorReasonCode,
  params: Record<string, string | number | undefined> = {},
): ApiErrorReason {
  return reasonWith(code, params)
}

/** What a write that met another connection's write lock for longer than its busy timeout says. */
export const STORE_BUSY_MESSAGE =
  'The workspace is busy: another task (a file import, a sync or a calculation, in the app or the CLI) is writing to it, so this could not be saved. Try again once it has finished.'

/** True for SQLite's "database is locked" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isStoreBusy(err: unknown): boolean {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return false
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)
}

/**
 * Why SQLite refused to write the workspace, other than a busy lock: the disk is full (SQLITE_FULL),
 * it failed to read or write, or a file-size limit was reached (SQLITE_IOERR_*), the workspace became
 * read-only (SQLITE_READONLY_*: a permission change, a read-only mount, its file moved away), or its
 * file is damaged (SQLITE_CORRUPT_*, SQLITE_NOTADB).
 */
export type StoreFailureKind = 'full' | 'io' | 'readonly' | 'damaged'

/** The reason code each store failure is said with. */
export const STORE_FAILURE_REASONS = {
  full: 'store_full',
  io: 'store_io',
  readonly: 'store_readonly',
  damaged: 'store_damaged',
} as const satisfies Record<StoreFailureKind, ApiErrorReasonCode>

/** The kind of store failure `err` is (a better-sqlite3 SqliteError by its code), or null for anything else. */
export function storeFailureKind(err: unknown): StoreFailureKind | null {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return null
  const code = (err as { code?: unknown }).code
  if (typeof code !== 'string') return null
  if (/^SQLITE_FULL(_|$)/.test(code)) return 'full'
  if (/^SQLITE_IOERR(_|$)/.test(code)) return 'io'
  if (/^SQLITE_READONLY(_|$)/.test(code)) return 'readonly'
  if (/^SQLITE_(CORRUPT|NOTADB)(_|$)/.test(code)) return 'damaged'
  return null
}

/**
 * What happened and what to do, in English (the CLI prints it; the app words the reason). `dir` is the
 * workspace folder, when known. SQLite rolls back the transaction a refused write was in, so what a
 * step was writing is not in the workspace and what was saved before it stays as it was; a sync writes
 * each batch of pages in one transaction with the cursor after it, so its position stays before the
 * batch that failed and the next sync resumes there (`during: 'sync'` says so).
 */
export function storeFailureMessage(
  kind: StoreFailureKind,
  dir?: string,
  during: 'step' | 'sync' = 'step',
): string {
  const folder = dir ?? 'the workspace folder'
  const again = during === 'sync' ? 'sync again' : 'try again'
  const kept =
    during === 'sync'
      ? 'The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept.'
      : 'What this step was writing was not saved; the data saved before it is unchanged.'
  switch (kind) {
    case 'full':
      return `The workspace's disk is full: free some space on the drive holding ${folder} and ${again}. ${kept}`
    case 'io':
      // A step may only have been reading (a dashboard's query): its disk failed to read or write.
      return `The workspace's disk failed to ${during === 'sync' ? 'write' : 'read or write'} (disk I/O error: the drive or network share holding ${folder} went away or failed, or a file-size limit was reached): check that drive and ${again}. ${kept}`
    case 'readonly':
      return `The workspace has become read-only (its folder's permissions changed, its drive is mounted read-only, or its database file was moved): make ${folder} and its ops-console.db files writable and ${again}. ${kept}`
    case 'damaged':
      return `The workspace's database in ${folder} is damaged (database disk image is malformed): close the app and any command-line run, keep a copy of that folder, then restore it from a backup, or move its ops-console.db files away to start an empty workspace and sync again.`
  }
}

/**
 * A store failure (storeFailureKind) as a CoreError with its message and reason (`dir`: the workspace
 * folder, when known); null for anything else. UNAVAILABLE: the workspace cannot take writes until
 * the operator frees space, fixes the drive or permissions, or restores the file.
 */
export function storeFailure(err: unknown, dir?: string): CoreError | null {
  if (err instanceof CoreError) return null
  const kind = storeFailureKind(err)
  if (kind === null) return null
  return new CoreError(
    'UNAVAILABLE',
    storeFailureMessage(kind, dir),
    reason(STORE_FAILURE_REASONS[kind], { dir }),
  )
}

/**
 * `err` as said where the workspace folder `dir` is known: a store failure as storeFailure's
 * CoreError naming it, one said without it (a worker's, a handler's deeper down) now naming it too;
 * anything else as it is.
 */
export function inWorkspace(err: unknown, dir: string): unknown {
  if (err instanceof CoreError) {
    const kind = (Object.keys(STORE_FAILURE_REASONS) as StoreFailureKind[]).find(
      (k) => STORE_FAILURE_REASONS[k] === err.reason?.code,
    )
    if (kind === undefined || err.reason?.params?.['dir'] !== undefined) return err
    return new CoreError(
      err.code,
      storeFailureMessage(kind, dir),
      reason(STORE_FAILURE_REASONS[kind], { dir }),
    )
  }
  return storeFailure(err, dir) ?? err
}

/** Turns anything thrown into the typed error envelope; internal details stay out of the message. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof CoreError) return withReason({ code: err.code, message: err.message }, err.reason)
  if (isStoreBusy(err)) return { code: 'BUSY', message: STORE_BUSY_MESSAGE, reason: reason('store_busy') }
  const failed = storeFailure(err)
  if (failed) return toApiError(failed)
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: `Internal error: ${message}` }
}

/**
 * What a worker thread posts of an error it ends with: structured cloning keeps no class, so a
 * CoreError's code and reason travel as plain fields, and a busy store or one that refused the write
 * (full, failing, read-only, damaged) is said as such. Anything else keeps its own message (the
 * starting side says the step stopped).
 */
export function workerError(err: unknown): ApiError {
  if (err instanceof CoreError || isStoreBusy(err) || storeFailureKind(err) !== null) return toApiError(err)
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}

/** The CoreError a worker's posted error stands for, on the side that started the worker. */
export function fromWorkerError(error: ApiError): CoreError {
  return new CoreError(error.code, error.message, error.reason)
}

function withReason(error: ApiError, why: ApiErrorReason | undefined): ApiError {
  return why ? { ...error, reason: why } : error
}
