// Sorts a sync failure into a cause the Sync screen can explain ("what to do"). A failure carries a
// reason code (sync-error-reasons.ts, or a core call's reason such as a missing secret): the code is
// the contract, so the cause follows from it. Entries logged before reasons were kept have only the
// English message; for them (and for a core code that says nothing specific) the status code or
// phrase in our own wording decides, as it did before codes existed.
import type { ApiErrorReasonCode } from '../../../shared/ipc/error-reasons'
import type { SyncErrorReasonCode, SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { SyncErrorCause } from '../../../shared/ipc/types-sync'
import { SERVER_SAID } from '../sources/http'

/** A reason's params as stored: read defensively, a log entry's JSON may be anything. */
type Params = Readonly<Record<string, unknown>> | undefined

/** The cause of a code, or how its params decide it. */
type CauseRule = SyncErrorCause | ((params: Params) => SyncErrorCause)

const textParam = (params: Params, key: string): string => {
  const value = params?.[key]
  return typeof value === 'string' ? value : ''
}

/**
 * The cause of each sync reason code. Every code is listed (the typecheck fails for a new one left
 * out). Codes that were 'other' or 'malformed' by their message keep that cause here.
 */
const SYNC_CAUSES = {
  cancelled: 'cancelled',
  http_auth: 'auth',
  http_forbidden: 'forbidden',
  http_not_found: 'not_found',
  http_rate_limited: 'rate_limited',
  http_server: 'server',
  http_rejected: 'other',
  // The long wait a 429 or a 5xx asked for: the status it came with is the cause.
  wait_too_long: (params) => (Number(params?.['status']) >= 500 ? 'server' : 'rate_limited'),
  secret_unsendable: 'auth',
  header_unsendable: 'other',
  timeout: 'timeout',
  unreachable: 'offline',
  // A network failure: the run ends 'offline' ("Offline: No attempt was made …").
  no_attempt: 'offline',
  // The URL leads somewhere that is not the API: a port fetch refuses, plain HTTP, a web page.
  blocked_port: 'address',
  certificate: 'certificate',
  plain_http: 'address',
  http_redirected: 'address',
  // `detail` is transport.ts's wording of the proxy's answer, which names its status: 407 is a login.
  proxy_refused: (params) => (textParam(params, 'detail').includes('(407)') ? 'proxy_auth' : 'proxy'),
  not_utf8: 'malformed',
  not_json: 'malformed',
  html_page: 'address',
  // The server answered and then stopped sending: the server (or a proxy before it), not the network.
  body_cut: 'server',
  itsm_not_protocol_page: 'malformed',
  itsm_row_rejected: 'malformed',
  itsm_row_rejected_value: 'malformed',
  itsm_cursor_stuck: 'malformed',
  itsm_me_invalid: 'malformed',
  itsm_cursor_unreadable: 'malformed',
  unknown_entity: 'other',
  // A misspelt table: the connection's table name, as for a 404.
  servicenow_invalid_table: 'not_found',
  servicenow_not_a_list: 'malformed',
  servicenow_keyset_ignored: 'malformed',
  servicenow_bad_rows: 'malformed',
  servicenow_unknown_state: 'unknown_state',
  servicenow_unknown_priority: 'unknown_priority',
  servicenow_unknown_codes: 'unknown_codes',
  servicenow_out_of_order: 'malformed',
  servicenow_srs_only: 'other',
  servicenow_cursor_unreadable: 'malformed',
  interrupted: 'interrupted',
  interrupted_silent: 'interrupted',
  sync_crashed: 'other',
  sync_taken_over: 'interrupted',
  // Some collections answered 403 and were skipped: the account's rights, as for one 403.
  collections_refused: 'forbidden',
  // This computer's workspace refused the write, not the source: the disk, its permissions, its file.
  sync_store_full: 'store_full',
  sync_store_io: 'store_io',
  sync_store_readonly: 'store_readonly',
  sync_store_damaged: 'store_damaged',
  // The entry's message says it all (the Sync screen shows no cause for an import).
  import_rejected: 'other',
} satisfies Record<SyncErrorReasonCode, CauseRule>

/**
 * The core reasons a sync or connection test fails with before any request (connectorFor, the sync
 * lock), and a store failure said as a core call's (a file import's log entry). Other core codes say
 * nothing specific here: their message decides.
 */
const CORE_CAUSES: Partial<Record<ApiErrorReasonCode, SyncErrorCause>> = {
  secret_missing: 'secret_missing',
  secret_missing_env: 'secret_missing',
  secret_unreadable: 'secret_missing',
  secret_file_damaged: 'secret_missing',
  source_syncing_elsewhere: 'other',
  store_full: 'store_full',
  store_io: 'store_io',
  store_readonly: 'store_readonly',
  store_damaged: 'store_damaged',
}

/** The cause its code gives `reason`, or null for a code that gives none (or that this app does not know). */
function causeOfReason(reason: SyncFailureReason): SyncErrorCause | null {
  const { code } = reason
  const params = typeof reason.params === 'object' && reason.params !== null ? reason.params : undefined
  if (Object.hasOwn(SYNC_CAUSES, code)) {
    const rule: CauseRule = SYNC_CAUSES[code as SyncErrorReasonCode]
    return typeof rule === 'function' ? rule(params) : rule
  }
  if (Object.hasOwn(CORE_CAUSES, code)) return CORE_CAUSES[code as ApiErrorReasonCode] ?? null
  return null
}

/**
 * The cause of a failed, offline or cancelled run from its status and reason; from its message when
 * it has no reason (an entry logged before reasons were kept) or one whose code gives no cause.
 */
export function causeOf(
  status: string,
  fullMessage: string,
  reason?: SyncFailureReason | null,
): SyncErrorCause {
  if (status === 'offline') return 'offline'
  if (status === 'cancelled') return 'cancelled'
  const byCode = reason ? causeOfReason(reason) : null
  return byCode ?? causeOfMessage(fullMessage)
}

/**
 * The cause by the message's wording: the status code or phrase in it. The messages come from
 * sources/http.ts and the connectors, whose wording tests pin.
 */
function causeOfMessage(fullMessage: string): SyncErrorCause {
  // What a server said about its error is its own wording, not ours: it does not decide the cause.
  const message = fullMessage.split(SERVER_SAID)[0] ?? ''
  if (message.startsWith('Cancelled')) return 'cancelled'
  // The workspace refused the write: the engine's wording (errors.ts storeFailureMessage), or SQLite's
  // own, which entries logged before it was worded hold.
  if (/^The workspace's disk is full|database or disk is full/.test(message)) return 'store_full'
  if (/^The workspace has become read-only|attempt to write a readonly database/.test(message))
    return 'store_readonly'
  if (/database disk image is malformed|file is not a database/.test(message)) return 'store_damaged'
  if (/disk I\/O error/.test(message)) return 'store_io'
  if (message.includes('The proxy refused')) return message.includes('(407)') ? 'proxy_auth' : 'proxy'
  if (message.startsWith('Offline:') || message.includes('Cannot reach')) return 'offline'
  if (/^No (token|password|proxy password) /.test(message)) return 'secret_missing'
  // A stored secret the keychain can no longer decrypt (shell/safe-storage-secrets.ts): enter it again.
  if (message.includes('could not be decrypted')) return 'secret_missing'
  // …or one that was in a secrets file found damaged (kept aside): enter it again too.
  if (message.includes('was in a damaged secrets file')) return 'secret_missing'
  if (message.includes('TLS certificate was not accepted')) return 'certificate'
  if (message.startsWith('The token or password cannot be sent')) return 'auth'
  if (message.includes('(401)')) return 'auth'
  if (message.includes('(403)')) return 'forbidden'
  if (message.includes('(404)') || message.startsWith('ServiceNow does not know the table'))
    return 'not_found'
  if (message.includes('(429)')) return 'rate_limited'
  if (/failed \(5\d\d\)|waiting for the request \(408\)|broke off before its end/.test(message))
    return 'server'
  if (message.includes('No answer in time')) return 'timeout'
  if (
    /with a web page, not JSON|did not answer HTTPS: this port seems to speak plain HTTP|is one that HTTP clients refuse to use|redirected to \S+, another address/.test(
      message,
    )
  )
    return 'address'
  // ServiceNow records in a state no map knows: the connection's state codes fix it, not the server.
  const states = /\. Map state .+ to a status for this source/.test(message)
  const priorities = /\. Map priority .+ to a priority for this source/.test(message)
  if (states && priorities) return 'unknown_codes'
  if (states) return 'unknown_state'
  if (priorities) return 'unknown_priority'
  if (message.startsWith('interrupted') || message.includes('closed this run as interrupted'))
    return 'interrupted'
  if (
    /not a protocol page|was rejected|not valid JSON|not UTF-8 text|without a \{ result|did not answer \{ name, role \}|ignored the (keyset filter|ORDERBY)|malformed|truncated|does not move forward|cursor|record\(s\) we cannot read/i.test(
      message,
    )
  )
    return 'malformed'
  return 'other'
}
