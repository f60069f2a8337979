// A loopback ITSM REST server speaking docs/itsm-rest-protocol.md, with seeded data and injectable
// faults, for integration tests, benchmarks and `simulate itsm`. Binds 127.0.0.1 only.
// The simulators live under src/main (not test/) because the CLI's `simulate` command serves them:
// they are plain Node (node:http plus the demo's seeded names), import no test library, and nothing in
// the app's bundle imports them.
// Speed matters (a 200,000-SR sync must take < 10 s end to end): every row's JSON is rendered once
// and rows are kept sorted by (updated_at, id), so a page is a binary search plus a string join.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { createRng } from '../../core/demo/prng'
import { API_PREFIX, ENTITY_PATHS, MAX_LIMIT, type WireRows } from '../../core/sources/itsm-rest/wire'
import { SYNC_ENTITIES, type AccountRole, type SyncEntity } from '../../core/sources/types'
import { generateDataset, type ItsmDataset } from './data'

export type Faults = {
  /** Delay before every answer. */
  latencyMs: number
  /** Every Nth request answers 429 with Retry-After (0 = never). */
  rateLimit: number
  /** The Retry-After of those 429s, in seconds. */
  retryAfterSeconds: number
  /** Every Nth request answers 500 (0 = never). */
  serverErrors: number
  /** Every Nth request never answers, until the client gives up (0 = never). */
  timeouts: number
  /** Every Nth request answers 200 with a body that is not JSON (0 = never). */
  malformedJson: number
  /** Every Nth request answers 200 with its JSON cut in the middle (0 = never). */
  truncatedJson: number
  /**
   * Every Nth request answers 200 with the whole body's Content-Length, sends half of it and closes
   * the connection (0 = never): a server failing mid-stream, a proxy cutting a long answer.
   */
  cutBody: number
  /** Rows of the previous page repeated at the start of each following page (0 = none). */
  repeatRows: number
  /** Rows already served that get a newer updated_at before each following page (0 = none). */
  updateWhilePaging: number
  /**
   * Collections the account may not read: every request for them answers 403 (an operator's token
   * kept from personal data, deployments or usage). /me and the other collections answer as usual.
   */
  forbidden: readonly SyncEntity[]
  /**
   * A page of more than this many rows is answered only after `slowPageMs` (0 = never): a server whose
   * big pages take longer than the client waits, while smaller ones come at once.
   */
  slowPageRows: number
  /** How late those pages come, in ms. */
  slowPageMs: number
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  rateLimit: 0,
  retryAfterSeconds: 2,
  serverErrors: 0,
  timeouts: 0,
  malformedJson: 0,
  truncatedJson: 0,
  cutBody: 0,
  repeatRows: 0,
  updateWhilePaging: 0,
  forbidden: [],
  slowPageRows: 0,
  slowPageMs: 60_000,
}

export type FaultKind =
  | 'rate_limit'
  | 'server_error'
  | 'timeout'
  | 'malformed_json'
  | 'truncated_json'
  | 'cut_body'
  | 'forbidden'
  | 'slow_page'

/** One request as the simulator saw it; the Authorization header is reduced to ok/missing/wrong. */
export type RequestLog = {
  seq: number
  method: string
  path: string
  query: Record<string, string>
  auth: 'ok' | 'missing' | 'wrong'
  /** Status sent, or null for a request left hanging. */
  status: number | null
  fault: FaultKind | null
  /** Rows in the page, for collection requests answered 200. */
  items?: number
  /** The client's User-Agent header, if it sent one. */
  userAgent?: string
}

export type ItsmSimulatorOptions = {
  seed?: number
  srCount?: number
  token?: string
  /** The simulated "now" (epoch ms): generated data ends here; mutations are later. */
  asOf?: number
  /** Whether SR events are generated (about three per SR). */
  events?: boolean
  me?: { name: string; role: AccountRole | string }
  faults?: Partial<Faults>
  port?: number
  /** Serve HTTPS with this certificate and key (PEM), e.g. one issued by an internal CA. */
  tls?: { cert: string | Buffer; key: string | Buffer }
}

