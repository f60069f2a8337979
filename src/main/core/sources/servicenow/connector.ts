// ServiceNow Table API connector (SPEC §10): incidents (or another task table) → canonical SRs.
//
// Paging is keyset on (sys_updated_on, sys_id), not offset: rows updated while we page move to the end of
// the order instead of shifting every later offset, and an incremental sync is the same query resumed
// from the stored cursor, less a margin re-read at the start of each run. The continuation rules, and
// why a short or empty page is not the end, are in fetchSrs() / nextPage() below and in
// docs/servicenow.md.
import { createHash } from 'node:crypto'
import Link from 'http-link-header'
import { z } from 'zod'
import type { ServiceNowRecordProblem, SyncErrorReason } from '../../../../shared/ipc/sync-error-reasons'
import { decodeJsonCursor } from '../cursor'
import {
  DEFAULT_RETRY,
  parseHttpDate,
  requestJson,
  safeUrl,
  SERVER_SAID,
  SourceError,
  syncReason,
  withRetryNotice,
  type HttpDeps,
  type RetryPolicy,
} from '../http'
import type { Connector, EntityRows, FetchPageOptions, Page, SyncEntity, WhoAmI } from '../types'
import {
  INCIDENT_FIELDS,
  describeRowError,
  fieldSchema,
  formatSnDateTime,
  mapIncident,
  parseSnDateTime,
  tableResponseSchema,
  type RowError,
} from './mapping'
import { STATUS_LIST, type StateMap } from '../../../../shared/servicenow-state-map'
import { PRIORITY_LIST, type PriorityMap } from '../../../../shared/servicenow-priority-map'
import { serviceNowAddress } from '../../../../shared/servicenow-url'
import { RESUME_MARGIN_SECONDS } from '../../../../shared/servicenow-margin'

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
  /** This source's own priority codes, consulted before the built-in 1..5 (docs/servicenow.md). */
  priorityMap?: PriorityMap | undefined
  /** How far before its stored position each run starts reading, in seconds; default RESUME_MARGIN_MS. */
  resumeMarginSeconds?: number | undefined
  retry?: RetryPolicy
}

/**
 * How far before its stored position each run starts reading, unless the source says otherwise
 * (docs/servicenow.md, "Where a sync resumes"): sys_updated_on has second precision, and a
 * transaction that commits late can stamp a row earlier than rows already read. Re-read rows are
 * upserted again (idempotent) and, unchanged, not counted.
 */
export const RESUME_MARGIN_MS = RESUME_MARGIN_SECONDS.default * 1000
/** Fingerprints of re-readable rows kept in the cursor, at most (more are re-read and counted again). */
const MAX_SEEN = 5_000
/** How much larger the window that confirms a 404 "No Record found" without a count is (see `wide`). */
const WIDE_WINDOW = 10
/** The widest window asked: 10,000 rows, the most a ServiceNow REST answer usually holds. */
const MAX_LIMIT = 10_000

/** The opaque cursor, serialised as JSON. */
export type ServiceNowCursor = {
  /**
   * The keyset: sys_updated_on (UTC 'YYYY-MM-DD HH:mm:ss') and sys_id of the last row read in
   * (sys_updated_on, sys_id) order. Without sysId it is a floor: rows from that second on.
   */
  updatedOn?: string
  sysId?: string
  /** Within a run: rows past the keyset already scanned and found all hidden by ACLs (see nextPage). */
  offset?: number
  /** Within a run: X-Total-Count of the previous request stepping by offset from this keyset. */
  total?: number
  /**
   * Within a run: the previous answer was a 404 "No Record found" with no count to tell whether rows
   * follow, so this request asks a window WIDE_WINDOW times larger from the same place to confirm the
   * end (ACLs may have hidden every row of the smaller one).
   */
  wide?: boolean
  /**
   * The instance's clock when the run began (its first Date header). The run reads rows updated up to
   * it, and past it only rows more than the margin ahead of the instance's clock (stamped in the
   * future); rows updated meanwhile are the next run's, which resumes no later than this.
   */
  clock?: string
  /** Fingerprints of rows already delivered that the next run re-reads, by sys_updated_on. */
  seen?: Record<string, string[]>
}

const cursorSchema = z.object({
  updatedOn: z.string().optional(),
  sysId: z.string().optional(),
  offset: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  wide: z.boolean().optional(),
  clock: z.string().optional(),
  seen: z.record(z.string(), z.array(z.string())).optional(),
})

