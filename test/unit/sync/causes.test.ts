// The Sync screen's cause of a failure follows from its reason code: every code has its cause, a
// message whose words say otherwise (a server's, a record's, a connection's name) does not change
// it, and the run's status 'offline' or 'cancelled' still comes first. An entry logged before reasons
// were kept has only its English message: the message rules sort it as they always did.
import { describe, expect, it } from 'vitest'
import { causeOf } from '../../../src/main/core/sync/causes'
import {
  SYNC_ERROR_REASON_CODES,
  type SyncErrorReasonCode,
  type SyncFailureReason,
} from '../../../src/shared/ipc/sync-error-reasons'
import type { SyncErrorCause } from '../../../src/shared/ipc/types-sync'

const URL = 'https://itsm.example/api/v1/srs'
const SN_URL = 'https://dev1.service-now.com/api/now/table/incident'
const SN_HTTP = 'http://dev1.service-now.com/api/now/table/incident'
/** Where the engine says it failed, appended to each message (and added to the params). */
const AT = ' (ITSM REST connection "prod", service requests)'
const SN_AT = ' (ServiceNow connection "sn", service requests)'
/** The workspace folder a store failure names. */
const WS = '/home/ops/.config/ops-console/workspace'
/** Where an entry stored before connections were named as the Sync screen names them says it failed. */
const OLD_AT = ' (itsm source "prod", srs)'
const WHERE = { source: 'prod', kind: 'itsm', entity: 'srs' }

type Case = {
  /** What sets this case apart from the code's other cases, if it has several. */
  label?: string
  status?: 'failed' | 'offline' | 'cancelled'
  params?: Record<string, string | number>
  /** The English message the code comes with, as the engine logs it. */
  message: string
  cause: SyncErrorCause
}

