// Why a sync or a connection test failed, as a code the UI words in its own language (the same
// pattern as error-reasons.ts for core calls). The English message stays as it is: the CLI prints
// it, its JSON output carries it, and a renderer that does not know a code shows it.
//
// Params are the variable parts, never a secret (the same redaction as the message applies to them):
// `url` the address without query string or credentials; `status` the HTTP status; `detail` a
// lower-level English text (the OS's, the TLS library's, a check's) shown as it is, unless
// `detailCode` names it (one of NETWORK_DETAIL_CODES, then worded in the UI's language; with
// `hostname` for a name DNS does not know, `host` and `altnames` for a certificate issued for other
// names). Some params may come with any code and add a sentence of their own:
// - `said`: what the server said about its error, in its own words;
// - `attempts`: how many tries were made before giving up;
// - `source`, `kind`, `entity`: the connection's name, its kind (itsm, servicenow) and the data
//   being read when it failed (added by the sync engine; a connection test has none);
// - `refused`: the collections (entity keys separated by commas) the run skipped before it failed,
//   because the account may not read them (403; added by the sync engine, see collections_refused).

import type { ApiErrorReason } from './error-reasons'

export const SYNC_ERROR_REASON_CODES = [
  // ── the request ──
  /** The sync was cancelled (by the operator or as the app closed). */
  'cancelled',
  /** 401: the credentials were refused; `url`. */
  'http_auth',
  /** 403: the account may not read `url`. */
  'http_forbidden',
  /** 404: `url` does not exist (a wrong URL or table name). */
  'http_not_found',
  /** 429: the server limits requests at `url`. */
  'http_rate_limited',
  /** 5xx: the server failed at `url` with `status`. */
  'http_server',
  /** Another 4xx `status` at `url`. */
  'http_rejected',
  /** A wait the server asked for (Retry-After, at `url` with `status`) ends after a sync waits: `until` (a local time with its zone, or UTC). */
  'wait_too_long',
  /** The stored token or password holds a character HTTP cannot send. */
  'secret_unsendable',
  /** The request header `header` holds a character HTTP cannot send. */
  'header_unsendable',
  /** No answer from `url` within the request's time limit. */
  'timeout',
  /** `url` cannot be reached: `detail` the network's reason (connection refused, no such host …). */
  'unreachable',
  /** The request was never made (no attempts allowed); `url`. */
  'no_attempt',
  /** `url` names `port`, one fetch refuses to connect to (the Fetch standard's blocked ports). */
  'blocked_port',
  /** The server's TLS certificate at `url` was not accepted; `detail` the TLS library's reason. */
  'certificate',
  /** https:// to a port at `url` that answers in plain HTTP. */
  'plain_http',
  /** `url` redirected to `to`, another origin, where fetch does not send the credentials. */
  'http_redirected',
  /** The proxy refused the tunnel to `url`; `detail` its answer (e.g. 407 when it wants a login). */
  'proxy_refused',
  /** The answer from `url` is not UTF-8 text. */
  'not_utf8',
  /** The answer from `url` is not valid JSON; `bytes` its length. */
  'not_json',
  /** `url` answered with an HTML page (`title`, when it has one) where JSON belongs. */
  'html_page',
  /** The answer from `url` broke off before its end (the connection closed while sending); `detail`. */
  'body_cut',

  // ── ITSM REST (`source`: the connection's name) ──
  /** The `entity` page from `url` is not a protocol page; `detail` what does not fit. */
  'itsm_not_protocol_page',
  /** Row `row` (`item` of the page) of `entity` was rejected at `field`: `problem`; the page was not stored. */
  'itsm_row_rejected',
  /** As itsm_row_rejected, for a row that is no object at all (no field to name). */
  'itsm_row_rejected_value',
  /** The `entity` page's next cursor (`updatedAfter`, `afterId`) does not move forward. */
  'itsm_cursor_stuck',
  /** /me at `url` did not answer { name, role }; `detail`. */
  'itsm_me_invalid',
  /** The stored `entity` cursor is not an ITSM REST cursor. */
  'itsm_cursor_unreadable',
  /** An entity the app does not know: `entity`. */
  'unknown_entity',

  // ── ServiceNow ──
  /** The instance answered 400 "Invalid table": it does not know `table` (a misspelt name?); `url`. */
  'servicenow_invalid_table',
  /** `url` answered without a { result: [...] } list; `detail`. */
  'servicenow_not_a_list',
  /** `table` returned only rows at or before the sync's position (`updatedOn`, `sysId`). */
  'servicenow_keyset_ignored',
  /** `count` records of `table` cannot be read; `detail`: each one's record, field and problem (English). */
  'servicenow_bad_rows',
  /**
   * As servicenow_bad_rows, with state codes no map knows: `states` (code and label), and how to map
   * them: the connection `name` and `example` (the CLI's CODE=STATUS list), `statuses` the statuses.
   */
  'servicenow_unknown_state',
  /**
   * As servicenow_unknown_state, for priority codes no map knows (and no unknown state): `codes`
   * (code and label), and how to map them: the connection `name` and `example` (the CLI's
   * CODE=PRIORITY list), `priorities` the priorities.
   */
  'servicenow_unknown_priority',
  /**
   * Both at once: state codes no map knows, `states`, and priority codes no map knows, `codes`, on the
   * same page; how to map them: the connection `name`, `stateExample` (CODE=STATUS list) with
   * `statuses`, and `priorityExample` (CODE=PRIORITY list) with `priorities`.
   */
  'servicenow_unknown_codes',
  /** `table` rows came out of order at record `record`. */
  'servicenow_out_of_order',
  /** A ServiceNow connection was asked for `entity` (it provides SRs only). */
  'servicenow_srs_only',
  /** The stored ServiceNow cursor is unreadable. */
  'servicenow_cursor_unreadable',

  // ── the run itself ──
  /** The process syncing stopped during the sync (a crash, the app or the computer shut down). */
  'interrupted',
  /** Process `pid` is alive but its run gave no sign of life for over `minutes` minutes (its pid reused). */
  'interrupted_silent',
  /** The app's sync worker stopped before it answered; `detail` its error, or `exitCode` its exit code. */
  'sync_crashed',
  /** This run was stopped too long, closed as interrupted by another process, and stopped writing. */
  'sync_taken_over',
  /**
   * The account may not read `entities` (entity keys separated by commas, e.g. `people,deployments`;
   * each answered 403): they were skipped, the rest of the run was synced, the next run asks again.
   */
  'collections_refused',
  /**
   * The workspace refused to store the pages (errors.ts storeFailureKind): its disk is full, failed to
   * write (or a file-size limit), it became read-only, or its file is damaged; `dir` the workspace
   * folder. The batch being written was rolled back with its cursor: the next sync resumes there.
   */
  'sync_store_full',
  'sync_store_io',
  'sync_store_readonly',
  'sync_store_damaged',

  // ── file imports (the sync log keeps them beside the syncs) ──
  /** A file import wrote nothing: `count` of its rows have errors (without "import the valid rows only"). */
  'import_rejected',
] as const