/** Bad data from the instance: retrying the same request would return the same rows, so it is not retryable. */
export class ServiceNowDataError extends SourceError {
  constructor(
    message: string,
    reason: SyncErrorReason,
    readonly rowErrors: readonly RowError[] = [],
  ) {
    super('malformed', message, undefined, undefined, false, reason)
    this.name = 'ServiceNowDataError'
  }
  override get retryable(): boolean {
    return false
  }
}

const TABLE_NAME = /^[a-z0-9_]+$/

/**
 * ServiceNow's answer to a table query that matches no rows it lets the user read, on releases
 * before Helsinki and on some instances with certain ACL setups: 404 with
 * `{"error":{"message":"No Record found","detail":"Records matching query not found. …"}}` instead
 * of 200 and an empty result. It is an empty page, not a failure. A wrong table is answered 400
 * "Invalid table …" and a wrong path 400 or a web page: they still fail, with their reason.
 */
export function isNoRecordFound(status: number, body: unknown): boolean {
  if (status !== 404 || body === null || typeof body !== 'object') return false
  const error = (body as { error?: unknown }).error
  const message =
    error !== null && typeof error === 'object' ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' && message.trim().toLowerCase() === 'no record found'
}

/**
 * Where servicenow_invalid_table's English message sends the user: the app's Settings (the command
 * line words its own commands in place of this, cli/command-line-advice.ts).
 */
export const INVALID_TABLE_ADVICE =
  'check the table name in Settings → Connections (incident, or another task table)'

/**
 * `err` as the table's own failure when ServiceNow answered 400 "Invalid table NAME" (a misspelt or
 * missing table): servicenow_invalid_table, whose advice is the connection's table name, instead of
 * a request rejected for no reason the user can act on. Any other error as it is.
 */
function invalidTable(err: unknown, table: string): unknown {
  if (!(err instanceof SourceError) || err.status !== 400) return err
  const said = err.reason?.params?.['said']
  if (typeof said !== 'string' || !/^invalid table\b/i.test(said)) return err
  const url = err.reason?.params?.['url']
  const where = typeof url === 'string' ? url : ''
  return new SourceError(
    'client',
    `ServiceNow does not know the table "${table}" (400) at ${where}: ${INVALID_TABLE_ADVICE}${SERVER_SAID}${said}`,
    400,
    undefined,
    false,
    syncReason('servicenow_invalid_table', { table, url: where, said }),
  )
}

/**
 * Which rows a run reads besides the keyset: those updated up to `clock` (the instance's clock when
 * the run began), and those after `future` (more than the margin past the instance's clock now).
 */
export type RunBound = { clock: string; future?: string }

/**
 * The encoded query for rows strictly after (updatedOn, sysId) in (sys_updated_on, sys_id) order, or
 * from second `updatedOn` on when there is no sysId (a floor).
 * ^OR binds tighter than ^ in encoded queries, so `A^B^ORC` reads A AND (B OR C):
 *   sys_updated_on >= X AND (sys_updated_on > X OR sys_id > Y)
 * which is the keyset predicate without ^NQ (^NQ splits the query into independent groups, and filters
 * or ORDERBY added around it are known to apply to one group only). A run's bound adds
 *   AND (sys_updated_on <= clock OR sys_updated_on > future)
 * The ORDERBYs make the order total.
 */
export function keysetQuery(cursor: ServiceNowCursor, bound?: RunBound): string {
  const terms: string[] = []
  const x = cursor.updatedOn
  if (x !== undefined && cursor.sysId !== undefined)
    terms.push(`sys_updated_on>=${x}`, `sys_updated_on>${x}`, `ORsys_id>${cursor.sysId}`)
  else if (x !== undefined) terms.push(`sys_updated_on>=${x}`)
  if (bound) {
    terms.push(`sys_updated_on<=${bound.clock}`)
    if (bound.future !== undefined) terms.push(`ORsys_updated_on>${bound.future}`)
  }
  terms.push('ORDERBYsys_updated_on', 'ORDERBYsys_id')
  return terms.join('^')
}

/**
 * The URL of the first link with rel "next" in a Link header (ServiceNow sends first, prev, next,
 * last), or undefined. http-link-header reads it as RFC 8288 writes it: links end only at commas
 * outside <…> and quoted strings (a URL's sysparm_fields=a,b, a gateway's title="page 2; of 3"), a
 * rel may name several relations (rel="prev next"), and relation names are compared without regard
 * to case. A header it cannot read (text that is no Link header, or a link it cannot parse, even
 * one before a readable rel="next") counts as no next link: the connector then goes on by keyset and
 * X-Total-Count as for a response without the header (see nextPage), so it never fails a sync.
 */