/** Changes rows while a client pages; updated rows get the next tick of the simulator clock. */
export type ItsmMutator = {
  update<E extends SyncEntity>(entity: E, id: string, patch: Partial<WireRows[E]>): WireRows[E]
  insert<E extends SyncEntity>(
    entity: E,
    row: Omit<WireRows[E], 'updated_at'> & { updated_at?: string },
  ): void
  /**
   * Renames tenant, category or person `id` to `name` as a server whose rows refer to it through a
   * join does: the tenant (category, person) row gets the next instant, and every row naming it (SRs,
   * people, deployments, feature usage for a tenant; SRs for a category; SRs' assignee and requester
   * and events' actor and assignee for a person) serves the new name from then on, keeping its own
   * updated_at, so an incremental sync does not read it again. With `touchReferrers` those rows get
   * new instants too (the protocol's advice to servers that cannot avoid renames).
   */
  rename(
    entity: 'tenants' | 'categories' | 'people',
    id: string,
    name: string,
    opts?: { touchReferrers?: boolean },
  ): void
  /** The next instant of the simulator clock (ISO), later than every row so far. */
  tick(): string
}

export type ItsmSimulator = {
  url: string
  token: string
  close(): Promise<void>
  setFaults(faults: Partial<Faults>): void
  mutate(fn: (m: ItsmMutator) => void): void
  requests: RequestLog[]
  /** The current rows of every entity, ordered as served: (updated_at, id) ascending. */
  readonly data: ItsmDataset
}

export const DEFAULT_AS_OF = Date.UTC(2025, 5, 30, 9, 0, 0)

type Entry = { id: string; ms: number; row: object; json: string }
type Table = { entries: Entry[]; byId: Map<string, Entry> }

const PATH_TO_ENTITY = new Map<string, SyncEntity>(
  SYNC_ENTITIES.map((e) => [`${API_PREFIX}${ENTITY_PATHS[e]}`, e] as const),
)
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

const entryOf = (row: { id: string; updated_at: string }): Entry => ({
  id: row.id,
  ms: Date.parse(row.updated_at),
  row,
  json: JSON.stringify(row),
})

/** Orders as the protocol does: instant, then id in binary (UTF-16 code unit) order. */
const compareKey = (ms: number, id: string, e: Entry): number =>
  ms !== e.ms ? ms - e.ms : id < e.id ? -1 : id > e.id ? 1 : 0

