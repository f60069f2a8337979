// Connector for the project's ITSM REST pull protocol (docs/itsm-rest-protocol.md): keyset paging by
// (updated_at, id), bearer token, /me for the account's role. Every response is validated; a row
// that does not fit rejects its whole page (with the row id and field), because dropping it would
// let the cursor move past data that was never stored.
import { z } from 'zod'
import { decodeJsonCursor } from '../cursor'
import {
  DEFAULT_RETRY,
  parseHttpDate,
  requestJson,
  safeUrl,
  SourceError,
  syncReason,
  withRetryNotice,
  type HttpDeps,
  type RetryPolicy,
  type RetryTarget,
} from '../http'
import type { AccountRole, Connector, EntityRows, FetchPageOptions, Page, SyncEntity, WhoAmI } from '../types'
import { SYNC_ENTITIES } from '../types'
import {
  API_PREFIX,
  ENTITY_PATHS,
  MAX_LIMIT,
  meWire,
  pageEnvelope,
  WIRE_SCHEMAS,
  wireCursor,
  type WireCursor,
  type WireRows,
} from './wire'
import { syncEntityNameEn } from '../../../../shared/labels'

export type ItsmConfig = {
  name: string
  url: string
  token: string
  retry?: RetryPolicy
  /** Collections this connection does not read (never the SRs): not among its entities, never asked for. */
  skip?: readonly SyncEntity[]
}

const ROLES: readonly AccountRole[] = ['admin', 'manager', 'operator', 'viewer']

