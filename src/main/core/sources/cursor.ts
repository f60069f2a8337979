// Stored sync cursors are opaque JSON text owned by each connector; reading one back is the same
// everywhere: parse, validate, and refuse (without touching the source) what is not ours.
import type { z } from 'zod'
import type { SyncErrorReason } from '../../../shared/ipc/sync-error-reasons'
import { SourceError } from './http'

/**
 * Parses cursor text with `schema`; a 'client' SourceError saying `refusal` (with its reason `why`)
 * when it does not fit.
 */
export function decodeJsonCursor<T>(
  text: string,
  schema: z.ZodType<T>,
  refusal: string,
  why: SyncErrorReason,
): T {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  const parsed = schema.safeParse(value)
  // A cursor from another connector kind or a corrupted state; a full sync resets it.
  if (!parsed.success) throw new SourceError('client', refusal, undefined, undefined, false, why)
  return parsed.data
}