// One or more failures per code, each with the message it is thrown with and the cause, by hand.
const CASES = {
  cancelled: [{ status: 'cancelled', message: `Cancelled${AT}`, cause: 'cancelled' }],
  http_auth: [
    {
      params: { status: 401, url: URL, said: 'Missing or invalid bearer token' },
      message: `The server refused the credentials (401) at ${URL}: check the user, password or token — the server said: Missing or invalid bearer token${AT}`,
      cause: 'auth',
    },
  ],
  http_forbidden: [
    {
      params: { status: 403, url: URL },
      message: `The account may not read ${URL} (403)${AT}`,
      cause: 'forbidden',
    },
  ],
  http_not_found: [
    {
      params: { status: 404, url: URL },
      message: `${URL} does not exist on the server (404): check the URL or table name${AT}`,
      cause: 'not_found',
    },
  ],
  http_rate_limited: [
    {
      params: { status: 429, url: URL, attempts: 6 },
      message: `The server is rate limiting requests (429) at ${URL} — gave up after 6 attempts${AT}`,
      cause: 'rate_limited',
    },
  ],
  http_server: [
    {
      params: { status: 503, url: URL, attempts: 6 },
      message: `The server failed (503) at ${URL} — gave up after 6 attempts${AT}`,
      cause: 'server',
    },
  ],
  http_rejected: [
    {
      params: { status: 422, url: URL },
      message: `The server rejected the request (422) at ${URL}${AT}`,
      cause: 'other',
    },
  ],
  wait_too_long: [
    {
      label: 'after a 429',
      params: { status: 429, url: URL, until: '2026-03-18 16:00:00 (Asia/Seoul)' },
      message: `The server is rate limiting requests (429) at ${URL}; it asks to wait 120 minutes (Retry-After), until 2026-03-18 16:00:00 (Asia/Seoul), longer than a sync waits: sync again after that time${AT}`,
      cause: 'rate_limited',
    },
    {
      label: 'after a 503',
      params: { status: 503, url: URL, until: '2026-03-18 16:00:00 (Asia/Seoul)' },
      message: `The server failed (503) at ${URL}; it asks to wait 120 minutes (Retry-After), until 2026-03-18 16:00:00 (Asia/Seoul), longer than a sync waits: sync again after that time${AT}`,
      cause: 'server',
    },
  ],
  secret_unsendable: [
    {
      message: `The token or password cannot be sent: it holds a line break, another control character or a letter HTTP headers cannot carry. Enter it again (Settings → Connections, or the variable the command line reads)${AT}`,
      cause: 'auth',
    },
  ],
  header_unsendable: [
    {
      params: { header: 'x-tenant' },
      message: `The request header x-tenant holds a character HTTP headers cannot carry${AT}`,
      cause: 'other',
    },
  ],
  timeout: [
    {
      params: { url: URL, attempts: 6 },
      message: `No answer in time from ${URL} — gave up after 6 attempts${AT}`,
      cause: 'timeout',
    },
  ],
  unreachable: [
    {
      label: 'as the sync log keeps it',
      params: { url: URL, detail: 'connect ECONNREFUSED 127.0.0.1:9', attempts: 6 },
      message: `Offline: Cannot reach ${URL} (connect ECONNREFUSED 127.0.0.1:9) — gave up after 6 attempts${AT}`,
      cause: 'offline',
    },
  ],
  no_attempt: [
    {
      params: { url: URL },
      message: `Offline: No attempt was made to reach ${URL}${AT}`,
      cause: 'offline',
    },
  ],
  blocked_port: [
    {
      params: { url: 'http://127.0.0.1:6000/api/v1/tenants', port: 6000 },
      message: `Cannot connect to http://127.0.0.1:6000/api/v1/tenants: port 6000 is one that HTTP clients refuse to use (the Fetch standard's blocked ports). Serve the API on another port, or behind a reverse proxy on one${AT}`,
      cause: 'address',
    },
  ],
  certificate: [
    {
      params: { url: URL, detail: 'self-signed certificate' },
      message: `The server's TLS certificate was not accepted at ${URL} (self-signed certificate). If the server uses a certificate from your organisation's own authority, add that CA certificate (a PEM or .cer file) to the connection${AT}`,
      cause: 'certificate',
    },
  ],
  plain_http: [
    {
      params: { url: 'https://127.0.0.1:8080/api/v1/srs' },
      message: `The server at https://127.0.0.1:8080/api/v1/srs did not answer HTTPS: this port seems to speak plain HTTP. Check the URL (http:// instead of https://, or the HTTPS port)${AT}`,
      cause: 'address',
    },
  ],
  http_redirected: [
    {
      params: { url: SN_HTTP, to: SN_URL },
      message: `${SN_HTTP} redirected to ${SN_URL}, another address, where the credentials are not sent: set the connection's URL to the server's own address (https:// instead of http://?)${SN_AT}`,
      cause: 'address',
    },
  ],
  proxy_refused: [
    {
      label: 'with 403',
      params: { url: URL, detail: 'http://proxy.example:3128 answered 403 to the tunnel request' },
      message: `The proxy refused to connect to ${URL}: http://proxy.example:3128 answered 403 to the tunnel request${AT}`,
      cause: 'proxy',
    },
    {
      label: 'asking for a login (407)',
      params: {
        url: URL,
        detail:
          'http://proxy.example:3128 asks for a login (407); give the connection the proxy user and password',
      },
      message: `The proxy refused to connect to ${URL}: http://proxy.example:3128 asks for a login (407); give the connection the proxy user and password${AT}`,
      cause: 'proxy_auth',
    },
    {
      label: 'refusing the login given (407)',
      params: {
        url: URL,
        detail:
          'http://proxy.example:3128 did not accept the login of "ops-sync" (407); check the proxy user and password',
      },
      message: `The proxy refused to connect to ${URL}: http://proxy.example:3128 did not accept the login of "ops-sync" (407); check the proxy user and password${AT}`,
      cause: 'proxy_auth',
    },
  ],
  not_utf8: [
    {
      params: { url: URL },
      message: `The server sent a response that is not UTF-8 text at ${URL}: JSON must be UTF-8 (is the server writing EUC-KR or another legacy encoding?)${AT}`,
      cause: 'malformed',
    },
  ],
  html_page: [
    {
      params: { url: SN_URL, title: 'Instance Hibernating page' },
      message: `The server answered ${SN_URL} with a web page, not JSON ("Instance Hibernating page"): a sign-in page, a proxy's or gateway's error page, or a ServiceNow instance that is hibernating? Check the URL, and open it in a browser${SN_AT}`,
      cause: 'address',
    },
  ],
  not_json: [
    {
      params: { url: URL, bytes: 12 },
      message: `The server sent a response that is not valid JSON (12 bytes) at ${URL}${AT}`,
      cause: 'malformed',
    },
  ],
  body_cut: [
    {
      params: { url: URL, detail: 'other side closed' },
      message: `The server's answer from ${URL} broke off before its end (other side closed): it closed the connection while sending the page. Check the server's log, and any proxy between it and this PC${AT}`,
      cause: 'server',
    },
  ],
  itsm_not_protocol_page: [
    {
      params: { url: URL, detail: 'field "items": Required' },
      message: `ITSM source "prod": the srs page from ${URL} is not a protocol page (field "items": Required)${AT}`,
      cause: 'malformed',
    },
  ],
  itsm_row_rejected: [
    {
      params: { row: '"SR-9"', item: 3, field: 'priority', problem: 'Invalid option' },
      message: `ITSM source "prod": srs row "SR-9" (item 3 of the page) was rejected: field "priority": Invalid option; the page was not stored${AT}`,
      cause: 'malformed',
    },
  ],
  itsm_row_rejected_value: [
    {
      params: { row: '#2', item: 2, problem: 'Expected object' },
      message: `ITSM source "prod": srs row #2 (item 2 of the page) was rejected: Expected object, received string; the page was not stored${AT}`,
      cause: 'malformed',
    },
  ],
  itsm_cursor_stuck: [
    {
      params: { updatedAfter: '2026-03-01T00:00:00Z', afterId: 'SR-1' },
      message: `ITSM source "prod": the srs page's next cursor does not move forward (2026-03-01T00:00:00Z, SR-1)${AT}`,
      cause: 'malformed',
    },
  ],
  itsm_me_invalid: [
    {
      params: { url: 'https://itsm.example/api/v1/me', detail: 'field "name": Required' },
      message:
        'https://itsm.example/api/v1/me did not answer { name, role } (field "name": Required) (ITSM REST connection "prod")',
      cause: 'malformed',
    },
  ],
  itsm_cursor_unreadable: [
    { message: `The stored srs cursor is not an ITSM REST cursor: run a full sync${AT}`, cause: 'malformed' },
  ],
  unknown_entity: [{ params: { entity: 'widgets' }, message: `Unknown entity widgets${AT}`, cause: 'other' }],
  servicenow_not_a_list: [
    {
      params: { url: SN_URL, detail: 'Required' },
      message: `ServiceNow answered ${SN_URL} without a { result: [...] } list: Required${SN_AT}`,
      cause: 'malformed',
    },
  ],
  servicenow_keyset_ignored: [
    {
      params: { table: 'incident', updatedOn: '2026-03-01 00:00:00', sysId: 'abc123' },
      message: `ServiceNow returned only incident rows at or before the sync's position (2026-03-01 00:00:00, abc123): the instance ignored the keyset filter, so paging cannot make progress${SN_AT}`,
      cause: 'malformed',
    },
  ],
  servicenow_invalid_table: [
    {
      params: {
        table: 'incidnet',
        url: 'https://dev1.service-now.com/api/now/table/incidnet',
        said: 'Invalid table incidnet',
      },
      message: `ServiceNow does not know the table "incidnet" (400) at https://dev1.service-now.com/api/now/table/incidnet: check the table name in Settings → Connections (incident, or another task table) — the server said: Invalid table incidnet${SN_AT}`,
      cause: 'not_found',
    },
  ],
  servicenow_bad_rows: [
    {
      params: {
        table: 'incident',
        count: 1,
        detail: 'record abc123 (INC0010005), field priority: unknown priority "9"; known: 1..5',
      },
      message: `ServiceNow incident has 1 record(s) we cannot read: record abc123 (INC0010005), field priority: unknown priority "9"; known: 1..5${SN_AT}`,
      cause: 'malformed',
    },
  ],
  servicenow_unknown_state: [
    {
      params: {
        table: 'incident',
        count: 1,
        states: '4 (Awaiting User Info)',
        name: 'sn',
        example: '4=STATUS',
      },
      message: `ServiceNow incident has 1 record(s) we cannot read: record abc123 (INC0010005), field state: unknown state "4" (Awaiting User Info); mapped: 1, 2, 3, 6, 7, 8. Map state 4 (Awaiting User Info) to a status for this source: Settings → Connections → Edit → State codes, or npm run cli -- source state-map sn 4=STATUS (STATUS one of open, closed); then sync again${SN_AT}`,
      cause: 'unknown_state',
    },
  ],
  servicenow_unknown_priority: [
    {
      params: {
        table: 'incident',
        count: 1,
        codes: '0 (0 - Emergency)',
        name: 'sn',
        example: '0=PRIORITY',
      },
      message: `ServiceNow incident has 1 record(s) we cannot read: record abc123 (INC0010005), field priority: unknown priority "0" (0 - Emergency); mapped: 1, 2, 3, 4, 5. Map priority 0 (0 - Emergency) to a priority for this source: Settings → Connections → Edit → Priority codes, or npm run cli -- source priority-map sn 0=PRIORITY (PRIORITY one of P1, P2, P3, P4); then sync again${SN_AT}`,
      cause: 'unknown_priority',
    },
  ],
  servicenow_unknown_codes: [
    {
      params: {
        table: 'incident',
        count: 2,
        states: '4 (Awaiting User Info)',
        codes: '0 (0 - Emergency)',
        name: 'sn',
        stateExample: '4=STATUS',
        priorityExample: '0=PRIORITY',
      },
      message: `ServiceNow incident has 2 record(s) we cannot read: record abc123 (INC0010005), field state: unknown state "4" (Awaiting User Info); mapped: 1, 2, 3, 6, 7, 8; record def456 (INC0010006), field priority: unknown priority "0" (0 - Emergency); mapped: 1, 2, 3, 4, 5. Map state 4 (Awaiting User Info) to a status for this source: Settings → Connections → Edit → State codes, or npm run cli -- source state-map sn 4=STATUS (STATUS one of OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED); then sync again. Map priority 0 (0 - Emergency) to a priority for this source: Settings → Connections → Edit → Priority codes, or npm run cli -- source priority-map sn 0=PRIORITY (PRIORITY one of P1, P2, P3, P4); then sync again${SN_AT}`,
      cause: 'unknown_codes',
    },
  ],
  servicenow_out_of_order: [
    {
      params: { table: 'incident', record: 'abc123' },
      message: `ServiceNow returned incident rows out of (sys_updated_on, sys_id) order at record abc123: the instance ignored the ORDERBY or the keyset filter, so paging cannot be trusted${SN_AT}`,
      cause: 'malformed',
    },
  ],
  servicenow_srs_only: [
    {
      params: { entity: 'tenants' },
      message: 'ServiceNow sources provide SRs only, not tenants (ServiceNow connection "sn", tenants)',
      cause: 'other',
    },
  ],
  servicenow_cursor_unreadable: [
    {
      message: `The stored ServiceNow cursor is unreadable; run a full sync (--full)${SN_AT}`,
      cause: 'malformed',
    },
  ],
  interrupted: [{ message: 'interrupted (the process stopped during the sync)', cause: 'interrupted' }],
  interrupted_silent: [
    {
      params: { pid: '4242', minutes: 10 },
      message: 'interrupted (process 4242 gave no sign of life for over 10 minutes)',
      cause: 'interrupted',
    },
  ],
  sync_crashed: [
    {
      params: { detail: 'exit code 1' },
      message: 'The sync stopped unexpectedly (exit code 1)',
      cause: 'other',
    },
  ],
  sync_taken_over: [
    {
      message: `Another process closed this run as interrupted (it gave no sign of life for too long) and may have synced the source since: this run stopped without writing its last pages${AT}`,
      cause: 'interrupted',
    },
  ],
  collections_refused: [
    {
      params: { entities: 'people,deployments' },
      message:
        'The account may not read people, deployments (403): they were skipped in this sync, the other data was synced, and the next sync asks for them again (ITSM REST connection "prod")',
      cause: 'forbidden',
    },
  ],
  import_rejected: [
    {
      params: { count: 4 },
      message: '4 rows have errors; nothing was written',
      cause: 'other',
    },
  ],
  sync_store_full: [
    {
      params: { dir: WS },
      message: `The workspace's disk is full: free some space on the drive holding ${WS} and sync again. The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept.${AT}`,
      cause: 'store_full',
    },
  ],
  sync_store_io: [
    {
      params: { dir: WS },
      message: `The workspace's disk failed to write (disk I/O error: the drive or network share holding ${WS} went away or failed, or a file-size limit was reached): check that drive and sync again. The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept.${AT}`,
      cause: 'store_io',
    },
  ],
  sync_store_readonly: [
    {
      params: { dir: WS },
      message: `The workspace has become read-only (its folder's permissions changed, its drive is mounted read-only, or its database file was moved): make ${WS} and its ops-console.db files writable and sync again. The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept.${AT}`,
      cause: 'store_readonly',
    },
  ],
  sync_store_damaged: [
    {
      params: { dir: WS },
      message: `The workspace's database in ${WS} is damaged (database disk image is malformed): close the app and any command-line run, keep a copy of that folder, then restore it from a backup, or move its ops-console.db files away to start an empty workspace and sync again.${AT}`,
      cause: 'store_damaged',
    },
  ],
} satisfies Record<SyncErrorReasonCode, Case[]>

