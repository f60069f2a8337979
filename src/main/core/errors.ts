// Errors a core function raises on purpose carry an envelope code; anything else is INTERNAL.
import type { ApiError, ApiErrorCode } from '../../shared/ipc/contract'

/** An error with a user-facing message and an envelope code (BAD_REQUEST, FORBIDDEN, …). */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'CoreError'
  }
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
  if (err instanceof CoreError) return { code: err.code, message: err.message }
  if (isStoreBusy(err)) return { code: 'BUSY', message: STORE_BUSY_MESSAGE }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: `Internal error: ${message}` }
}