/** A connector for one ITSM REST source; SR rows are written with source `itsm:<name>`. */
export function createItsmConnector(config: ItsmConfig, deps: HttpDeps): Connector {
  const base = normaliseBaseUrl(config.url)
  const policy = config.retry ?? DEFAULT_RETRY
  const source = `itsm:${config.name}`
  // The token lives only in this header object; messages use safeUrl, which never carries it.
  const headers = { authorization: `Bearer ${config.token}` }

  // A connector is built for one sync run. An entity's first fetch resumes from its stored cursor;
  // every later one continues from the cursor the previous fetch returned (any other starts a run).
  const lastCursor = new Map<SyncEntity, string | null>()
  // The most rows a page asks for in this run: halved by each request that timed out (down to
  // MIN_TIMEOUT_LIMIT), so a server too slow for big pages is asked for smaller ones from then on.
  let limitCap = MAX_LIMIT

  async function fetchPage<E extends SyncEntity>(
    entity: E,
    cursor: string | null,
    opts: FetchPageOptions,
  ): Promise<Page<E>> {
    const stored = cursor === null ? null : decodeCursor(cursor, entity)
    const continuing = lastCursor.has(entity) && lastCursor.get(entity) === cursor
    // Where the next run resumes: the last row served that was not stamped after the server's clock
    // (the loop below keeps it). A new run starts there; within a run, paging goes on from the position.
    let hold: WireCursor | null =
      stored === null ? null : stored.hold === undefined ? positionOf(stored) : stored.hold
    const from = stored === null ? null : continuing ? positionOf(stored) : hold
    let limit = Math.min(limitCap, Math.max(1, Math.min(MAX_LIMIT, Math.floor(opts.pageSize))))
    const urlFor = (rows: number): string => {
      const query = new URLSearchParams({ limit: String(rows) })
      if (from) {
        query.set('updated_after', from.updated_after)
        query.set('after_id', from.after_id)
      }
      // URLSearchParams writes a space as "+" (form encoding); the protocol tells servers to read "+"
      // as itself, so a space is sent as %20 (a "+" of the value is %2B already): an id with a space
      // reads back the same either way.
      return `${base}${API_PREFIX}${ENTITY_PATHS[entity]}?${query.toString().replaceAll('+', '%20')}`
    }
    let url = urlFor(limit)
    // A page that timed out is asked again with half the rows (the same cursor), and so is every page
    // after it in this run: asking a server that is slow on big pages for the same size again only
    // times out again.
    const retryUrl = (error: SourceError): RetryTarget | undefined => {
      if (error.kind !== 'timeout' || limit <= MIN_TIMEOUT_LIMIT) return undefined
      const from = limit
      limit = Math.max(MIN_TIMEOUT_LIMIT, Math.floor(limit / 2))
      limitCap = Math.min(limitCap, limit)
      url = urlFor(limit)
      // The retry says it: the progress shows the page is now asked with fewer rows.
      return { url, pageRows: { from, to: limit } }
    }
    const { body, headers: answer } = await requestJson(
      url,
      { headers, signal: opts.signal, retryUrl },
      policy,
      withRetryNotice(deps, opts),
    )
    const serverNow = parseHttpDate(answer.get('date') ?? '') ?? NaN

    const envelope = pageEnvelope.safeParse(body)
    if (!envelope.success) {
      const detail = describeIssue(envelope.error)
      throw new SourceError(
        'malformed',
        `The ${syncEntityNameEn(entity)} page from ${safeUrl(url)} is not a protocol page (${detail})`,
        undefined,
        undefined,
        false,
        syncReason('itsm_not_protocol_page', { source: config.name, entity, url: safeUrl(url), detail }),
      )
    }
    const { items, next, total } = envelope.data
    const wireRows = parseItems(entity, items, config.name)

    // The position after the last row served: where the next page starts, and, at the end, where
    // the next incremental sync resumes. Rows come ordered, but overlapping pages may repeat
    // earlier rows first, so take the maximum rather than the last item.
    let position: WireCursor | null = from
    // Rows past the hold that earlier runs delivered come again after it: the same (updated_at, id)
    // is the same row (every change stamps a new updated_at), so they are not delivered twice and a
    // sync that changed nothing still says 0 rows.
    const passed: [string, string][] = [...(stored?.ahead ?? [])]
    const delivered = new Set(passed.map(([u, id]) => JSON.stringify([u, id])))
    const fresh: typeof wireRows = []
    for (const row of wireRows) {
      const at = { updated_after: row.updated_at, after_id: row.id }
      // A row at or before the request's position is one an earlier page served (a server whose
      // pages overlap, or that reads the boundary as inclusive): stored already, and a row changed
      // since carries a later updated_at. It is not delivered again, so the rows a sync says it
      // brought are the rows it brought. Only what is before by the instant itself, or is the very
      // row of the position, is known to be: at one instant the server's id order may not be ours.
      if (from !== null && servedBefore(at, from)) continue
      if (isAfter(at, position)) position = at
      // Without a Date header nothing tells a row stamped in the future: trust every row.
      const trusted = !(Date.parse(row.updated_at) >= serverNow + CLOCK_RESOLUTION_MS)
      if (isAfter(at, hold) && trusted) hold = at
      // Almost always nothing was delivered ahead and the row is trusted: no key to build.
      if (delivered.size === 0 && trusted) {
        fresh.push(row)
        continue
      }
      const key = JSON.stringify([row.updated_at, row.id])
      if (delivered.has(key)) continue
      fresh.push(row)
      if (!trusted) {
        passed.push([row.updated_at, row.id])
        delivered.add(key)
      }
    }
    if (next !== null && from !== null && !movesForward(next, from))
      // A server bug that would otherwise make the sync loop forever on the same page.
      throw new SourceError(
        'malformed',
        `The ${syncEntityNameEn(entity)} page's next cursor does not move forward (${next.updated_after}, ${next.after_id})`,
        undefined,
        undefined,
        false,
        syncReason('itsm_cursor_stuck', {
          source: config.name,
          entity,
          updatedAfter: next.updated_after,
          afterId: next.after_id,
        }),
      )
    let following = next ?? position
    if (!continuing && stored !== null && stored.hold === undefined && from !== null) {
      // A cursor stored before holds were kept, already past the server's clock: a row stamped in the
      // future carried it there, and rows changed since lie before it. Only reading everything again
      // finds them (upserts make it harmless); the run goes on from the start.
      if (Date.parse(from.updated_after) > serverNow + STALE_FUTURE_MS) {
        following = null
        hold = null
      }
    }
    // Only those the next run reads again (past the hold), the newest MAX_AHEAD of them.
    const ahead = passed
      .filter(([u, id]) => isAfter({ updated_after: u, after_id: id }, hold))
      .slice(-MAX_AHEAD)
    const text = following === null ? null : encodeCursor(following, hold, ahead)
    lastCursor.set(entity, text)
    return {
      rows: mapRows(entity, fresh, source),
      cursor: text,
      hasMore: next !== null || (following === null && from !== null),
      ...(total !== undefined ? { total } : {}),
    }
  }

  async function whoAmI(signal: AbortSignal): Promise<WhoAmI> {
    const url = `${base}${API_PREFIX}/me`
    const { body } = await requestJson(url, { headers, signal }, policy, deps)
    const me = meWire.safeParse(body)
    if (!me.success) {
      const detail = describeIssue(me.error)
      throw new SourceError(
        'malformed',
        // The connection is named by whoever asked (the connection test), as a sync's failures are.
        `${safeUrl(url)} did not answer { name, role } (${detail})`,
        undefined,
        undefined,
        false,
        syncReason('itsm_me_invalid', { source: config.name, url: safeUrl(url), detail }),
      )
    }
    // An unknown role grants nothing rather than failing the connection test.
    // A role that is absent, null or no string is no known role either.
    const role = ROLES.find((r) => r === me.data.role) ?? null
    return { name: me.data.name, role }
  }

  // A collection the connection is set not to read is left out of its entities, so no sync asks for
  // it, and its cursor stays where the last read left it. Turned on again, it resumes from there
  // rather than from the beginning: paging is by (updated_at, id), and every row created or changed
  // upstream while it was off carries a later updated_at than that cursor, so resuming reads all of
  // them (a row served under a name an SR had already brought in takes that person or tenant over, §4),
  // while starting over would only read again what is stored. A full sync still starts over.
  const skipped = SYNC_ENTITIES.filter((e) => e !== 'srs' && config.skip?.includes(e))
  return {
    kind: 'itsm',
    name: config.name,
    entities: SYNC_ENTITIES.filter((e) => !skipped.includes(e)),
    skipped,
    fetchPage,
    whoAmI,
  }
}

