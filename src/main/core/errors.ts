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

/** Turns anything thrown into the typed error envelope; internal details stay out of the message. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof CoreError) return { code: err.code, message: err.message }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: `Internal error: ${message}` }
}
