// A loopback ServiceNow Table API for tests, demos and `simulate servicenow`, in the instance's exact wire
// format: { result }, string values everywhere, sysparm_display_value false|true|all, reference links
// unless excluded, X-Total-Count and Link (first/prev/next/last by sysparm_offset), basic and bearer
// auth, and faults: latency, 429 + Retry-After, 500s, requests never answered, bodies that are not JSON
// or cut short, rows repeated from the previous page, rows updated while a client pages, ACL-hidden
// rows dropped AFTER sysparm_limit (as ServiceNow does), so pages come back short or empty while more
// rows exist, and empty answers as 404 "No Record found" (releases before Helsinki). Data is seeded: the same seed, the same instance. Binds 127.0.0.1 only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRng, type Rng } from '../../core/demo/prng'
import { DEMO_CATEGORIES, DEMO_TENANTS, SYSTEMS, uniqueNames } from '../../core/demo/names'

export type SnFaults = {
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number
  /** Every Nth table request answers 429 with Retry-After. */
  rateLimitEvery?: number
  retryAfterSeconds?: number
  /** Every Nth table request answers 500. */
  serverErrorEvery?: number
  /** Every Nth table request is never answered (the client's timeout must fire). */
  timeoutEvery?: number
  /** Every Nth table request answers 200 with an HTML error page instead of JSON. */
  malformedEvery?: number
  /** Every Nth table request answers 200 with its JSON cut in the middle. */
  truncatedEvery?: number
  /**
   * Each keyset page also returns this many rows the client was served from just before the keyset,
   * in slots of its window, as an instance or proxy that treats the boundary as inclusive (or pages by
   * offset while rows shift) does. Only readable rows: neither could repeat a row the user may not read.
   */
  repeatRows?: number
  /** Before each keyset page, this many rows the client was already served get a newer sys_updated_on. */
  updateWhilePaging?: number
  /** Share of incidents the integration user may not read: dropped after sysparm_limit is applied. */
  aclHiddenShare?: number
  /** Milliseconds added to the Date header (negative: a clock behind the instance's data). */
  dateSkewMs?: number
  /**
   * A table query whose answer holds no rows (none matched, or ACLs hid every row of the window) is
   * answered 404 `{"error":{"message":"No Record found",…},"status":"failure"}`, as releases before
   * Helsinki (and some ACL setups) do, without X-Total-Count or Link: an empty 200 otherwise.
   */
  noRecord404?: boolean
  /**
   * A refused login (401) quotes the Authorization header it got and the request (path and query)
   * in `error.detail`, as a gateway or an instance with debug logging left on does. Tests check that no part of the credential reaches a log or a screen.
   */
  echoAuthorization?: boolean
}

export type SnSimulatorOptions = {
  seed?: number
  count?: number
  user?: string
  password?: string
  token?: string
  /**
   * The table served (default incident). Another table is served as a requested item (sc_req_item)
   * is: task fields only (no caller_id, category, reopen_count, resolved_at) and its own state codes
   * (1 Open, 2 Work in Progress, -5 Pending, 3 Closed Complete, 4 Closed Incomplete).
   */
  table?: string
  /** Roles of the integration user (sys_user.roles), default 'itil'. */
  roles?: string
  faults?: SnFaults
  port?: number
}

/** A stored field: `value` is the internal value, `display_value` the label; `link` for references. */
export type SnStoredField = { value: string; display_value: string; link?: string }
export type SnRecord = Record<string, SnStoredField>

export type SnRequestLog = {
  method: string
  path: string
  query: Record<string, string>
  /** Status sent; 0 for a request left unanswered. */
  status: number
  fault?: 'rate_limit' | 'server_error' | 'timeout' | 'malformed_json' | 'truncated_json' | 'no_record'
  /** Rows in the response body (after ACLs). */
  returned?: number
  /** Rows matching the query before paging and ACLs (X-Total-Count). */
  total?: number
}

