// ServiceNow Table API connector (SPEC §10): incidents (or another task table) → canonical SRs.
//
// Paging is keyset on (sys_updated_on, sys_id), not offset: rows updated while we page move to the end of
// the order instead of shifting every later offset, and an incremental sync is the same query resumed
// from the stored cursor. The continuation rules, and why a short or empty page is not the end, are in
// nextPage() below and in docs/servicenow.md.
import { z } from 'zod'
import { decodeJsonCursor } from '../cursor'
import { DEFAULT_RETRY, requestJson, safeUrl, SourceError, type HttpDeps, type RetryPolicy } from '../http'
import type { Connector, EntityRows, FetchPageOptions, Page, SyncEntity, WhoAmI } from '../types'
import {
  INCIDENT_FIELDS,
  describeRowError,
  fieldSchema,
  mapIncident,
  STATUS_LIST,
  tableResponseSchema,
  type RowError,
  type StateMap,
} from './mapping'

export type ServiceNowAuth =
  { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string }

export type ServiceNowConfig = {
  name: string
  /** Instance base URL, e.g. https://acme.service-now.com (a trailing slash or path is tolerated). */
  url: string
  /** Table to read; default 'incident'. */
  table?: string
  auth: ServiceNowAuth
  /** Overrides the engine's page size (ServiceNow caps sysparm_limit server-side anyway). */
  pageSize?: number
  /** This source's own state codes, consulted before the built-in 1/2/3/6/7/8 (docs/servicenow.md). */
  stateMap?: StateMap | undefined
  retry?: RetryPolicy
}

/** The opaque cursor, serialised as JSON. */
export type ServiceNowCursor = {
  /** sys_updated_on (UTC 'YYYY-MM-DD HH:mm:ss') and sys_id of the last row delivered. */
  updatedOn?: string
  sysId?: string
  /** Rows past the keyset already scanned and found all hidden by ACLs (see nextPage). */
  offset?: number
}

const cursorSchema = z.object({
  updatedOn: z.string().optional(),
  sysId: z.string().optional(),
  offset: z.number().int().nonnegative().optional(),
})

/** Bad data from the instance: retrying the same request would return the same rows, so it is not retryable. */
export class ServiceNowDataError extends SourceError {
  constructor(
    message: string,
    readonly rowErrors: readonly RowError[] = [],
  ) {
    super('malformed', message)
    this.name = 'ServiceNowDataError'
  }
  override get retryable(): boolean {
    return false
  }
}

const TABLE_NAME = /^[a-z0-9_]+$/

/**
 * The encoded query for rows strictly after (updatedOn, sysId) in (sys_updated_on, sys_id) order.
 * ^OR binds tighter than ^ in encoded queries, so `A^B^ORC` reads A AND (B OR C):
 *   sys_updated_on >= X AND (sys_updated_on > X OR sys_id > Y)
 * which is the keyset predicate without ^NQ (^NQ splits the query into independent groups, and filters
 * or ORDERBY added around it are known to apply to one group only). The ORDERBYs make the order total.
 */
export function keysetQuery(cursor: ServiceNowCursor): string {
  const order = 'ORDERBYsys_updated_on^ORDERBYsys_id'
  if (cursor.updatedOn === undefined || cursor.sysId === undefined) return order
  const x = cursor.updatedOn
  return `sys_updated_on>=${x}^sys_updated_on>${x}^ORsys_id>${cursor.sysId}^${order}`
}

/** Parses an RFC 8288 Link header into rel → URL (ServiceNow sends first, prev, next, last). */
export function parseLinkHeader(value: string | null): Map<string, string> {
  const links = new Map<string, string>()
  if (!value) return links
  const re = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g
  for (const m of value.matchAll(re)) {
    const url = m[1] ?? ''
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '')?.[1]
    if (rel) for (const r of rel.trim().split(/\s+/)) links.set(r.toLowerCase(), url)
  }
  return links
}

function authHeader(auth: ServiceNowAuth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`
  // UTF-8 before base64: ServiceNow accepts non-Latin-1 passwords, btoa() would throw on them.
  return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`
}

function decodeCursor(cursor: string | null): ServiceNowCursor {
  if (cursor === null) return {}
  return decodeJsonCursor(
    cursor,
    cursorSchema,
    'The stored ServiceNow cursor is unreadable; run a full sync (--full)',
  )
}

