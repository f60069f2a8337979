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

/** Turns anything thrown into the typed error envelope; internal details stay out of the message. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof CoreError) return withReason({ code: err.code, message: err.message }, err.reason)
  if (isStoreBusy(err)) return { code: 'BUSY', message: STORE_BUSY_MESSAGE, reason: reason('store_busy') }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: `Internal error: ${message}` }
}

/**
 * What a worker thread posts of an error it ends with: structured cloning keeps no class, so a
 * CoreError's code and reason travel as plain fields, and a busy store is said as such. Anything
 * else keeps its own message (the starting side says the step stopped).
 */
export function workerError(err: unknown): ApiError {
  if (err instanceof CoreError || isStoreBusy(err)) return toApiError(err)
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}

/** The CoreError a worker's posted error stands for, on the side that started the worker. */
export function fromWorkerError(error: ApiError): CoreError {
  return new CoreError(error.code, error.message, error.reason)
}

function withReason(error: ApiError, why: ApiErrorReason | undefined): ApiError {
  return why ? { ...error, reason: why } : error
}