export function nextLinkOf(header: string | null): string | undefined {
  if (!header) return undefined
  try {
    return Link.parse(header).rel('next')[0]?.uri
  } catch {
    return undefined
  }
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
    syncReason('servicenow_cursor_unreadable'),
  )
}

function encodeCursor(c: ServiceNowCursor): string {
  const out: ServiceNowCursor = {}
  if (c.updatedOn !== undefined) out.updatedOn = c.updatedOn
  if (c.updatedOn !== undefined && c.sysId !== undefined) out.sysId = c.sysId
  if (c.offset) {
    out.offset = c.offset
    if (c.total !== undefined) out.total = c.total
  }
  if (c.wide) out.wide = true
  if (c.clock !== undefined) out.clock = c.clock
  if (c.seen && Object.keys(c.seen).length > 0) out.seen = c.seen
  return JSON.stringify(out)
}

type Key = { u: string; id: string }

function compareKey(a: Key, b: Key): number {
  if (a.u !== b.u) return a.u < b.u ? -1 : 1
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1
}

/** The (sys_updated_on, sys_id) of a record, or null when either is unreadable. */
function keyOf(record: Record<string, unknown>): Key | null {
  const u = fieldSchema.safeParse(record['sys_updated_on'])
  const id = fieldSchema.safeParse(record['sys_id'])
  return u.success && id.success ? { u: u.data.value, id: id.data.value } : null
}

/**
 * Drops rows at or before the keyset (before the floor): an earlier page delivered them (an instance
 * or proxy that treats the boundary as inclusive, or overlapping pages). Dropping is safe because a
 * row changed since then has a newer sys_updated_on and so comes after the keyset. Rows without
 * readable keys are kept, for the mapping to name them.
 */
function afterKeyset(
  records: readonly Record<string, unknown>[],
  cursor: ServiceNowCursor,
): readonly Record<string, unknown>[] {
  const { updatedOn, sysId } = cursor
  if (updatedOn === undefined) return records
  return records.filter((record) => {
    const key = keyOf(record)
    if (key === null) return true
    return sysId === undefined ? key.u >= updatedOn : compareKey(key, { u: updatedOn, id: sysId }) > 0
  })
}

/** `text` ('YYYY-MM-DD HH:mm:ss' UTC) moved by `ms`; `text` itself when it is not such a value. */
function shifted(text: string, ms: number): string {
  const at = parseSnDateTime(text)
  return at === null ? text : formatSnDateTime(at + ms)
}

const earlier = (a: string, b: string | undefined): string => (b !== undefined && b < a ? b : a)

/**
 * Where the next run may start without missing a row: the keyset, but never past the clock of the
 * run that stored it (rows it stepped over past its clock are a later run's). Undefined: the start.
 */
function resumePosition(c: ServiceNowCursor): string | undefined {
  return c.updatedOn === undefined ? undefined : earlier(c.updatedOn, c.clock)
}

/**
 * A record as the fingerprint sees it: every field's value and display value, in field order, so the
 * same record gives the same text however the server orders its JSON.
 */
function fingerprint(record: Record<string, unknown>): string {
  const fields = Object.keys(record)
    .sort()
    .map((name) => {
      const f = fieldSchema.safeParse(record[name])
      return [name, f.success ? [f.data.value, f.data.display_value] : record[name]]
    })
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 16)
}

/**
 * `seen` with `added` records, keeping only what a run resuming at `from` less the margin re-reads,
 * and at most MAX_SEEN fingerprints (the newest; a row not kept is only counted again when re-read).
 */
function keepSeen(
  seen: Readonly<Record<string, string[]>>,
  added: readonly { u: string; fp: string }[],
  from: string | undefined,
  marginMs: number,
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [u, fps] of Object.entries(seen)) out[u] = [...fps]
  for (const { u, fp } of added) {
    const list = (out[u] ??= [])
    if (!list.includes(fp)) list.push(fp)
  }
  const floor = from === undefined ? undefined : shifted(from, -marginMs)
  let room = MAX_SEEN
  const kept: Record<string, string[]> = {}
  for (const u of Object.keys(out).sort().reverse()) {
    if (floor !== undefined && u < floor) break
    const fps = out[u] ?? []
    kept[u] = fps.slice(0, room)
    room -= kept[u].length
    if (room <= 0) break
  }
  return kept
}