function encodeCursor(c: ServiceNowCursor): string {
  const out: ServiceNowCursor = {}
  if (c.updatedOn !== undefined && c.sysId !== undefined) {
    out.updatedOn = c.updatedOn
    out.sysId = c.sysId
  }
  if (c.offset) out.offset = c.offset
  return JSON.stringify(out)
}

function compareKey(a: { u: string; id: string }, b: { u: string; id: string }): number {
  if (a.u !== b.u) return a.u < b.u ? -1 : 1
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1
}

/**
 * Drops rows at or before the keyset: an earlier page delivered them (an instance or proxy that treats
 * the boundary as inclusive, or overlapping pages). Dropping is safe because a row changed since then
 * has a newer sys_updated_on and so comes after the keyset. Rows without readable keys are kept, for
 * the mapping to name them.
 */
function afterKeyset(
  records: readonly Record<string, unknown>[],
  cursor: ServiceNowCursor,
): readonly Record<string, unknown>[] {
  if (cursor.updatedOn === undefined || cursor.sysId === undefined) return records
  const from = { u: cursor.updatedOn, id: cursor.sysId }
  return records.filter((record) => {
    const u = fieldSchema.safeParse(record['sys_updated_on'])
    const id = fieldSchema.safeParse(record['sys_id'])
    return !u.success || !id.success || compareKey({ u: u.data.value, id: id.data.value }, from) > 0
  })
}

