// Building blocks of the IPC contract, shared by every channel table in ./channels.
import { z } from 'zod'
import { LANGUAGES, isValidTimeZone } from '../domain'

/** A phantom marker carrying a response type without a runtime value. */
export function returns<T>(): T {
  return undefined as T
}

/** What one contract entry holds: who answers it, its request schema, its response type. */
export type ChannelSpec = { scope: 'core' | 'shell'; request: z.ZodType; response: unknown }

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
/** An instant: ISO 8601 with or without offset (no offset = workspace zone), or a bare date (= end of that local day). */
export const instant = z.string().min(4).max(40)
export const timeZone = z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone' })
export const empty = z.object({}).strict()

/** Filters every BI widget honours (SPEC §4, §11). */
export const biFilterSchema = z
  .object({
    asOf: instant.optional(),
    timeZone: timeZone.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    tenants: z.array(z.string().min(1).max(200)).max(500).optional(),
    lang: z.enum(LANGUAGES).optional(),
  })
  .strict()
export type BiFilter = z.infer<typeof biFilterSchema>