/** The base URL without trailing slashes or a pasted `/api/v1` suffix. */
export function normaliseBaseUrl(url: string): string {
  let base = url.trim().replace(/\/+$/, '')
  if (base.endsWith(API_PREFIX)) base = base.slice(0, -API_PREFIX.length)
  return base
}

/**
 * The stored cursor: the position after the last row served, and `hold`, where the next run resumes
 * when that is not the position: the last row served that was not stamped after the server's clock
 * (null: the start). Without `hold` the next run resumes from the position.
 */
const storedCursor = wireCursor.extend({
  hold: wireCursor.nullable().optional(),
  /** Rows past the hold already delivered, as [updated_at, id]: the next run reads them again. */
  ahead: z.array(z.tuple([z.string(), z.string()])).optional(),
})
type StoredCursor = z.infer<typeof storedCursor>

/**
 * The Date header counts whole seconds: a row stamped before the next second may have been written
 * before the answer was. Only a row stamped later than that is in the future.
 */
const CLOCK_RESOLUTION_MS = 1000

/**
 * A stored position this far past the server's clock, in a cursor written before holds were kept,
 * can only have been carried there by a row stamped in the future (see fetchPage).
 */
const STALE_FUTURE_MS = 10 * 60_000

/** Rows past the hold remembered as delivered, at most (more are delivered again and counted). */
const MAX_AHEAD = 1000

/**
 * The fewest rows a page is asked for after timeouts (each halves the page, from 1000: 500, 250, 125,
 * 62, then this). Smaller pages would only multiply requests: a server that cannot send 50 rows in
 * time has another problem, and the request fails after its attempts as any timeout does.
 */
export const MIN_TIMEOUT_LIMIT = 50

/**
 * The cursor for `position`, with the hold the next run resumes from when it is another row and the
 * rows after the hold already delivered.
 */
export function encodeCursor(
  position: WireCursor,
  hold?: WireCursor | null,
  ahead: readonly [string, string][] = [],
): string {
  const text: StoredCursor = { updated_after: position.updated_after, after_id: position.after_id }
  if (hold !== undefined && !samePosition(hold, position))
    text.hold = hold && { updated_after: hold.updated_after, after_id: hold.after_id }
  // Also with the hold caught up with the position: a run resuming from an earlier hold meets them
  // further on.
  if (ahead.length > 0) text.ahead = [...ahead]
  return JSON.stringify(text)
}