export type SnSimulator = {
  url: string
  close(): Promise<void>
  /** Replaces the faults from now on (ACL-hidden rows are fixed at start). */
  setFaults(faults: Omit<SnFaults, 'aclHiddenShare'>): void
  requests: SnRequestLog[]
  /** The table's records, in generation order; updates (updateWhilePaging) change them in place. */
  records: readonly SnRecord[]
  /** sys_ids the integration user may not read (aclHiddenShare). */
  hidden: ReadonlySet<string>
  /**
   * An operator's edit of `record`: `fields` set, sys_mod_count up, and sys_updated_on one second past
   * the instance clock (which moves there). With `at`, sys_updated_on is exactly `at` and the clock
   * stays: a transaction that commits late, stamped earlier than rows already served, or an edit in
   * the same second as rows served before (sys_updated_on has second precision).
   */
  update(record: SnRecord, fields?: Partial<SnRecord>, opts?: { at?: string }): void
  /** The table's records an encoded query matches now, in its ORDERBY order, hidden ones included. */
  matching(query: string): SnRecord[]
  user: { sysId: string; userName: string; name: string }
}

const CATEGORY_VALUES = [
  'outage',
  'access',
  'network',
  'server',
  'database',
  'security',
  'software',
  'hardware',
  'backup',
  'deployment',
  'inquiry',
  'other',
]
const STATE_LABELS: Record<string, string> = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
}
/** Requested-item states, by the incident state the generator drew (so a seed keeps its shape). */
const ITEM_STATES: Record<string, { value: string; display_value: string }> = {
  '1': { value: '1', display_value: 'Open' },
  '2': { value: '2', display_value: 'Work in Progress' },
  '3': { value: '-5', display_value: 'Pending' },
  '6': { value: '3', display_value: 'Closed Complete' },
  '7': { value: '3', display_value: 'Closed Complete' },
  '8': { value: '4', display_value: 'Closed Incomplete' },
}
/** Fields of the incident table that other task tables lack (ServiceNow omits them from answers). */
const INCIDENT_ONLY = ['caller_id', 'category', 'reopen_count', 'resolved_at'] as const

const PRIORITY_LABELS: Record<string, string> = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
}

const RANGE_START = Date.UTC(2025, 5, 1)
const RANGE_END = Date.UTC(2026, 2, 31)
const HOUR = 3_600_000

function snDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

function sysIdOf(rng: Rng): string {
  let s = ''
  for (let i = 0; i < 32; i++) s += Math.floor(rng.next() * 16).toString(16)
  return s
}

const plain = (v: string): SnStoredField => ({ value: v, display_value: v })