export function createServiceNowConnector(config: ServiceNowConfig, deps: HttpDeps): Connector {
  const table = config.table ?? 'incident'
  if (!TABLE_NAME.test(table)) throw new Error(`"${table}" is not a ServiceNow table name`)
  const base = new URL(config.url)
  const origin = `${base.origin}${base.pathname.replace(/\/+$/, '')}`
  const policy = config.retry ?? DEFAULT_RETRY
  const source = `servicenow:${config.name}`
  const headers = { authorization: authHeader(config.auth) }

  // The instance's clock when this sync began (its first answer's Date header, as sys_updated_on text).
  // Once the keyset passes it, the rows left were updated after the sync began: the next sync reads
  // them. Without this bound, an instance updated between every two requests whose ACLs hide rows (so
  // no page is ever complete) would keep the sync chasing its tail.
  // null: the header was missing, or older than rows this workspace already holds (a clock that far
  // behind would end every sync after one page), so no bound is applied.
  let instanceNowAtStart: string | null | undefined

  const tableUrl = (tableName: string, params: Record<string, string>): string =>
    `${origin}/api/now/table/${tableName}?${new URLSearchParams(params).toString()}`

  async function fetchSrs(cursorText: string | null, opts: FetchPageOptions): Promise<Page<'srs'>> {
    const cursor = decodeCursor(cursorText)
    const limit = Math.max(1, Math.floor(config.pageSize ?? opts.pageSize))
    const offset = cursor.offset ?? 0
    const params: Record<string, string> = {
      sysparm_query: keysetQuery(cursor),
      sysparm_fields: INCIDENT_FIELDS.join(','),
      sysparm_limit: String(limit),
      // Codes and UTC instants from `value`, names of references from `display_value` (mapping.ts).
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: 'true',
    }
    if (offset > 0) params['sysparm_offset'] = String(offset)
    const url = tableUrl(table, params)
    const response = await requestJson(url, { headers, signal: opts.signal }, policy, deps)

    const body = tableResponseSchema.safeParse(response.body)
    if (!body.success)
      throw new ServiceNowDataError(
        `ServiceNow answered ${safeUrl(url)} without a { result: [...] } list: ${body.error.issues[0]?.message ?? 'unexpected shape'}`,
      )
    const records = afterKeyset(body.data.result, cursor)
    if (records.length === 0 && body.data.result.length >= limit)
      // A full window of rows we already have: stepping on by offset could skip unseen rows, so stop.
      // (A short one is the tail of the previous page repeated: as good as an empty page.)
      throw new ServiceNowDataError(
        `ServiceNow returned only ${table} rows at or before the sync's position (${cursor.updatedOn}, ${cursor.sysId}): ` +
          'the instance ignored the keyset filter, so paging cannot make progress',
      )

    const rows: EntityRows['srs'] = []
    const errors: RowError[] = []
    for (const record of records) {
      const mapped = mapIncident(record, source, { stateMap: config.stateMap })
      if (mapped.ok) rows.push(mapped.row)
      else errors.push(mapped.error)
    }
    if (errors.length > 0) {
      // The whole page fails: skipping a row would move the cursor past it and lose it for good.
      const shown = errors.slice(0, 5).map(describeRowError).join('; ')
      const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''
      throw new ServiceNowDataError(
        `ServiceNow ${table} has ${errors.length} record(s) we cannot read: ${shown}${more}${stateMapHint(config.name, errors)}`,
        errors,
      )
    }

    if (instanceNowAtStart === undefined) {
      const now = serviceNowTime(response.headers.get('date')) ?? null
      instanceNowAtStart =
        now !== null && cursor.updatedOn !== undefined && now < cursor.updatedOn ? null : now
    }
    const totalHeader = response.headers.get('x-total-count')
    const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : undefined
    const nextLink = parseLinkHeader(response.headers.get('link')).get('next')
    return nextPage({
      cursor,
      offset,
      limit,
      records,
      rows,
      total,
      nextLink,
      table,
      ...(instanceNowAtStart ? { stopAfter: instanceNowAtStart } : {}),
    })
  }

  return {
    kind: 'servicenow',
    name: config.name,
    entities: ['srs'],
    async fetchPage<E extends SyncEntity>(entity: E, cursor: string | null, opts: FetchPageOptions) {
      if (entity !== 'srs')
        throw new SourceError('client', `ServiceNow sources provide SRs only, not ${entity}`)
      return (await fetchSrs(cursor, opts)) as unknown as Page<E>
    },
    async whoAmI(signal: AbortSignal): Promise<WhoAmI> {
      const fallbackName = config.auth.kind === 'basic' ? config.auth.user : 'ServiceNow account'
      // gs.getUserID() is the session's user, so this works for bearer tokens too (no user name known).
      const url = tableUrl('sys_user', {
        sysparm_query: 'sys_id=javascript:gs.getUserID()',
        sysparm_fields: 'user_name,name,roles',
        sysparm_limit: '1',
        sysparm_exclude_reference_link: 'true',
      })
      let response
      try {
        response = await requestJson(url, { headers, signal }, policy, deps)
      } catch (err) {
        // An integration user often may not read sys_user: the connection still works, the role is unknown.
        if (err instanceof SourceError && (err.kind === 'forbidden' || err.kind === 'not_found'))
          return { name: fallbackName, role: null }
        throw err
      }
      const parsed = z
        .object({
          result: z.array(
            z.object({
              user_name: z.union([z.string(), fieldSchema]).optional(),
              name: z.union([z.string(), fieldSchema]).optional(),
              roles: z.union([z.string(), fieldSchema]).optional(),
            }),
          ),
        })
        .safeParse(response.body)
      const user = parsed.success ? parsed.data.result[0] : undefined
      if (!user) return { name: fallbackName, role: null }
      const text = (v: string | { value: string } | undefined): string =>
        v === undefined ? '' : typeof v === 'string' ? v : v.value
      const roles = text(user.roles)
        .split(',')
        .map((r) => r.trim())
      // Only ServiceNow's own 'admin' role is unambiguous; itil etc. say nothing about rights in this app.
      return {
        name: text(user.name) || text(user.user_name) || fallbackName,
        role: roles.includes('admin') ? 'admin' : null,
      }
    },
  }
}

/**
 * How to map the unknown states of `errors` for source `name`, or '' when there are none: a page
 * refused for a state stays refused until the state is mapped (or the incident edited).
 */
function stateMapHint(name: string, errors: readonly RowError[]): string {
  const states = new Map<string, string>()
  for (const e of errors) if (e.state) states.set(e.state.code, e.state.label)
  if (states.size === 0) return ''
  const listed = [...states].map(([code, label]) => `${code} (${label || 'no label'})`).join(', ')
  const example = [...states.keys()].map((code) => `${code}=STATUS`).join(',')
  return (
    `. Map state ${listed} to a status for this source: npm run cli -- source state-map ${name} ${example}` +
    ` (or --state-map ${example} at source add), STATUS one of ${STATUS_LIST}; then sync again`
  )
}

type PageFacts = {
  cursor: ServiceNowCursor
  offset: number
  limit: number
  records: readonly Record<string, unknown>[]
  rows: EntityRows['srs']
  total: number | undefined
  nextLink: string | undefined
  table: string
  /** The instance's time when the sync began ('YYYY-MM-DD HH:mm:ss' UTC): rows past it wait for the next sync. */
  stopAfter?: string
}