function decodeCursor(cursor: string, entity: SyncEntity): StoredCursor {
  return decodeJsonCursor(
    cursor,
    storedCursor,
    `The stored ${entity} cursor is not an ITSM REST cursor: run a full sync`,
    syncReason('itsm_cursor_unreadable', { entity }),
  )
}

const positionOf = (c: WireCursor): WireCursor => ({ updated_after: c.updated_after, after_id: c.after_id })

const samePosition = (a: WireCursor | null, b: WireCursor): boolean =>
  a !== null && a.updated_after === b.updated_after && a.after_id === b.after_id

/**
 * Whether row position `a` comes after `b` (null: before every row) in the order rows are served:
 * by instant (to the millisecond), then by id.
 */
function isAfter(a: WireCursor, b: WireCursor | null): boolean {
  if (b === null) return true
  const ms = Date.parse(a.updated_after) - Date.parse(b.updated_after)
  return ms > 0 || (ms === 0 && a.after_id > b.after_id)
}

/**
 * Whether `next` is after `from` as the server orders rows: by instant, then id in UTF-16 code-unit
 * order (JS `<`). The protocol compares instants to the millisecond, but a server whose database keeps
 * microseconds (PostgreSQL, Oracle TIMESTAMP(6)) often sends and sorts them: two rows in the same
 * millisecond then follow each other by their microseconds, whatever their ids. Either order is
 * accepted; only a `next` that is not ahead in both (the request's own position, or one before it)
 * is refused, since following it would loop.
 */
function movesForward(next: WireCursor, from: WireCursor): boolean {
  const byId = compareIds(next.after_id, from.after_id)
  const ms = Date.parse(next.updated_after) - Date.parse(from.updated_after)
  if (ms !== 0) return ms > 0
  const sub = subMillisecond(next.updated_after) - subMillisecond(from.updated_after)
  return byId > 0 || sub > 0
}

/**
 * Whether row position `a` is one the request from `from` was not to serve: an earlier instant (to
 * the digits sent, microseconds included), or `from`'s own row. Rows of `from`'s instant with other
 * ids are not judged: a server may order them otherwise (movesForward).
 */
function servedBefore(a: WireCursor, from: WireCursor): boolean {
  const ms = Date.parse(a.updated_after) - Date.parse(from.updated_after)
  if (ms !== 0) return ms < 0
  const sub = subMillisecond(a.updated_after) - subMillisecond(from.updated_after)
  return sub < 0 || (sub === 0 && a.after_id === from.after_id)
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The digits of an instant's fraction after the milliseconds, in nanoseconds (0 to 999,999). */
function subMillisecond(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? ''
  return Number(fraction.slice(3, 9).padEnd(6, '0'))
}

function parseItems<E extends SyncEntity>(entity: E, items: unknown[], source: string): WireRows[E][] {
  const schema = WIRE_SCHEMAS[entity] as unknown as z.ZodType<WireRows[E]>
  const rows: WireRows[E][] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const parsed = schema.safeParse(item)
    if (!parsed.success) {
      const rowId = typeof item === 'object' && item !== null && 'id' in item ? quoteId(item.id) : `#${i + 1}`
      const issue = parsed.error.issues[0]
      const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined
      throw new SourceError(
        'malformed',
        `${capitalized(syncEntityNameEn(entity))} row ${rowId} (item ${i + 1} of the page) was rejected: ${describeIssue(parsed.error)}; the page was not stored`,
        undefined,
        undefined,
        false,
        syncReason(field !== undefined ? 'itsm_row_rejected' : 'itsm_row_rejected_value', {
          source,
          entity,
          row: rowId,
          item: i + 1,
          field,
          problem: issue?.message ?? 'invalid',
          ...(issue ? fieldProblem(issue, valueAt(item, issue.path)) : {}),
        }),
      )
    }
    rows.push(parsed.data)
  }
  return rows
}

/** The value at `path` of a rejected item (undefined when absent). */
function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let value = item
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** What a JSON value is, as a type name: string, number, boolean, object, array, null (or undefined). */
const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/**
 * The issue as a field problem code and its params (ITSM_FIELD_PROBLEM_CODES), for the app to word;
 * nothing for an issue without one (its English `problem` is shown).
 */