/** Index of the first entry strictly after (ms, id). */
function upperBound(entries: Entry[], ms: number, id: string): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const e = entries[mid]
    if (e && compareKey(ms, id, e) >= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

export async function startItsmSimulator(opts: ItsmSimulatorOptions = {}): Promise<ItsmSimulator> {
  const seed = opts.seed ?? 1
  const token = opts.token ?? 'sim-token'
  const asOf = opts.asOf ?? DEFAULT_AS_OF
  const me = opts.me ?? { name: '운영 관리자', role: 'admin' }
  let faults: Faults = { ...NO_FAULTS, ...opts.faults }
  const dataset = generateDataset({ seed, srCount: opts.srCount ?? 500, asOf, events: opts.events ?? true })
  const tables = new Map<SyncEntity, Table>()
  for (const entity of SYNC_ENTITIES) {
    const entries = (dataset[entity] as { id: string; updated_at: string }[]).map(entryOf)
    entries.sort((a, b) => compareKey(a.ms, a.id, b))
    tables.set(entity, { entries, byId: new Map(entries.map((e) => [e.id, e])) })
  }
  const tableOf = (entity: SyncEntity): Table => {
    const t = tables.get(entity)
    if (!t) throw new Error(`no table ${entity}`)
    return t
  }
  let clock = asOf
  const faultRng = createRng(seed).fork(0x5eed)
  const requests: RequestLog[] = []
  const hanging = new Set<ServerResponse>()
  // Answers waiting out a delay: cleared when their client leaves, and all of them at close.
  const delayed = new Set<ReturnType<typeof setTimeout>>()
  let seq = 0

  const put = (table: Table, entry: Entry): void => {
    const old = table.byId.get(entry.id)
    if (old) {
      const at = upperBound(table.entries, old.ms, old.id) - 1
      if (table.entries[at] === old) table.entries.splice(at, 1)
    }
    table.entries.splice(upperBound(table.entries, entry.ms, entry.id), 0, entry)
    table.byId.set(entry.id, entry)
    clock = Math.max(clock, entry.ms)
  }
  const tick = (): string => {
    clock += 1000
    return new Date(clock).toISOString()
  }
  const mutator: ItsmMutator = {
    update(entity, id, patch) {
      const table = tableOf(entity)
      const old = table.byId.get(id)
      if (!old) throw new Error(`no ${entity} row ${id}`)
      const row = { ...old.row, ...patch, updated_at: patch.updated_at ?? tick() } as WireRows[typeof entity]
      put(table, entryOf(row))
      return row
    },
    insert(entity, row) {
      put(tableOf(entity), entryOf({ ...row, updated_at: row.updated_at ?? tick() }))
    },
    rename(entity, id, name, opts = {}) {
      const table = tableOf(entity)
      const old = table.byId.get(id)
      if (!old) throw new Error(`no ${entity} row ${id}`)
      const was = (old.row as { name: string }).name
      mutator.update(entity, id, { name })
      const referrers: [SyncEntity, string][] =
        entity === 'tenants'
          ? [
              ['srs', 'tenant'],
              ['people', 'tenant'],
              ['deployments', 'tenant'],
              ['feature_usage', 'tenant'],
            ]
          : entity === 'categories'
            ? [['srs', 'category']]
            : [
                ['srs', 'assignee'],
                ['srs', 'requester'],
                ['sr_events', 'actor'],
                ['sr_events', 'assignee'],
              ]
      for (const [referrer, field] of referrers) {
        const t = tableOf(referrer)
        for (const entry of [...t.entries]) {
          if ((entry.row as Record<string, unknown>)[field] !== was) continue
          const row = { ...entry.row, [field]: name } as { id: string; updated_at: string }
          if (opts.touchReferrers) {
            mutator.update(referrer, entry.id, { [field]: name })
            continue
          }
          // Same instant and id: the same place in the order.
          const at = upperBound(t.entries, entry.ms, entry.id) - 1
          const replaced = entryOf(row)
          t.entries[at] = replaced
          t.byId.set(entry.id, replaced)
        }
      }
    },
    tick,
  }

  /** What updateWhilePaging does to a served row: a newer updated_at and, for SRs, some progress. */
  const touch = (entity: SyncEntity, entry: Entry): void => {
    if (entity === 'srs') {
      const sr = entry.row as WireRows['srs']
      mutator.update('srs', sr.id, {
        reassignment_count: sr.reassignment_count + 1,
        ...(sr.status === 'OPEN' ? { status: 'IN_PROGRESS' as const } : {}),
      })
    } else mutator.update(entity, entry.id, {})
  }

  function respond(
    res: ServerResponse,
    log: RequestLog,
    status: number,
    body: string,
    extra = {},
    delayMs = faults.latencyMs,
  ): void {
    log.status = status
    const send = (): void => {
      if (res.destroyed) return
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        ...extra,
      })
      res.end(body)
    }
    if (delayMs <= 0) return send()
    const timer = setTimeout(() => {
      delayed.delete(timer)
      send()
    }, delayMs)
    delayed.add(timer)
    res.on('close', () => {
      clearTimeout(timer)
      delayed.delete(timer)
    })
  }
  const errorBody = (code: string, message: string): string => JSON.stringify({ error: { code, message } })
  const every = (n: number): boolean => n > 0 && seq % n === 0

  function handle(req: IncomingMessage, res: ServerResponse): void {
    seq++
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const header = req.headers.authorization
    const log: RequestLog = {
      seq,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      auth: header === undefined ? 'missing' : header === `Bearer ${token}` ? 'ok' : 'wrong',
      status: null,
      fault: null,
      ...(req.headers['user-agent'] !== undefined ? { userAgent: req.headers['user-agent'] } : {}),
    }
    requests.push(log)
    if (log.auth !== 'ok')
      return respond(res, log, 401, errorBody('unauthorized', 'Missing or invalid bearer token'), {
        'www-authenticate': 'Bearer realm="itsm", error="invalid_token"',
      })
    if (every(faults.timeouts)) {
      // Never answer: the client's timeout must fire. Forget the response once the client leaves.
      log.fault = 'timeout'
      hanging.add(res)
      res.on('close', () => hanging.delete(res))
      return
    }
    if (every(faults.rateLimit)) {
      log.fault = 'rate_limit'
      return respond(res, log, 429, errorBody('rate_limited', 'Too many requests'), {
        'retry-after': String(faults.retryAfterSeconds),
      })
    }
    if (every(faults.serverErrors)) {
      log.fault = 'server_error'
      return respond(res, log, 500, errorBody('internal', 'Internal server error'))
    }
    if (log.method !== 'GET') return respond(res, log, 405, errorBody('method_not_allowed', 'GET only'))

    let body: string
    let delayMs = faults.latencyMs
    if (url.pathname === `${API_PREFIX}/me`) body = JSON.stringify({ name: me.name, role: me.role })
    else {
      const entity = PATH_TO_ENTITY.get(url.pathname)
      if (!entity) return respond(res, log, 404, errorBody('not_found', `No such endpoint ${url.pathname}`))
      if (faults.forbidden.includes(entity)) {
        log.fault = 'forbidden'
        return respond(
          res,
          log,
          403,
          errorBody('forbidden', `This account may not read ${ENTITY_PATHS[entity].slice(1)}`),
        )
      }
      const page = collectionPage(entity, url.searchParams)
      if ('error' in page) return respond(res, log, 400, errorBody('bad_request', page.error))
      body = page.body
      log.items = page.items
      if (faults.slowPageRows > 0 && page.items > faults.slowPageRows) {
        log.fault = 'slow_page'
        delayMs += faults.slowPageMs
      }
    }
    if (every(faults.malformedJson)) {
      log.fault = 'malformed_json'
      body = '<html><body><h1>502 Bad Gateway</h1></body></html>'
    } else if (every(faults.truncatedJson)) {
      log.fault = 'truncated_json'
      body = body.slice(0, Math.max(1, Math.floor(body.length / 2)))
    } else if (every(faults.cutBody)) {
      log.fault = 'cut_body'
      log.status = 200
      const bytes = Buffer.from(body)
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': bytes.length,
      })
      res.write(bytes.subarray(0, Math.max(1, bytes.length >> 1)), () => res.destroy())
      return
    }
    respond(res, log, 200, body, {}, delayMs)
  }

  function collectionPage(
    entity: SyncEntity,
    query: URLSearchParams,
  ): { body: string; items: number } | { error: string } {
    const limitText = query.get('limit')
    const limit = limitText === null ? 100 : Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return { error: `limit must be an integer from 1 to ${MAX_LIMIT}` }
    const after = query.get('updated_after')
    const afterId = query.get('after_id')
    if ((after === null) !== (afterId === null)) return { error: 'updated_after and after_id go together' }
    if (after !== null && (!ISO_WITH_OFFSET.test(after) || Number.isNaN(Date.parse(after))))
      return { error: 'updated_after must be an ISO 8601 instant with an offset' }
    const table = tableOf(entity)
    const afterMs = after === null ? null : Date.parse(after)
    const position = (): number =>
      afterMs === null || afterId === null ? 0 : upperBound(table.entries, afterMs, afterId)
    let from = position()
    if (faults.updateWhilePaging > 0 && from > 0) {
      const served = table.entries.slice(0, from)
      for (let i = 0; i < faults.updateWhilePaging && served.length > 0; i++) {
        const [entry] = served.splice(faultRng.int(0, served.length - 1), 1)
        if (entry) touch(entity, entry)
      }
      from = position()
    }
    const start =
      from > 0 && faults.repeatRows > 0 ? Math.max(0, from - Math.min(faults.repeatRows, limit - 1)) : from
    const end = Math.min(table.entries.length, start + limit)
    const slice = table.entries.slice(start, end)
    const last = slice[slice.length - 1]
    const next =
      end < table.entries.length && last
        ? { updated_after: (last.row as { updated_at: string }).updated_at, after_id: last.id }
        : null
    const items = slice.map((e) => e.json).join(',')
    return {
      body: `{"items":[${items}],"next":${JSON.stringify(next)},"total":${table.entries.length - from}}`,
      items: slice.length,
    }
  }

  const server = opts.tls ? createHttpsServer(opts.tls, handle) : createServer(handle)
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    token,
    requests,
    setFaults(f) {
      faults = { ...faults, ...f }
    },
    mutate(fn) {
      fn(mutator)
    },
    get data(): ItsmDataset {
      const out = {} as Record<SyncEntity, object[]>
      for (const entity of SYNC_ENTITIES) out[entity] = tableOf(entity).entries.map((e) => e.row)
      return out as ItsmDataset
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        hanging.clear()
        for (const timer of delayed) clearTimeout(timer)
        delayed.clear()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