export type SyncErrorReasonCode = (typeof SYNC_ERROR_REASON_CODES)[number]

/**
 * The OS's and the TLS library's error codes a network or certificate failure's `detail` is worded
 * from (its `detailCode`); any other code leaves the English `detail` as it is.
 */
export const NETWORK_DETAIL_CODES = [
  // ── the network ──
  /** Nothing listens at the address and port (or a firewall rejects the connection). */
  'ECONNREFUSED',
  /** DNS does not know `hostname`. */
  'ENOTFOUND',
  /** DNS did not answer (a temporary failure). */
  'EAI_AGAIN',
  /** The connection was reset by the other end or on the way. */
  'ECONNRESET',
  /** The server closed the connection before its answer was complete. */
  'UND_ERR_SOCKET',
  /** Connecting took too long (a firewall that drops packets, a host that is down). */
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  /** The server accepted the request but sent no headers, or stopped sending its body, in time. */
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  /** No route to the host. */
  'EHOSTUNREACH',
  /** No route to its network (this computer is off the network, or a VPN is down). */
  'ENETUNREACH',
  /** The connection broke while the request was being sent. */
  'EPIPE',
  // ── the certificate ──
  /** The server's certificate is self-signed. */
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  /** The chain ends in a self-signed authority this computer does not trust. */
  'SELF_SIGNED_CERT_IN_CHAIN',
  /** The authority that issued the certificate is unknown (an internal CA; a missing intermediate). */
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  /** The certificate, or one in its chain, has expired. */
  'CERT_HAS_EXPIRED',
  /** The certificate is not valid yet (often this computer's clock). */
  'CERT_NOT_YET_VALID',
  /** The certificate is for other names than `host`: `altnames`. */
  'ERR_TLS_CERT_ALTNAME_INVALID',
  /** The certificate was revoked by its authority. */
  'CERT_REVOKED',
  /** The certificate's signature does not verify. */
  'CERT_SIGNATURE_FAILURE',
] as const