function fieldProblem(issue: z.core.$ZodIssue, value: unknown): Record<string, string | number> {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? { issue: 'missing' }
        : { issue: 'wrong_type', expected: String(issue.expected), received: jsonType(value) }
    case 'invalid_value':
      return { issue: 'not_one_of', values: issue.values.map((v) => JSON.stringify(v)).join(', ') }
    case 'too_big':
      return { issue: issue.origin === 'string' ? 'too_long' : 'too_big', limit: Number(issue.maximum) }
    case 'too_small':
      return { issue: issue.origin === 'string' ? 'too_short' : 'too_small', limit: Number(issue.minimum) }
    case 'invalid_format':
      if (issue.format === 'datetime') return { issue: 'not_instant' }
      // Feature usage's month is the one pattern the wire checks (wire.ts).
      return issue.format === 'regex' && issue.path.at(-1) === 'month' ? { issue: 'not_month' } : {}
    default:
      return {}
  }
}

/** The row's id for a message, JSON-quoted; one too long to be an id is cut (it is the error's cause). */
function quoteId(id: unknown): string {
  const text = JSON.stringify(id) ?? String(id)
  return text.length > 62 ? `${text.slice(0, 61)}…` : text
}

/** "field `priority`: Invalid option …" — the first issue, with its path, short enough for the UI. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = issue.path.length > 0 ? `field "${issue.path.map(String).join('.')}"` : 'the value'
  return `${path}: ${issue.message}`
}

const ms = (iso: string): number => Date.parse(iso)
const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso))

function mapRows<E extends SyncEntity>(entity: E, rows: WireRows[E][], source: string): EntityRows[E] {
  // Each branch maps the wire rows of its own entity; the casts only reconnect E with the branch.
  switch (entity) {
    case 'tenants':
      return (rows as WireRows['tenants'][]).map((r) => ({
        name: r.name,
        createdAt: ms(r.created_at),
        // The server's id: a later sync serving it under another name renames the tenant (tenants.ts).
        source,
        sourceId: r.id,
      })) as EntityRows[E]
    case 'categories':
      return (rows as WireRows['categories'][]).map((r) => ({
        name: r.name,
        source,
        sourceId: r.id,
      })) as EntityRows[E]
    case 'people':
      return (rows as WireRows['people'][]).map((r) => ({
        source,
        sourceId: r.id,
        name: r.name,
        email: r.email,
        role: r.role,
        tenant: r.tenant,
        createdAt: ms(r.created_at),
        lastActiveAt: msOrNull(r.last_active_at),
      })) as EntityRows[E]
    case 'srs':
      return (rows as WireRows['srs'][]).map((r) => ({
        source,
        sourceId: r.id,
        number: r.number,
        tenant: r.tenant,
        title: r.title,
        category: r.category,
        priority: r.priority,
        status: r.status,
        requester: r.requester,
        assignee: r.assignee,
        createdAt: ms(r.created_at),
        firstResponseAt: msOrNull(r.first_response_at),
        resolvedAt: msOrNull(r.resolved_at),
        closedAt: msOrNull(r.closed_at),
        updatedAt: ms(r.updated_at),
        reassignmentCount: r.reassignment_count,
        reopenCount: r.reopen_count,
        raw: r,
      })) as EntityRows[E]
    case 'sr_events':
      return (rows as WireRows['sr_events'][]).map((r) => ({
        source,
        sourceId: r.sr_id,
        at: ms(r.at),
        kind: r.kind,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        actor: r.actor,
        assignee: r.assignee,
        note: r.note,
        eventId: r.id,
      })) as EntityRows[E]
    case 'deployments':
      return (rows as WireRows['deployments'][]).map((r) => ({
        source,
        sourceId: r.id,
        tenant: r.tenant,
        name: r.name,
        createdAt: ms(r.created_at),
        finishedAt: msOrNull(r.finished_at),
        status: r.status,
      })) as EntityRows[E]
    case 'feature_usage':
      return (rows as WireRows['feature_usage'][]).map((r) => ({
        source,
        tenant: r.tenant,
        feature: r.feature,
        month: r.month,
        count: r.count,
      })) as EntityRows[E]
    default:
      throw new SourceError(
        'client',
        `Unknown entity ${String(entity)}`,
        undefined,
        undefined,
        false,
        syncReason('unknown_entity', { entity: String(entity) }),
      )
  }
}

/** `text` with its first letter upper-case (an English label starting a message). */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