const reasonOf = (code: SyncErrorReasonCode, c: Case): SyncFailureReason => ({
  code,
  params: { ...c.params, ...WHERE },
})

const ROWS = (Object.entries(CASES) as [SyncErrorReasonCode, Case[]][]).flatMap(([code, cases]) =>
  cases.map((c) => ({ name: c.label ? `${code} ${c.label}` : code, code, c })),
)

describe('causeOf with a reason', () => {
  it('has a case for every reason code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SYNC_ERROR_REASON_CODES].sort())
  })

  it.each(ROWS)('$name: its code gives its cause, whatever the message says', ({ code, c }) => {
    const status = c.status ?? 'failed'
    expect(causeOf(status, c.message, reasonOf(code, c))).toBe(c.cause)
    // The code alone decides: no message, or one that says something else entirely.
    expect(causeOf(status, '', reasonOf(code, c))).toBe(c.cause)
    expect(causeOf(status, 'The server refused the credentials (401) at x', reasonOf(code, c))).toBe(c.cause)
  })

  it.each(ROWS)('$name: an entry without its reason gets the same cause from its message', ({ c }) => {
    // Entries logged before reasons were kept: the message rules give what the code gives.
    expect(causeOf(c.status ?? 'failed', c.message)).toBe(c.cause)
    expect(causeOf(c.status ?? 'failed', c.message, null)).toBe(c.cause)
  })

  it("a server's own words do not decide, with or without the mark that sets them apart", () => {
    const reason: SyncFailureReason = {
      code: 'http_server',
      params: { status: 500, url: URL, said: 'session expired (401)' },
    }
    expect(
      causeOf('failed', `The server failed (500) at ${URL} — the server said: session expired (401)`, reason),
    ).toBe('server')
    // Without the mark (a wording changed, a text passed on), the reason still decides.
    expect(causeOf('failed', `The server failed (500) at ${URL}: session expired (401)`, reason)).toBe(
      'server',
    )
  })

  it("a record's state label or a connection's name in our own wording does not decide", () => {
    // An admin's label "On hold (403)" is the server's data, quoted in the message.
    const message =
      'ServiceNow incident has 1 record(s) we cannot read: record abc123 (INC0010005), field state: ' +
      'unknown state "9" (On hold (403)); mapped: 1, 2, 3, 6, 7, 8. Map state 9 (On hold (403)) to a ' +
      `status for this source: Settings → Connections → Edit → State codes${SN_AT}`
    expect(
      causeOf('failed', message, { code: 'servicenow_unknown_state', params: { table: 'incident' } }),
    ).toBe('unknown_state')
    // A connection named "cursor-lab": a 400 is no bad data.
    const rejected = `The server rejected the request (400) at ${URL} (ITSM REST connection "cursor-lab", service requests)`
    expect(causeOf('failed', rejected, { code: 'http_rejected', params: { status: 400, url: URL } })).toBe(
      'other',
    )
    const busy = 'itsm:cursor-lab is being synced by another process (pid 4242); try again when it ends'
    expect(
      causeOf('failed', busy, {
        code: 'source_syncing_elsewhere',
        params: { name: 'cursor-lab', pid: '4242' },
      }),
    ).toBe('other')
  })

  it("the run's status offline or cancelled comes first", () => {
    expect(
      causeOf('offline', `Offline: No attempt was made to reach ${URL}${AT}`, { code: 'no_attempt' }),
    ).toBe('offline')
    expect(causeOf('offline', 'anything', { code: 'http_auth', params: { status: 401 } })).toBe('offline')
    expect(causeOf('cancelled', `Cancelled${AT}`, { code: 'cancelled' })).toBe('cancelled')
    expect(causeOf('cancelled', 'anything', { code: 'http_server', params: { status: 500 } })).toBe(
      'cancelled',
    )
  })

  it('a proxy refusal without its detail, or with params that are no object, is the proxy', () => {
    expect(causeOf('failed', '', { code: 'proxy_refused' })).toBe('proxy')
    expect(causeOf('failed', '', { code: 'proxy_refused', params: { detail: 407 } })).toBe('proxy')
    const stored = JSON.parse('{"code":"proxy_refused","params":"(407)"}') as SyncFailureReason
    expect(causeOf('failed', '', stored)).toBe('proxy')
    expect(causeOf('failed', '', { code: 'wait_too_long' })).toBe('rate_limited')
  })
})