/** 'YYYY-MM-DD HH:mm:ss' (UTC) as epoch ms, or null. */
function parseSnText(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`)
  return Number.isFinite(ms) ? ms : null
}

type Generated = {
  incidents: SnRecord[]
  users: SnRecord[]
  hidden: Set<string>
  integration: { sysId: string; userName: string; name: string }
}

function generate(
  seed: number,
  count: number,
  userName: string,
  roles: string,
  hiddenShare: number,
): Generated {
  const rng = createRng(seed)
  const peopleRng = rng.fork(1)
  const people = uniqueNames(60, (n) => peopleRng.int(0, n - 1))
  const ref = (table: string, sysId: string, display: string): SnStoredField => ({
    value: sysId,
    display_value: display,
    // Made absolute per response, with the address the server is listening on.
    link: `/api/now/table/${table}/${sysId}`,
  })
  const users: SnRecord[] = people.map((p) => ({
    sys_id: plain(sysIdOf(peopleRng)),
    user_name: plain(p.latin),
    name: plain(p.name),
    roles: plain(''),
  }))
  const integrationId = sysIdOf(peopleRng)
  users.push({
    sys_id: plain(integrationId),
    user_name: plain(userName),
    name: plain('연동 계정'),
    roles: plain(roles),
  })
  const engineers = users.slice(0, 15)
  const callers = users.slice(15, 60)
  const companyRng = rng.fork(2)
  const companies = DEMO_TENANTS.map((t) => ({ sysId: sysIdOf(companyRng), name: t.name, size: t.size }))
  // A few bulk updates stamp many rows with the same second: the keyset must break ties by sys_id.
  const bulkStamps = [0, 1, 2, 3].map((i) => RANGE_END + (i + 1) * 7 * HOUR)

  const recRng = rng.fork(3)
  const hidden = new Set<string>()
  const incidents: SnRecord[] = []
  for (let i = 0; i < count; i++) {
    const sysId = sysIdOf(recRng)
    const company = companies[recRng.weighted(companies.map((c) => c.size))] ?? companies[0]!
    const catIndex = recRng.weighted(DEMO_CATEGORIES.map((c) => c.weight))
    const category = DEMO_CATEGORIES[catIndex]!
    const title = recRng.pick(category.titles).replace('{s}', recRng.pick(SYSTEMS))
    const caller = recRng.pick(callers)
    const state = ['1', '2', '3', '6', '7', '8'][recRng.weighted([6, 10, 4, 12, 60, 8])]!
    const priority = String(1 + recRng.weighted([3, 12, 45, 35, 5]))
    const opened = RANGE_START + Math.floor(recRng.next() * (RANGE_END - RANGE_START))
    const assigned = state === '1' && recRng.chance(0.7) ? null : recRng.pick(engineers)
    let resolved: number | null = null
    let closed: number | null = null
    if (state === '6' || state === '7') resolved = opened + Math.round(recRng.logNormal(20, 1.1) * HOUR)
    if (state === '7') closed = (resolved ?? opened) + Math.round(recRng.uniform(24, 24 * 7) * HOUR)
    if (state === '8') closed = opened + Math.round(recRng.uniform(1, 72) * HOUR)
    const last = Math.max(opened, resolved ?? 0, closed ?? 0) + Math.round(recRng.uniform(0, 2) * HOUR)
    const updated = recRng.chance(0.2) ? recRng.pick(bulkStamps) : last
    const reassign = recRng.poisson(0.6)
    const reopen = state === '1' ? 0 : recRng.chance(0.06) ? 1 : 0
    const impact = String(recRng.int(1, 3))
    incidents.push({
      sys_id: plain(sysId),
      number: plain(`INC${String(10001 + i).padStart(7, '0')}`),
      short_description: plain(title),
      description: plain(`${title} — ${company.name} 요청`),
      state: { value: state, display_value: STATE_LABELS[state] ?? state },
      priority: { value: priority, display_value: PRIORITY_LABELS[priority] ?? priority },
      impact: { value: impact, display_value: impact },
      urgency: { value: impact, display_value: impact },
      category: { value: CATEGORY_VALUES[catIndex] ?? 'other', display_value: category.name },
      company: ref('core_company', company.sysId, company.name),
      caller_id: ref('sys_user', caller.sys_id!.value, caller.name!.value),
      assigned_to: assigned
        ? ref('sys_user', assigned.sys_id!.value, assigned.name!.value)
        : { value: '', display_value: '' },
      opened_at: dateField(opened),
      resolved_at: resolved === null ? plain('') : dateField(resolved),
      closed_at: closed === null ? plain('') : dateField(closed),
      sys_created_on: dateField(opened),
      sys_updated_on: dateField(updated),
      sys_mod_count: plain(String(recRng.int(1, 12))),
      reassignment_count: plain(String(reassign)),
      reopen_count: plain(String(reopen)),
    })
    if (hiddenShare > 0 && recRng.chance(hiddenShare)) hidden.add(sysId)
  }
  return {
    incidents,
    users,
    hidden,
    integration: { sysId: integrationId, userName, name: '연동 계정' },
  }
}

// The display value of a date-time is in the user's zone and format (here Asia/Seoul): a connector that
// reads display values for instants gets times nine hours off, which the tests would catch.
function dateField(ms: number): SnStoredField {
  return { value: snDate(ms), display_value: snDate(ms + 9 * HOUR) }
}

type Condition = { field: string; op: string; value: string }
type Query = { groups: Condition[][][]; orderBy: { field: string; desc: boolean }[] }

const CONDITION = /^([a-z0-9_.]+?)(>=|<=|!=|>|<|=|STARTSWITH|LIKE|ISEMPTY|ISNOTEMPTY)(.*)$/

/** Enough of the encoded-query grammar: ^NQ groups of ^-ANDed terms, each term ^OR-ed conditions. */
export function parseEncodedQuery(text: string): Query {
  const orderBy: { field: string; desc: boolean }[] = []
  const groups: Condition[][][] = []
  for (const groupText of text.split('^NQ')) {
    const terms: Condition[][] = []
    for (const part of groupText.split('^')) {
      if (part === '' || part === 'EQ') continue
      if (part.startsWith('ORDERBYDESC')) {
        orderBy.push({ field: part.slice(11), desc: true })
        continue
      }
      if (part.startsWith('ORDERBY')) {
        orderBy.push({ field: part.slice(7), desc: false })
        continue
      }
      const isOr = part.startsWith('OR')
      const m = CONDITION.exec(isOr ? part.slice(2) : part)
      if (!m) throw new Error(`Invalid encoded query term "${part}"`)
      const cond = { field: m[1]!, op: m[2]!, value: m[3] ?? '' }
      const prev = terms[terms.length - 1]
      if (isOr && prev) prev.push(cond)
      else terms.push([cond])
    }
    groups.push(terms)
  }
  return { groups, orderBy }
}

/** The query's lower bound: its terms of > and >= conditions only (a keyset's), ORDERBY dropped. */
function lowerBound(q: Query): Query {
  const isLower = (c: Condition): boolean => c.op === '>' || c.op === '>='
  return {
    groups: q.groups.map((terms) => terms.filter((alternatives) => alternatives.every(isLower))),
    orderBy: [],
  }
}

function compareValues(a: string, b: string): number {
  if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

function matches(record: SnRecord, q: Query, currentUserId: string): boolean {
  if (q.groups.every((g) => g.length === 0)) return true
  return q.groups.some((terms) =>
    terms.every((alternatives) =>
      alternatives.some((c) => {
        const actual = record[c.field]?.value ?? ''
        const expected = c.value === 'javascript:gs.getUserID()' ? currentUserId : c.value
        const cmp = compareValues(actual, expected)
        switch (c.op) {
          case '=':
            return cmp === 0
          case '!=':
            return cmp !== 0
          case '>':
            return cmp > 0
          case '>=':
            return cmp >= 0
          case '<':
            return cmp < 0
          case '<=':
            return cmp <= 0
          case 'STARTSWITH':
            return actual.startsWith(expected)
          case 'LIKE':
            return actual.includes(expected)
          case 'ISEMPTY':
            return actual === ''
          case 'ISNOTEMPTY':
            return actual !== ''
          default:
            return false
        }
      }),
    ),
  )
}

function render(
  record: SnRecord,
  fields: string[] | null,
  displayValue: string,
  excludeLinks: boolean,
  origin: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of fields ?? Object.keys(record)) {
    const f = record[name]
    if (!f) continue // ServiceNow silently omits unknown fields from sysparm_fields
    const link = !excludeLinks && f.link && f.value !== '' ? { link: `${origin}${f.link}` } : {}
    if (displayValue === 'all') out[name] = { display_value: f.display_value, value: f.value, ...link }
    else if (displayValue === 'true')
      out[name] = link.link ? { display_value: f.display_value, ...link } : f.display_value
    else out[name] = link.link ? { value: f.value, ...link } : f.value
  }
  return out
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  if (res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers })
  res.end(text)
}

const failure = (message: string, detail: string | null): unknown => ({
  error: { message, detail },
  status: 'failure',
})

const compareOrder =
  (orderBy: Query['orderBy']) =>
  (a: SnRecord, b: SnRecord): number => {
    for (const o of orderBy) {
      const c = compareValues(a[o.field]?.value ?? '', b[o.field]?.value ?? '')
      if (c !== 0) return o.desc ? -c : c
    }
    return 0
  }

export async function startServiceNowSimulator(opts: SnSimulatorOptions = {}): Promise<SnSimulator> {
  const user = opts.user ?? 'integration'
  const password = opts.password ?? 'secret'
  const token = opts.token ?? 'sn-test-token'
  const table = opts.table ?? 'incident'
  let faults: SnFaults = { ...opts.faults }
  const requests: SnRequestLog[] = []
  const hanging = new Set<ServerResponse>()
  let tableRequests = 0
  let origin = 'http://127.0.0.1'
  const data = generate(
    opts.seed ?? 1,
    opts.count ?? 500,
    user,
    opts.roles ?? 'itil',
    faults.aclHiddenShare ?? 0,
  )
  if (table !== 'incident')
    for (const record of data.incidents) {
      for (const name of INCIDENT_ONLY) delete record[name]
      record['state'] = ITEM_STATES[record['state']?.value ?? ''] ?? ITEM_STATES['1']!
    }
  const faultRng = createRng(opts.seed ?? 1).fork(0x5eed)
  // The instance clock for updates: one second after the newest record, then a second per update.
  let clock = data.incidents.reduce(
    (max, r) => Math.max(max, Date.parse(`${r.sys_updated_on!.value.replace(' ', 'T')}Z`)),
    RANGE_END,
  )

  /** An update as an operator would make one: a newer sys_updated_on, and some progress. */
  const touch = (record: SnRecord): void => {
    clock += 1000
    record['sys_updated_on'] = dateField(clock)
    const count = (name: string): void => {
      record[name] = plain(String(Number(record[name]?.value ?? '0') + 1))
    }
    count('sys_mod_count')
    count('reassignment_count')
    if (record['state']?.value === '1')
      record['state'] =
        table === 'incident' ? { value: '2', display_value: STATE_LABELS['2']! } : ITEM_STATES['2']!
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin)
    const query = Object.fromEntries(url.searchParams.entries())
    const log: SnRequestLog = { method: req.method ?? 'GET', path: url.pathname, query, status: 0 }
    requests.push(log)
    let mangle: ((text: string) => string) | null = null
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      log.status = status
      const text = mangle ? mangle(JSON.stringify(body)) : JSON.stringify(body)
      // The instance's own clock (data time, not wall time), as ServiceNow's Date header is.
      const dated = { date: new Date(clock + (faults.dateSkewMs ?? 0)).toUTCString(), ...headers }
      if (faults.latencyMs) setTimeout(() => sendText(res, status, text, dated), faults.latencyMs)
      else sendText(res, status, text, dated)
    }
    const auth = req.headers.authorization ?? ''
    const basic = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
    if (auth !== basic && auth !== `Bearer ${token}`)
      return reply(
        401,
        failure(
          'User Not Authenticated',
          faults.echoAuthorization
            ? `Required to provide Auth information: Authorization: ${auth} on ${req.method ?? 'GET'} ${req.url ?? '/'}`
            : 'Required to provide Auth information',
        ),
        {
          'www-authenticate': 'BASIC realm="Service-now"',
        },
      )
    const m = /^\/api\/now\/table\/([a-z0-9_]+)$/.exec(url.pathname)
    if (!m || req.method !== 'GET')
      return reply(400, failure('Requested URI does not represent any resource', null))
    const tableName = m[1]!
    const rows = tableName === table ? data.incidents : tableName === 'sys_user' ? data.users : null
    if (!rows) return reply(400, failure(`Invalid table ${tableName}`, null))

    if (tableName === table) {
      tableRequests++
      const every = (n: number | undefined): boolean => !!n && tableRequests % n === 0
      if (every(faults.timeoutEvery)) {
        // Never answer; forget the response once the client gives up and closes the connection.
        log.fault = 'timeout'
        hanging.add(res)
        res.on('close', () => hanging.delete(res))
        return
      }
      if (every(faults.rateLimitEvery)) {
        log.fault = 'rate_limit'
        return reply(429, failure('Too Many Requests', 'Rate limit exceeded'), {
          'retry-after': String(faults.retryAfterSeconds ?? 1),
        })
      }
      if (every(faults.serverErrorEvery)) {
        log.fault = 'server_error'
        return reply(500, failure('Internal server error', null))
      }
      if (every(faults.malformedEvery)) {
        log.fault = 'malformed_json'
        mangle = () => '<html><body><h1>502 Bad Gateway</h1></body></html>'
      } else if (every(faults.truncatedEvery)) {
        log.fault = 'truncated_json'
        mangle = (text) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))
      }
    }

    let q: Query
    try {
      q = parseEncodedQuery(query['sysparm_query'] ?? '')
    } catch (err) {
      return reply(400, failure((err as Error).message, null))
    }
    const matchesQuery = (r: SnRecord): boolean => matches(r, q, data.integration.sysId)
    // A query with a lower bound (> / >= terms, the keyset) is a keyset page: rows below that bound are
    // the ones earlier pages served.
    const lower = lowerBound(q)
    const keyset = tableName === table && lower.groups.some((g) => g.length > 0)
    const beforeKeyset = (r: SnRecord): boolean => !matches(r, lower, data.integration.sysId)
    if (keyset && faults.updateWhilePaging) {
      const served = rows.filter(beforeKeyset)
      for (let i = 0; i < faults.updateWhilePaging && served.length > 0; i++) {
        const [record] = served.splice(faultRng.int(0, served.length - 1), 1)
        if (record) touch(record)
      }
    }
    const matched = rows.filter(matchesQuery)
    if (q.orderBy.length > 0) matched.sort(compareOrder(q.orderBy))
    const limit = Math.min(10_000, Math.max(1, Number(query['sysparm_limit'] ?? 10_000) || 10_000))
    const offset = Math.max(0, Number(query['sysparm_offset'] ?? 0) || 0)
    // sysparm_limit first, ACLs after: exactly the behaviour that makes short and empty pages legal.
    let window = matched.slice(offset, offset + limit)
    if (keyset && offset === 0 && faults.repeatRows) {
      // Rows the client was served (readable ones) from just before the keyset, taking window slots.
      const before = rows
        .filter((r) => beforeKeyset(r) && !data.hidden.has(r.sys_id!.value))
        .sort(compareOrder(q.orderBy))
      window = [...before.slice(-faults.repeatRows), ...window].slice(0, limit)
    }
    const visible = tableName === table ? window.filter((r) => !data.hidden.has(r.sys_id!.value)) : window
    const fields = query['sysparm_fields'] ? query['sysparm_fields'].split(',').map((f) => f.trim()) : null
    const result = visible.map((r) =>
      render(
        r,
        fields,
        query['sysparm_display_value'] ?? 'false',
        query['sysparm_exclude_reference_link'] === 'true',
        origin,
      ),
    )
    const total = matched.length
    log.total = total
    if (result.length === 0 && faults.noRecord404) {
      log.fault = 'no_record'
      log.returned = 0
      return reply(
        404,
        failure(
          'No Record found',
          'Records matching query not found. Check query parameter or offset parameter',
        ),
      )
    }
    const pageUrl = (o: number): string => {
      const u = new URL(url.toString())
      u.searchParams.set('sysparm_offset', String(o))
      u.searchParams.set('sysparm_limit', String(limit))
      return u.toString()
    }
    const links = [`<${pageUrl(0)}>;rel="first"`]
    if (offset > 0) links.push(`<${pageUrl(Math.max(0, offset - limit))}>;rel="prev"`)
    if (offset + limit < total) links.push(`<${pageUrl(offset + limit)}>;rel="next"`)
    links.push(`<${pageUrl(total === 0 ? 0 : Math.floor((total - 1) / limit) * limit)}>;rel="last"`)
    log.returned = result.length
    return reply(200, { result }, { 'x-total-count': String(total), link: links.join(',') })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    requests,
    records: data.incidents,
    hidden: data.hidden,
    user: data.integration,
    matching(text) {
      const q = parseEncodedQuery(text)
      const matched = data.incidents.filter((r) => matches(r, q, data.integration.sysId))
      return q.orderBy.length > 0 ? matched.sort(compareOrder(q.orderBy)) : matched
    },
    update(record, fields = {}, opts = {}) {
      for (const [name, value] of Object.entries(fields)) if (value) record[name] = value
      record['sys_mod_count'] = plain(String(Number(record['sys_mod_count']?.value ?? '0') + 1))
      if (opts.at !== undefined) {
        if (parseSnText(opts.at) === null) throw new Error(`"${opts.at}" is not 'YYYY-MM-DD HH:mm:ss'`)
        record['sys_updated_on'] = { value: opts.at, display_value: opts.at }
        return
      }
      clock += 1000
      record['sys_updated_on'] = dateField(clock)
    },
    setFaults(next) {
      faults = { ...next, aclHiddenShare: faults.aclHiddenShare }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy()
        hanging.clear()
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
