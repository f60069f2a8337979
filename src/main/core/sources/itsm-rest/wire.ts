// The ITSM REST pull protocol on the wire (docs/itsm-rest-protocol.md), as zod schemas. One module
// owns the format so the connector and the test simulator cannot drift apart silently.
import { z } from 'zod'
import { DEPLOYMENT_STATUSES, PRIORITIES, SR_STATUSES } from '../../../../shared/domain'
import { PERSON_ROLES, SR_EVENT_KINDS } from '../../db/schema'
import type { SyncEntity } from '../types'

/** API version prefix; everything of the protocol lives under it. */
export const API_PREFIX = '/api/v1'

/** Largest `limit` a server must accept; the connector never asks for more. */
export const MAX_LIMIT = 1000

/** Collection path (under API_PREFIX) of each entity. */
export const ENTITY_PATHS: Record<SyncEntity, string> = {
  tenants: '/tenants',
  categories: '/categories',
  people: '/people',
  srs: '/srs',
  sr_events: '/sr-events',
  deployments: '/deployments',
  feature_usage: '/feature-usage',
}

// An instant must carry its offset (Z or ±hh:mm): without one, the server's zone would be a guess.
const instant = z.iso.datetime({ offset: true })
const nullableInstant = instant.nullable()

/**
 * Longest id or name, in characters (UTF-16 code units, as JavaScript counts them: a character
 * outside the BMP, such as an emoji, counts two). Ids and names key rows, cursors and lookups (a
 * tenant, category, person or feature is found by its name), so they have a limit; it is far above
 * any real ITSM id or name.
 */
export const MAX_KEY_LENGTH = 1000
/**
 * Longest free text (title, event note, ticket number, e-mail), in the same characters: 2,000,000
 * (2 MB of ASCII, up to 6 MB of UTF-8 Korean). Real worklogs and titles are far shorter; the limit
 * only stops one absurd value from being stored and sent to every screen that shows it.
 */
export const MAX_TEXT_LENGTH = 2_000_000

/** "longer than the 1,000 characters allowed (1,234)": the limit and the value's own length. */
const tooLong =
  (what: string) =>
  (issue: { code?: string; input?: unknown; maximum?: unknown }): string | undefined =>
    issue.code === 'too_big'
      ? `longer than the ${Number(issue.maximum).toLocaleString('en-US')} characters allowed for ${what} (${
          typeof issue.input === 'string' ? issue.input.length.toLocaleString('en-US') : '?'
        })`
      : undefined
const id = z
  .string()
  .min(1)
  .max(MAX_KEY_LENGTH, { error: tooLong('an id') })
const name = z
  .string()
  .min(1)
  .max(MAX_KEY_LENGTH, { error: tooLong('a name') })
const text = z.string().max(MAX_TEXT_LENGTH, { error: tooLong('a text') })
const count = z.number().int().min(0)

export const tenantWire = z.object({ id, name, created_at: instant, updated_at: instant })
export const categoryWire = z.object({ id, name, updated_at: instant })
export const personWire = z.object({
  id,
  tenant: name.nullable(),
  name,
  email: text.nullable(),
  role: z.enum(PERSON_ROLES),
  created_at: instant,
  last_active_at: nullableInstant,
  updated_at: instant,
})
export const srWire = z.object({
  id,
  number: text.nullable(),
  tenant: name,
  title: text,
  category: name.nullable(),
  priority: z.enum(PRIORITIES),
  status: z.enum(SR_STATUSES),
  requester: name.nullable(),
  assignee: name.nullable(),
  created_at: instant,
  first_response_at: nullableInstant,
  resolved_at: nullableInstant,
  closed_at: nullableInstant,
  updated_at: instant,
  reassignment_count: count,
  reopen_count: count,
})
export const srEventWire = z.object({
  id,
  sr_id: id,
  at: instant,
  kind: z.enum(SR_EVENT_KINDS),
  from_status: z.enum(SR_STATUSES).nullable(),
  to_status: z.enum(SR_STATUSES).nullable(),
  actor: name.nullable(),
  assignee: name.nullable(),
  note: text.nullable(),
  updated_at: instant,
})
export const deploymentWire = z.object({
  id,
  tenant: name,
  name,
  created_at: instant,
  finished_at: nullableInstant,
  status: z.enum(DEPLOYMENT_STATUSES),
  updated_at: instant,
})
export const featureUsageWire = z.object({
  id,
  tenant: name,
  feature: name,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  count,
  updated_at: instant,
})

export const WIRE_SCHEMAS = {
  tenants: tenantWire,
  categories: categoryWire,
  people: personWire,
  srs: srWire,
  sr_events: srEventWire,
  deployments: deploymentWire,
  feature_usage: featureUsageWire,
} as const satisfies Record<SyncEntity, z.ZodType>

export type WireRows = { [E in SyncEntity]: z.infer<(typeof WIRE_SCHEMAS)[E]> }

export const wireCursor = z.object({ updated_after: instant, after_id: id })
export type WireCursor = z.infer<typeof wireCursor>

/**
 * A page's `total` as a row count, or undefined when it gives none. It only feeds progress and the
 * ETA, so it never fails a page: a whole number ≥ 0, or a string of digits (`"1234"`, as some servers
 * serialise counts), is that count; anything else (null, absent, negative, a fraction, other text, an
 * object) is no total.
 */
export function pageTotal(total: unknown): number | undefined {
  const n = typeof total === 'string' && /^\d+$/.test(total) ? Number(total) : total
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

/**
 * A page's envelope; items are checked one by one afterwards so an error can name the row. `next` must
 * be present (null is the end signal); `total` is read leniently (pageTotal).
 */
export const pageEnvelope = z.object({
  items: z.array(z.unknown()),
  next: wireCursor.nullable(),
  total: z.unknown().transform(pageTotal).optional(),
})

/**
 * `/me`. The role may be absent or null (the server reports none: the local passphrase decides) or any
 * other value, which the connector treats as no known role rather than failing the connection test.
 */
export const meWire = z.object({ name: z.string(), role: z.unknown().optional() })