describe('causeOf with a core reason (before any request)', () => {
  it('a missing secret is secret_missing, named by its code', () => {
    expect(
      causeOf('failed', 'No token for source "prod": add it in Settings → Connections', {
        code: 'secret_missing',
        params: { name: 'prod', secret: 'token' },
      }),
    ).toBe('secret_missing')
    expect(
      causeOf('failed', 'No proxy password for source "prod": set OPS_PROXY_PW', {
        code: 'secret_missing_env',
        params: { name: 'prod', secret: 'proxyPassword', env: 'OPS_PROXY_PW' },
      }),
    ).toBe('secret_missing')
    expect(
      causeOf('failed', '', { code: 'secret_missing', params: { name: 'prod', secret: 'password' } }),
    ).toBe('secret_missing')
  })

  it("a file import's store failure (a core reason in the sync log) has the store's cause", () => {
    expect(causeOf('failed', '', { code: 'store_full', params: { dir: WS } })).toBe('store_full')
    expect(causeOf('failed', '', { code: 'store_io' })).toBe('store_io')
    expect(causeOf('failed', '', { code: 'store_readonly' })).toBe('store_readonly')
    expect(causeOf('failed', '', { code: 'store_damaged' })).toBe('store_damaged')
  })

  it('a core code that names no cause leaves it to the message', () => {
    expect(causeOf('failed', `database is locked${AT}`, { code: 'store_busy' })).toBe('other')
    expect(causeOf('failed', `Offline: Cannot reach ${URL} (x)`, { code: 'store_busy' })).toBe('offline')
  })
})