/**
 * The continuation after one response. ServiceNow applies sysparm_limit first and ACLs after, so a
 * window of `limit` rows can come back short or empty while more rows follow. Hence:
 * - Rows came back: the keyset moves to the last one and the offset resets. Hidden rows after it in
 *   this window are scanned again next time (cheap), but no visible row can be skipped, and rows that
 *   change meanwhile move behind the keyset instead of shifting an offset.
 * - No rows came back: the keyset cannot move (hidden rows show no keys), so we step over the window by
 *   offset, taking the offset from the Link rel="next" URL when there is one (it reflects the limit the
 *   server really applied, which it caps), less a small overlap in case a row of the skipped hidden run
 *   was updated and left it between two requests (re-scanning hidden rows costs nothing).
 * - The end: an empty response AND nothing beyond the window — no Link rel="next" and X-Total-Count (the
 *   count before ACLs) not beyond offset + limit. A page with rows is the end only when it holds every
 *   row the query matched (X-Total-Count ≤ rows returned, no rel="next"): that cannot be fooled by a
 *   capped sysparm_limit or a stripped Link header, and it lets a sync of a busy instance finish.
 *   Otherwise the next request confirms the end.
 * We read only the offset from the Link URL and never fetch it: the next request is always built
 * here, so credentials never follow a URL the server chose.
 */
function nextPage(p: PageFacts): Page<'srs'> {
  const { cursor, offset, limit, records, rows } = p
  if (records.length > 0) {
    // The keyset predicate is only sound if the server honoured ORDERBY; check rather than trust.
    let prev =
      cursor.updatedOn !== undefined && cursor.sysId !== undefined
        ? { u: cursor.updatedOn, id: cursor.sysId }
        : undefined
    for (const record of records) {
      const u = fieldSchema.parse(record['sys_updated_on']).value
      const id = fieldSchema.parse(record['sys_id']).value
      const key = { u, id }
      if (prev && compareKey(prev, key) >= 0)
        throw new ServiceNowDataError(
          `ServiceNow returned ${p.table} rows out of (sys_updated_on, sys_id) order at record ${id}: ` +
            'the instance ignored the ORDERBY or the keyset filter, so paging cannot be trusted',
        )
      prev = key
    }
    const last = prev as { u: string; id: string }
    // Every row the query matches (hidden ones included) came back: nothing can follow. Without this
    // an instance updated between every two requests would keep the sync chasing its tail.
    const complete = p.total !== undefined && p.nextLink === undefined && records.length >= p.total
    // Past the instant the sync began: everything before it has been read (keyset order), the rest was
    // updated meanwhile and is the next sync's.
    const caughtUp = p.stopAfter !== undefined && last.u > p.stopAfter
    return {
      rows,
      cursor: encodeCursor({ updatedOn: last.u, sysId: last.id }),
      hasMore: !complete && !caughtUp,
      ...(p.total !== undefined ? { total: p.total } : {}),
    }
  }
  const linkOffset = p.nextLink ? offsetOf(p.nextLink) : undefined
  const beyond = p.nextLink !== undefined || (p.total !== undefined && offset + limit < p.total)
  if (!beyond) {
    // Done: store the keyset alone, so the next sync rescans hidden rows rather than trusting an offset.
    return { rows, cursor: encodeCursor({ ...cursor, offset: 0 }), hasMore: false, ...totalOf(p) }
  }
  const stepTo = linkOffset ?? offset + limit
  const overlap = Math.floor((stepTo - offset) / 10)
  const nextOffset = Math.max(offset + 1, stepTo - overlap)
  return { rows, cursor: encodeCursor({ ...cursor, offset: nextOffset }), hasMore: true, ...totalOf(p) }
}

/** An HTTP Date header as ServiceNow writes sys_updated_on values (UTC), or undefined. */
export function serviceNowTime(header: string | null): string | undefined {
  if (header === null) return undefined
  const ms = Date.parse(header)
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : undefined
}

function totalOf(p: PageFacts): { total?: number } {
  return p.total !== undefined ? { total: p.total } : {}
}

function offsetOf(link: string): number | undefined {
  try {
    const v = new URL(link, 'http://placeholder.invalid').searchParams.get('sysparm_offset')
    return v !== null && /^\d+$/.test(v) ? Number(v) : undefined
  } catch {
    return undefined
  }
}