export type NetworkDetailCode = (typeof NETWORK_DETAIL_CODES)[number]

/**
 * What is wrong with the field of an ITSM REST row that was rejected (itsm_row_rejected carries it as
 * `issue`, with `expected`, `received`, `values`, `limit` as the issue has them; `problem` is the
 * English wording, shown for an issue without a code here).
 */
export const ITSM_FIELD_PROBLEM_CODES = [
  /** The field is absent. */
  'missing',
  /** A value of type `received` where `expected` (string, number, int, boolean, object, array) belongs. */
  'wrong_type',
  /** Not one of `values` (quoted, separated by commas). */
  'not_one_of',
  /** Text longer than `limit` characters. */
  'too_long',
  /** A number above `limit`. */
  'too_big',
  /** A number below `limit`. */
  'too_small',
  /** Text shorter than `limit` characters (an empty id or name). */
  'too_short',
  /** Not an instant with its offset (2025-03-04T09:30:00.000+09:00). */
  'not_instant',
  /** Not a month written YYYY-MM (feature usage's month). */
  'not_month',
] as const

export type ItsmFieldProblemCode = (typeof ITSM_FIELD_PROBLEM_CODES)[number]

/**
 * What is wrong with one ServiceNow record of a page that cannot be read (servicenow_bad_rows,
 * servicenow_unknown_state, servicenow_unknown_priority and servicenow_unknown_codes carry the first
 * five as `records`: JSON of ServiceNowRecordProblem[]).
 */
export const SERVICENOW_ROW_PROBLEM_CODES = [
  'no_sys_id',
  /** The field is absent (not readable by the integration user?). */
  'field_missing',
  /** Not a { value, display_value } pair (sysparm_display_value=all). */
  'field_not_pair',
  'field_empty',
  /** `value` is not a UTC date-time 'YYYY-MM-DD HH:mm:ss'. */
  'not_date_time',
  /** `value` is not a whole number. */
  'not_whole_number',
  /** State `value` (`label`) no map knows; `mapped`: the codes that are mapped. */
  'unknown_state',
  /** Priority `value` (`label`) no map knows; `mapped`: the codes that are mapped (none before maps: 1..5). */
  'unknown_priority',
] as const

export type ServiceNowRowProblemCode = (typeof SERVICENOW_ROW_PROBLEM_CODES)[number]

/** One record's problem: the record (sys_id, number), the field and what is wrong with it. */
export type ServiceNowRecordProblem = {
  sysId: string
  number: string | null
  field: string
  code: ServiceNowRowProblemCode
  params?: Record<string, string>
}

export type SyncErrorReason = { code: SyncErrorReasonCode; params?: Record<string, string | number> }

/**
 * What a failed run or connection test carries: a sync reason, or a core call's reason for what
 * failed before any request (no token stored for the connection, a keychain that cannot read it).
 */
export type SyncFailureReason = SyncErrorReason | ApiErrorReason