describe('causeOf without a reason (entries from before reasons were kept)', () => {
  it.each<[string, string, SyncErrorCause]>([
    // A page the workspace refused, in SQLite's own words (before they were said as what to do).
    ['failed', `database or disk is full${AT}`, 'store_full'],
    ['failed', `disk I/O error${AT}`, 'store_io'],
    ['failed', `attempt to write a readonly database${AT}`, 'store_readonly'],
    ['failed', `database disk image is malformed${AT}`, 'store_damaged'],
    [
      'failed',
      `The server refused the credentials (401) at ${URL}: check the user, password or token${OLD_AT}`,
      'auth',
    ],
    ['failed', `Offline: Cannot reach ${URL} (getaddrinfo ENOTFOUND itsm.example)${OLD_AT}`, 'offline'],
    ['offline', `Cannot reach ${URL} (getaddrinfo ENOTFOUND itsm.example)`, 'offline'],
    ['failed', 'No token for source "prod": add it in Settings → Connections', 'secret_missing'],
    // A secret the keychain cannot decrypt has no reason (a plain error): its message decides.
    [
      'failed',
      'The secret "ws:1:source:2:token" could not be decrypted (the OS key may have changed); enter it again',
      'secret_missing',
    ],
    [
      'failed',
      `The server failed (502) at ${URL} — the server said: Cannot reach the database${OLD_AT}`,
      'server',
    ],
    [
      'failed',
      `The server sent a response that is not valid JSON (12 bytes) at ${URL}${OLD_AT}`,
      'malformed',
    ],
    ['failed', 'interrupted (the process stopped during the sync)', 'interrupted'],
    ['failed', `Cancelled${OLD_AT}`, 'cancelled'],
    ['failed', 'The sync stopped unexpectedly (exit code 1)', 'other'],
  ])('%s: %s → %s', (status, message, cause) => {
    expect(causeOf(status, message)).toBe(cause)
    expect(causeOf(status, message, null)).toBe(cause)
  })

  it('a stored reason this app does not know (a newer version wrote it) leaves it to the message', () => {
    const unknown = JSON.parse('{"code":"some_future_code","params":{}}') as SyncFailureReason
    expect(causeOf('failed', `The account may not read ${URL} (403)${AT}`, unknown)).toBe('forbidden')
    const prototypeName = JSON.parse('{"code":"constructor"}') as SyncFailureReason
    expect(causeOf('failed', `No answer in time from ${URL}${AT}`, prototypeName)).toBe('timeout')
  })
})