export function createServiceNowConnector(config: ServiceNowConfig, deps: HttpDeps): Connector {
  const table = config.table ?? 'incident'
  if (!TABLE_NAME.test(table)) throw new Error(`"${table}" is not a ServiceNow table name`)
  // The instance's address, without an /api/now/… path pasted from the REST API Explorer.
  const origin = serviceNowAddress(new URL(config.url)).base
  const policy = config.retry ?? DEFAULT_RETRY
  const source = `servicenow:${config.name}`
  const headers = { authorization: authHeader(config.auth) }
  const margin =
    config.resumeMarginSeconds === undefined
      ? RESUME_MARGIN_MS
      : Math.round(config.resumeMarginSeconds) * 1000
  if (!(margin >= RESUME_MARGIN_SECONDS.min * 1000 && margin <= RESUME_MARGIN_SECONDS.max * 1000))
    throw new Error(
      `The resume margin must be ${RESUME_MARGIN_SECONDS.min}–${RESUME_MARGIN_SECONDS.max} seconds, not ${config.resumeMarginSeconds}`,
    )

  // A connector is built for one sync run. Its first fetch resumes from the stored cursor; every later
  // one continues from the cursor the previous fetch returned (a cursor it did not return starts a run).
  let lastCursor: string | null | undefined
  // The instance's clock at its latest answer (Date header, as sys_updated_on text).
  let instanceNow: string | undefined

  const tableUrl = (tableName: string, params: Record<string, string>): string =>
    `${origin}/api/now/table/${tableName}?${new URLSearchParams(params).toString()}`

  async function fetchSrs(cursorText: string | null, opts: FetchPageOptions): Promise<Page<'srs'>> {
    const stored = decodeCursor(cursorText)
    const newRun = lastCursor === undefined || cursorText !== lastCursor
    // A new run starts over from the stored position less the margin, as a floor (no sys_id bound):
    // rows stamped in the same second as the last row read, or committed late with an earlier stamp,
    // are read then. An offset (or bound) a failed run left behind is not trusted across time.
    const resumeAt = resumePosition(stored)
    const cursor: ServiceNowCursor = newRun
      ? {
          ...(resumeAt !== undefined ? { updatedOn: shifted(resumeAt, -margin) } : {}),
          ...(stored.seen ? { seen: stored.seen } : {}),
        }
      : stored
    const page = await fetchWindow(cursor, newRun, opts)
    // The run's first answer told the instance's clock: a stored position past it resumes earlier.
    if (newRun && instanceNow !== undefined && resumeAt !== undefined) {
      const from = shifted(earlier(resumeAt, instanceNow), -margin)
      if (cursor.updatedOn !== undefined && from < cursor.updatedOn) {
        // The stored position is past the instance's clock (a row stamped in the future carried it
        // there): rows updated since then lie before it. Read from the clock instead.
        const again: ServiceNowCursor = { updatedOn: from, clock: instanceNow, ...seenOf(stored) }
        return remember({ rows: [], cursor: encodeCursor(again), hasMore: true })
      }
    }
    return remember(page)
  }

  const remember = (page: Page<'srs'>): Page<'srs'> => {
    lastCursor = page.cursor
    return page
  }

  /** One request from `cursor`, and the continuation after it. */
  async function fetchWindow(
    cursor: ServiceNowCursor,
    first: boolean,
    opts: FetchPageOptions,
  ): Promise<Page<'srs'>> {
    const size = Math.max(1, Math.floor(config.pageSize ?? opts.pageSize))
    const limit = cursor.wide ? Math.max(size, Math.min(MAX_LIMIT, size * WIDE_WINDOW)) : size
    const offset = cursor.offset ?? 0
    // The run's bound once its clock is known (from its second request on): rows updated during the
    // run leave the query instead of moving ahead of us (no chasing them), which is also what makes a
    // shifted offset visible in X-Total-Count (see nextPage).
    const bound: RunBound | undefined =
      cursor.clock !== undefined
        ? {
            clock: cursor.clock,
            future: shifted(
              instanceNow !== undefined && instanceNow > cursor.clock ? instanceNow : cursor.clock,
              margin,
            ),
          }
        : undefined
    const params: Record<string, string> = {
      sysparm_query: keysetQuery(cursor, bound),
      sysparm_fields: INCIDENT_FIELDS.join(','),
      sysparm_limit: String(limit),
      // Codes and UTC instants from `value`, names of references from `display_value` (mapping.ts).
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: 'true',
    }
    if (offset > 0) params['sysparm_offset'] = String(offset)
    const url = tableUrl(table, params)
    const response = await requestJson(
      url,
      { headers, signal: opts.signal, answers: isNoRecordFound },
      policy,
      withRetryNotice(deps, opts),
    ).catch((err: unknown) => {
      throw invalidTable(err, table)
    })
    const now = serviceNowTime(response.headers.get('date'))
    if (now !== undefined) instanceNow = now

    // 404 "No Record found": no row came back, as an empty result would say (isNoRecordFound).
    const noRecord = response.status === 404
    const body = tableResponseSchema.safeParse(noRecord ? { result: [] } : response.body)
    if (!body.success) {
      const detail = body.error.issues[0]?.message ?? 'unexpected shape'
      throw new ServiceNowDataError(
        `ServiceNow answered ${safeUrl(url)} without a { result: [...] } list: ${detail}`,
        syncReason('servicenow_not_a_list', { url: safeUrl(url), detail }),
      )
    }
    const result = body.data.result
    const records = afterKeyset(result, cursor)
    if (records.length === 0 && result.length >= limit)
      // A full window of rows we already have: stepping on by offset could skip unseen rows, so stop.
      // (A short one is the tail of the previous page repeated: as good as an empty page.)
      throw new ServiceNowDataError(
        `ServiceNow returned only ${table} rows at or before the sync's position (${cursor.updatedOn}, ${cursor.sysId}): ` +
          'the instance ignored the keyset filter, so paging cannot make progress',
        syncReason('servicenow_keyset_ignored', {
          table,
          updatedOn: cursor.updatedOn,
          sysId: cursor.sysId,
        }),
      )

    const totalHeader = response.headers.get('x-total-count')
    const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : undefined
    const nextLink = nextLinkOf(response.headers.get('link'))
    const facts: PageFacts = {
      cursor: first && now !== undefined ? { ...cursor, clock: now } : cursor,
      bounded: bound !== undefined,
      offset,
      limit,
      records,
      dropped: result.length - records.length,
      total,
      nextLink,
      noRecord,
      table,
      marginMs: margin,
    }
    const shift = shiftedOffset(facts)
    if (shift) return shift

    // Rows delivered before (the margin re-read) are not delivered again: they are stored already,
    // and a sync that changed nothing says 0 rows. A changed row has another fingerprint.
    const seen = cursor.seen ?? {}
    const rows: EntityRows['srs'] = []
    const errors: RowError[] = []
    const added: { u: string; fp: string }[] = []
    // Only rows the next run re-reads keep a fingerprint (keepSeen drops the rest): those from the
    // margin before where this page leaves the cursor. A row is hashed only when it is one of them, or
    // when the rows seen before have its second, so a long sync does not hash every row it reads.
    const lastKey = records.length > 0 ? keyOf(records[records.length - 1]!) : null
    const position = lastKey ? resumePosition({ updatedOn: lastKey.u, ...clockOf(facts.cursor) }) : undefined
    const keepFrom = position === undefined ? undefined : shifted(position, -margin)
    for (const record of records) {
      const key = keyOf(record)
      if (key !== null) {
        const kept = keepFrom === undefined || key.u >= keepFrom
        if (kept || seen[key.u] !== undefined) {
          const fp = fingerprint(record)
          if (seen[key.u]?.includes(fp)) continue
          if (kept) added.push({ u: key.u, fp })
        }
      }
      const mapped = mapIncident(record, source, {
        stateMap: config.stateMap,
        priorityMap: config.priorityMap,
      })
      if (mapped.ok) rows.push(mapped.row)
      else errors.push(mapped.error)
    }
    if (errors.length > 0) {
      // The whole page fails: skipping a row would move the cursor past it and lose it for good.
      const shown = errors.slice(0, 5).map(describeRowError).join('; ')
      const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''
      throw new ServiceNowDataError(
        `ServiceNow ${table} has ${errors.length} record(s) we cannot read: ${shown}${more}${codeMapHint(config.name, errors)}`,
        rowsReason(config.name, table, errors, `${shown}${more}`),
        errors,
      )
    }
    return nextPage(facts, rows, added)
  }

  return {
    kind: 'servicenow',
    name: config.name,
    entities: ['srs'],
    async fetchPage<E extends SyncEntity>(entity: E, cursor: string | null, opts: FetchPageOptions) {
      if (entity !== 'srs')
        throw new SourceError(
          'client',
          `ServiceNow sources provide SRs only, not ${entity}`,
          undefined,
          undefined,
          false,
          syncReason('servicenow_srs_only', { entity }),
        )
      return (await fetchSrs(cursor, opts)) as unknown as Page<E>
    },
    async whoAmI(signal: AbortSignal): Promise<WhoAmI> {
      // A bearer token names no user: null, which the app and the CLI word in their own language.
      const fallbackName = config.auth.kind === 'basic' ? config.auth.user : null
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
        // An integration user often may not read sys_user: the connection still works, the role is
        // unknown. A 401 may be sys_user's alone too (a REST API Access Policy on that table): the
        // table the sync reads, asked next, says whether the credentials themselves are refused.
        if (
          err instanceof SourceError &&
          (err.kind === 'forbidden' || err.kind === 'not_found' || err.kind === 'auth')
        )
          response = null
        else throw err
      }
      // The table the sync reads, asked for one row: a misspelt table ("Invalid table incidnet") or
      // one the account may not read made "Test connection" succeed and every sync then fail.
      await requestJson(
        tableUrl(table, {
          sysparm_fields: 'sys_id',
          sysparm_limit: '1',
          sysparm_exclude_reference_link: 'true',
        }),
        // An empty table on an instance that answers it 404 "No Record found" is still readable.
        { headers, signal, answers: isNoRecordFound },
        policy,
        deps,
      ).catch((err: unknown) => {
        throw invalidTable(err, table)
      })
      if (response === null) return { name: fallbackName, role: null }
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

/** The two mapped fields: how their unknown codes are named and mapped (Settings field, CLI command). */
const CODE_MAPS = {
  state: {
    value: 'STATUS',
    noun: 'a status',
    field: 'State codes',
    command: 'state-map',
    list: STATUS_LIST,
    reason: 'servicenow_unknown_state',
    params: { codes: 'states', list: 'statuses' },
  },
  priority: {
    value: 'PRIORITY',
    noun: 'a priority',
    field: 'Priority codes',
    command: 'priority-map',
    list: PRIORITY_LIST,
    reason: 'servicenow_unknown_priority',
    params: { codes: 'codes', list: 'priorities' },
  },
} as const

/** The codes of `f` in `errors` no map knows, as "4 (Awaiting User Info), …", and the CLI's example. */
function unmappedCodes(
  errors: readonly RowError[],
  f: keyof typeof CODE_MAPS,
): { listed: string; example: string } | null {
  const codes = new Map<string, string>()
  for (const e of errors) {
    const unmapped = e[f]
    if (unmapped) codes.set(unmapped.code, unmapped.label)
  }
  if (codes.size === 0) return null
  return {
    listed: [...codes].map(([code, label]) => `${code} (${label || 'no label'})`).join(', '),
    example: [...codes.keys()].map((code) => `${code}=${CODE_MAPS[f].value}`).join(','),
  }
}

/**
 * How to map the unknown states and priorities of `errors` for source `name`, or '' when there are
 * none: a page refused for a code stays refused until the code is mapped (or the incident edited).
 */
function codeMapHint(name: string, errors: readonly RowError[]): string {
  return (['state', 'priority'] as const)
    .map((f) => {
      const found = unmappedCodes(errors, f)
      if (!found) return ''
      const m = CODE_MAPS[f]
      return (
        `. Map ${f} ${found.listed} to ${m.noun} for this source: Settings → Connections → Edit → ${m.field}, or ` +
        `npm run cli -- source ${m.command} ${name} ${found.example} (${m.value} one of ${m.list}); then sync again`
      )
    })
    .join('')
}

/**
 * The reason of a page with records that cannot be read: `detail` lists them (in English, as the
 * message does); unknown state codes and unknown priority codes are named with the way to map them,
 * as codeMapHint says. A page with both names both (servicenow_unknown_codes), so both maps are
 * fixed before the next sync rather than one per sync.
 */
function rowsReason(
  name: string,
  table: string,
  errors: readonly RowError[],
  detail: string,
): SyncErrorReason {
  // The first five, as the message lists them, for the app to word record by record.
  const records = JSON.stringify(
    errors.slice(0, 5).map((e): ServiceNowRecordProblem => ({
      sysId: e.sysId,
      number: e.number,
      field: e.field,
      ...e.problem,
    })),
  )
  const more = Math.max(0, errors.length - 5)
  const rows = { table, count: errors.length, detail, records, more }
  const states = unmappedCodes(errors, 'state')
  const priorities = unmappedCodes(errors, 'priority')
  if (states && priorities)
    return syncReason('servicenow_unknown_codes', {
      ...rows,
      name,
      states: states.listed,
      stateExample: states.example,
      statuses: CODE_MAPS.state.list,
      codes: priorities.listed,
      priorityExample: priorities.example,
      priorities: CODE_MAPS.priority.list,
    })
  for (const f of ['state', 'priority'] as const) {
    const found = unmappedCodes(errors, f)
    if (!found) continue
    const { reason, params } = CODE_MAPS[f]
    return syncReason(reason, {
      ...rows,
      [params.codes]: found.listed,
      name,
      example: found.example,
      [params.list]: CODE_MAPS[f].list,
    })
  }
  return syncReason('servicenow_bad_rows', rows)
}

const clockOf = (c: ServiceNowCursor): { clock?: string } => (c.clock !== undefined ? { clock: c.clock } : {})

const seenOf = (c: ServiceNowCursor): { seen?: Record<string, string[]> } => (c.seen ? { seen: c.seen } : {})

type PageFacts = {
  /** The position the request was made from (with the run's clock once known). */
  cursor: ServiceNowCursor
  /** Whether the request carried the run's bound (so its X-Total-Count can be compared). */
  bounded: boolean
  offset: number
  limit: number
  /** The rows after the keyset, in the order received. */
  records: readonly Record<string, unknown>[]
  /** Rows at or before the keyset the response held (repeats): they took window slots. */
  dropped: number
  total: number | undefined
  nextLink: string | undefined
  /** The answer was a 404 "No Record found" (isNoRecordFound). */
  noRecord: boolean
  table: string
  /** The source's resume margin (ms): fingerprints are kept for the rows the next run re-reads. */
  marginMs: number
}

/**
 * A request that stepped by offset and finds X-Total-Count lower than at the previous step: rows left
 * the query between the two (a hidden row updated past the run's clock, a deleted one), so every row
 * after them moved forward — possibly into the run of hidden rows already stepped over. Its window
 * cannot be trusted: step back by as many rows and look again (rows never come back, so this ends).
 * Null when the window stands.
 */
function shiftedOffset(p: PageFacts): Page<'srs'> | null {
  const before = p.cursor.total
  if (p.offset === 0 || !p.bounded || before === undefined || p.total === undefined || p.total >= before)
    return null
  const offset = Math.max(0, p.offset - (before - p.total))
  return {
    rows: [],
    cursor: encodeCursor({ ...p.cursor, offset, total: p.total }),
    hasMore: true,
    total: p.total,
  }
}

/**
 * The continuation after one response. ServiceNow applies sysparm_limit first and ACLs after, so a
 * window of `limit` rows can come back short or empty while more rows follow. Hence:
 * - Rows came back: the keyset moves to the last one and the offset resets. Hidden rows after it in
 *   this window are scanned again next time (cheap), but no visible row can be skipped, and rows that
 *   change meanwhile move behind the keyset instead of shifting an offset.
 * - No rows came back: the keyset cannot move (hidden rows show no keys), so we step over the window by
 *   offset, taking the offset from the Link rel="next" URL when there is one (it reflects the limit the
 *   server really applied, which it caps), less the slots repeated rows took, less one row of overlap.
 *   A row of the stepped-over run that leaves the query before the next request moves every later row
 *   forward; the run's bound makes an updated row leave the query, and X-Total-Count then shows it
 *   (shiftedOffset steps back). The run's first request has no bound yet, so an empty first window is
 *   asked again with it before any step.
 * - The end: an empty response AND nothing beyond the window — no Link rel="next" and X-Total-Count (the
 *   count before ACLs) not beyond offset + limit. A page with rows is the end only when it holds every
 *   row the query matched (X-Total-Count ≤ rows returned, no rel="next"): that cannot be fooled by a
 *   capped sysparm_limit or a stripped Link header. Otherwise the next request confirms the end.
 * We read only the offset from the Link URL and never fetch it: the next request is always built
 * here, so credentials never follow a URL the server chose.
 */
function nextPage(
  p: PageFacts,
  rows: EntityRows['srs'],
  added: readonly { u: string; fp: string }[],
): Page<'srs'> {
  const { cursor, offset, limit, records } = p
  const totalOf = p.total !== undefined ? { total: p.total } : {}
  const kept = (at: ServiceNowCursor) => {
    const seen = keepSeen(cursor.seen ?? {}, added, resumePosition(at), p.marginMs)
    return Object.keys(seen).length > 0 ? { seen } : {}
  }
  const clockOfCursor = clockOf(cursor)
  if (records.length > 0) {
    // The keyset predicate is only sound if the server honoured ORDERBY; check rather than trust.
    let prev: Key | undefined =
      cursor.updatedOn !== undefined && cursor.sysId !== undefined
        ? { u: cursor.updatedOn, id: cursor.sysId }
        : undefined
    for (const record of records) {
      const key = {
        u: fieldSchema.parse(record['sys_updated_on']).value,
        id: fieldSchema.parse(record['sys_id']).value,
      }
      if (prev && compareKey(prev, key) >= 0)
        throw new ServiceNowDataError(
          `ServiceNow returned ${p.table} rows out of (sys_updated_on, sys_id) order at record ${key.id}: ` +
            'the instance ignored the ORDERBY or the keyset filter, so paging cannot be trusted',
          syncReason('servicenow_out_of_order', { table: p.table, record: key.id }),
        )
      prev = key
    }
    const last = prev as Key
    const at: ServiceNowCursor = { updatedOn: last.u, sysId: last.id, ...clockOfCursor }
    // Every row the query matches (hidden ones included) came back: nothing can follow.
    const complete = p.total !== undefined && p.nextLink === undefined && records.length >= p.total
    return { rows, cursor: encodeCursor({ ...at, ...kept(at) }), hasMore: !complete, ...totalOf }
  }
  const keyset: ServiceNowCursor = {
    ...(cursor.updatedOn !== undefined ? { updatedOn: cursor.updatedOn } : {}),
    ...(cursor.sysId !== undefined ? { sysId: cursor.sysId } : {}),
    ...clockOfCursor,
  }
  const beyond = p.nextLink !== undefined || (p.total !== undefined && offset + limit < p.total)
  if (!beyond && p.noRecord && p.total === undefined && !cursor.wide)
    // A 404 "No Record found" that counts nothing: the end, or a window ACLs hid whole. A window
    // WIDE_WINDOW times larger from the same place tells which (it comes back with rows if any follow,
    // unless ACLs hide every row of it too: docs/servicenow.md).
    return {
      rows,
      cursor: encodeCursor({ ...keyset, ...(offset > 0 ? { offset } : {}), wide: true, ...kept(keyset) }),
      hasMore: true,
    }
  if (!beyond)
    // Done: store the keyset alone; the next run starts from it (less the margin), not from an offset.
    return { rows, cursor: encodeCursor({ ...keyset, ...kept(keyset) }), hasMore: false, ...totalOf }
  if (!p.bounded && cursor.clock !== undefined)
    // The run's first window, empty: ask it again with the run's bound, whose count the steps compare.
    return { rows, cursor: encodeCursor({ ...keyset, ...kept(keyset) }), hasMore: true, ...totalOf }
  const linkOffset = p.nextLink ? offsetOf(p.nextLink) : undefined
  // Rows at or before the keyset that came back took slots of this window: the matched rows after
  // them were not in it, so the step stops short of them.
  const step = Math.max(1, (linkOffset ?? offset + limit) - offset - p.dropped)
  // One row of overlap besides: a row that moved forward unseen (a change X-Total-Count cannot show,
  // such as one row leaving as another commits late) is still scanned.
  const nextOffset = offset + Math.max(1, step - 1)
  const next: ServiceNowCursor = {
    ...keyset,
    offset: nextOffset,
    ...(p.bounded && p.total !== undefined ? { total: p.total } : {}),
  }
  return { rows, cursor: encodeCursor({ ...next, ...kept(keyset) }), hasMore: true, ...totalOf }
}

/** An HTTP Date header as ServiceNow writes sys_updated_on values (UTC), or undefined. */
export function serviceNowTime(header: string | null): string | undefined {
  if (header === null) return undefined
  const ms = parseHttpDate(header)
  return ms !== undefined ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : undefined
}

function offsetOf(link: string): number | undefined {
  try {
    const v = new URL(link, 'http://placeholder.invalid').searchParams.get('sysparm_offset')
    return v !== null && /^\d+$/.test(v) ? Number(v) : undefined
  } catch {
    return undefined
  }
}
