// Response and event types of sources, sync and file import (SPEC §10). No secret ever appears in
// these shapes: a source says which secrets are stored, never their values.
import type { ApiErrorReason } from './error-reasons'
import type { SyncErrorReason, SyncFailureReason } from './sync-error-reasons'
import type { Priority, SrStatus } from '../domain'
import type { ItsmOptionalCollection } from '../itsm-skip'

export type SourceKind = 'itsm' | 'servicenow'

/** Why the last run of a source failed, sorted so the UI can say what to do. */
export type SyncErrorCause =
  | 'offline'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'malformed'
  /** ServiceNow records in a state code no map knows: map it in the connection. */
  | 'unknown_state'
  /** ServiceNow records with a priority code no map knows: map it in the connection. */
  | 'unknown_priority'
  /** Both on one page: unknown state codes and unknown priority codes, to map in the connection. */
  | 'unknown_codes'
  | 'secret_missing'
  | 'certificate'
  | 'proxy'
  | 'proxy_auth'
  /** The URL leads to something that is not the API (a blocked port, plain HTTP, a web page). */
  | 'address'
  | 'cancelled'
  | 'interrupted'
  /** The workspace on this computer refused the write: its disk is full, failing, read-only or damaged. */
  | 'store_full'
  | 'store_io'
  | 'store_readonly'
  | 'store_damaged'
  | 'other'

/** Progress of one entity's cursor: how far the stored cursor is, for the Sync screen. */
export type CursorView = { entity: string; updatedAt: number; position: string | null }

export type SourceView = {
  name: string
  kind: SourceKind
  url: string
  /** ServiceNow only: the table synced (default incident). */
  table: string | null
  /** ServiceNow only: the instance's own state codes → statuses, before the built-in ones; null: none. */
  stateMap: Record<string, SrStatus> | null
  /** ServiceNow only: the instance's own priority codes → priorities, before the built-in 1..5; null: none. */
  priorityMap: Record<string, Priority> | null
  /** ServiceNow only: the seconds each sync re-reads before its stored position (60 by default). */
  resumeMarginSeconds: number | null
  /**
   * ITSM REST only: the collections the connection is set not to read, in the order a sync reads
   * them (empty: it reads every one); null for ServiceNow.
   */
  skip: ItsmOptionalCollection[] | null
  /** ServiceNow basic auth user (not secret); null for bearer tokens. */
  user: string | null
  /**
   * How the secret is provided: 'stored' in the OS keychain, 'env' (the CLI's variable), 'missing',
   * or 'unreadable' (stored, but the keychain cannot decrypt it now: enter it again).
   */
  secret: 'stored' | 'env' | 'missing' | 'unreadable'
  /**
   * When the secret (or the proxy password) is 'unreadable' because the secrets file was found
   * damaged: the file name the damaged copy is kept under in the app's data folder; null otherwise.
   */
  secretDamagedFile: string | null
  /** The environment variable the CLI reads, when the source was added by the CLI. */
  secretEnv: string | null
  createdAt: number
  /** Last successful sync of this source (epoch ms), null before any. */
  lastSuccessAt: number | null
  /**
   * The last run's failure, null when it succeeded (or never ran). `reason` says it as a code the UI
   * words in its language (null: a failure nothing sorts, or one recorded before reasons were kept).
   */
  lastError: { at: number; cause: SyncErrorCause; message: string; reason: SyncFailureReason | null } | null
  /** Rows written by the last successful run. */
  lastRows: number | null
  cursors: CursorView[]
  /** The connection's own trusted CA certificates (empty: only the system's authorities). */
  caCertificates: CaCertificateView[]
  /** The HTTP proxy the connection goes through, null when it connects directly. */
  proxy: string | null
  /** The proxy's login user, null when the proxy asks for none. */
  proxyUser: string | null
  /** How the proxy password is provided (as `secret`); null without a proxy login. */
  proxySecret: 'stored' | 'env' | 'missing' | 'unreadable' | null
}

/** One CA certificate a connection trusts (public data: no secret). */
export type CaCertificateView = {
  subject: string
  issuer: string
  /** Epoch ms. */
  validFrom: number
  validTo: number
  /** SHA-256, colon-separated hex. */
  fingerprint: string
  /** Marked as an authority; a self-signed server certificate trusted directly is not. */
  isAuthority: boolean
}

export type SourceTestResult = {
  ok: boolean
  /**
   * The account the source reports (`/me`), when reachable. `name` null: the source cannot say it
   * (a ServiceNow bearer token whose account may not read sys_user); the UI words that.
   */
  account: { name: string | null; role: string | null } | null
  /** Why it failed: `message` in English, `reason` as a code the UI words (null when nothing sorts it). */
  error: { cause: SyncErrorCause; message: string; reason: SyncFailureReason | null } | null
}

export type SyncRunState = 'idle' | 'running' | 'offline'

export type SyncProgressEvent = {
  source: string
  entity: string
  rows: number
  pages: number
  /** Rows per second over the current entity. */
  rate: number
  etaMs: number | null
  total: number | null
  /** Index of the entity in this source's run (0-based) and how many it syncs; 0 of 0 before the first. */
  entityIndex: number
  entityCount: number
  /** Index of the source in this run (0-based) and how many the run has. */
  sourceIndex: number
  sourceCount: number
  /**
   * Set while a failed request waits to be tried again: attempt `attempt` of `maxAttempts` failed
   * with `reason` (English), and the next one starts at `at + delayMs` (epoch ms, real clock).
   */
  retry?: {
    attempt: number
    maxAttempts: number
    delayMs: number
    /** The failed request's error in English. */
    reason: string
    /** The same as a code and params, worded in the UI's language (absent: show `reason`). */
    why?: SyncErrorReason
    /**
     * The page timed out and the next attempt asks for fewer rows: `to` instead of `from` (an ITSM
     * REST page; absent when the same request is asked again).
     */
    pageRows?: { from: number; to: number }
    at: number
  }
}

export type SyncSourceOutcome = {
  /** The source name (not the store key). */
  source: string
  status: 'ok' | 'failed' | 'cancelled' | 'offline'
  rows: number
  pages: number
  error: { cause: SyncErrorCause; message: string; reason: SyncFailureReason | null } | null
  startedAt: number
  finishedAt: number
}

export type SyncRunResult = {
  trigger: 'manual' | 'schedule'
  full: boolean
  startedAt: number
  finishedAt: number
  outcomes: SyncSourceOutcome[]
}

export type SyncStatusView = {
  state: SyncRunState
  /** Progress of the running source, null when idle. */
  progress: SyncProgressEvent | null
  lastRun: SyncRunResult | null
  /** When the background scheduler runs next (epoch ms), null when stopped. */
  nextRunAt: number | null
  /** Since when the sources have been unreachable, null when online. */
  offlineSince: number | null
  intervalMinutes: number
  /** The data watermark (last successful sync or import), epoch ms. */
  watermark: number | null
}

/**
 * Why a run did not start: busy (a run is going), no-sources, unknown-source (the one source asked
 * for is no longer configured), or importing (a file import is writing to the workspace; its one
 * transaction would keep the sync's writes waiting).
 */
export type SyncRunAnswer = {
  started: boolean
  reason: 'busy' | 'no-sources' | 'unknown-source' | 'importing' | null
  status: SyncStatusView
}

export type SyncLogView = {
  id: number
  source: string
  entity: string
  startedAt: number
  finishedAt: number | null
  status: 'running' | 'ok' | 'failed' | 'cancelled'
  rows: number
  pages: number
  error: string | null
  /** Why a failed run failed, sorted as for the sources (null when it did not fail or nothing tells). */
  cause: SyncErrorCause | null
  /** The failure as a code the UI words in its language (null: none, or an entry from before reasons were kept). */
  reason: SyncFailureReason | null
  /** An import's file name; null for a sync. */
  detail: string | null
}

// ── file import ─────────────────────────────────────────────────────────────────────────────

/** A file the main process opened for the import wizard: an opaque token, never a path. */
export type ImportFileChoice = { token: string; fileName: string; size: number }

/**
 * Why a row is bad, as a code the UI words in its own language (the English `message` stays for the
 * CLI, the JSON output and the CSV error report). `params` fill the wording: `column` is always the
 * canonical column (status, created_at) when the error is about one.
 */
export const IMPORT_ROW_ERROR_CODES = [
  /** A required cell is blank. */
  'required',
  /** A count cell is not an integer. */
  'not_whole_number',
  /** A count cell is below zero. */
  'negative',
  /** A status/priority no translation knows; `expected`: the canonical values, comma separated. */
  'unknown_value',
  /** An instant earlier than created_at. */
  'before_created',
  /** A finished `status` with no time it finished, and `column` (resolved_at/closed_at) not mapped. */
  'finished_time_unmapped',
  /** The same, with `column` mapped but blank. */
  'finished_time_blank',
  /** Date cells: an invalid Excel date, a JSON number that is not epoch ms, another number, a boolean, text. */
  'invalid_date',
  'not_epoch_ms',
  'number_not_date',
  'boolean_not_date',
  'invalid_date_text',
  /** XLSX cells (`cell` such as D5; `error` such as #N/A): an error value, a formula without result, a formula error. */
  'excel_error_value',
  'formula_no_result',
  'formula_error',
  'formula_error_unknown',
  /** More fields than the header: `fields`, `headers` (counts). */
  'extra_fields',
  /** A JSON record that is not an object. */
  'not_json_object',
  /** An id seen before in the file, first on row `firstRow`. */
  'duplicate_id',
  /** U+FFFD from bytes the file's `encoding` could not decode: `count` sequences (first at byte `firstAt`). */
  'undecodable_text',
  'undecodable_text_at',
  /** U+FFFD or C1 controls in an otherwise clean file (an earlier wrong conversion). */
  'damaged_text',
] as const

export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number]

export type ImportRowErrorReason = { code: ImportRowErrorCode; params?: Record<string, string | number> }

export type ImportRowError = {
  row: number
  column: string
  value: string
  /** English, as the CLI and the error report say it. */
  message: string
  reason: ImportRowErrorReason
}

export type ImportSampleRow = {
  row: number
  sourceId: string
  tenant: string
  title: string
  category: string | null
  priority: string
  status: string
  assignee: string | null
  createdAt: number
  resolvedAt: number | null
}

export type ImportPreviewView = {
  fileName: string
  format: 'csv' | 'xlsx' | 'json'
  encoding: string
  /** XLSX: the workbook's sheets in order and the one read (the first unless the mapping names one). */
  sheets: string[]
  sheet: string | null
  headers: string[]
  /**
   * Set when the header is not simply the first non-blank row: its row, how many rows above it,
   * from the first non-blank one, were taken as a title and skipped (a title block; 0 for none), and
   * its last row when the column names span two rows (lastRow).
   */
  titleSkipped: { headerRow: number; rows: number; lastRow?: number } | null
  /** CSV/XLSX: the header's row number (the file's own); null for JSON. */
  headerRow: number | null
  /**
   * The header was picked for want of a row naming known columns: the first non-blank row, which
   * may be a title. The wizard says so, next to the header row to choose.
   */
  headerFallback: boolean
  /**
   * CSV/XLSX: the first non-blank rows (up to 30), any of which may be chosen as the header (the
   * mapping's headerRow): each row's number and its first cells, to recognise it by. Empty for JSON.
   */
  headerChoices: { row: number; cells: string[] }[]
  /** The canonical columns of SPEC §10, in order, with the required ones marked. */
  canonical: { column: string; required: boolean }[]
  /** Canonical column → the header matched automatically or by the mapping given (null = none). */
  matched: Record<string, string | null>
  /** Required canonical columns with no header: the mapping step must fill them. */
  missingRequired: string[]
  /** Null until every required column has a header; then the validated preview. */
  check: {
    rowCount: number
    validCount: number
    errorCount: number
    blankRows: number
    sample: ImportSampleRow[]
    errors: ImportRowError[]
    errorsTotal: number
    /**
     * Status and priority values the file spells its own way, from every row (not only the errors
     * listed), so the wizard can offer to translate each one.
     */
    unknownValues: { status: string[]; priority: string[] }
  } | null
  /** Why the file could not be checked with this mapping, if so (in English, as the CLI says it). */
  problem: string | null
  /** The same as a code and params the UI words in its own language (null with no problem or no code). */
  problemReason: ApiErrorReason | null
}

export type ImportRunView = {
  /** cancelled: stopped on request (import:cancel) while reading or writing; nothing was written. */
  status: 'imported' | 'rejected' | 'dry-run' | 'cancelled'
  /** The name the rows are kept under (source `import:<sourceName>`): the one asked for, or 'file'. */
  sourceName: string
  rowCount: number
  written: number
  skippedStale: number
  errorCount: number
  errorsTotal: number
  errors: ImportRowError[]
  watermark: number | null
}

/** One import source of the workspace (import:sources): SRs kept under `import:<name>`. */
export type ImportSourceView = {
  /** The name without the `import:` prefix, as the wizard and `import --source` take it. */
  name: string
  srCount: number
  /** When a file was last imported under it (epoch ms), from the sync log; null when not logged. */
  lastImportAt: number | null
}

/**
 * Every row error of a checked file as a CSV document (UTF-8 with BOM, as Excel opens Korean text),
 * for the wizard to save: `fileName` is the name it suggests. `errors` counts the error lines,
 * `rows` the rows they are on.
 */
export type ImportErrorReportView = { fileName: string; csv: string; errors: number; rows: number }

/**
 * How far the running file check (step 'preview') or import (step 'run') is. While `opening` (an
 * XLSX workbook's first pass over the whole sheet), rows counts the sheet's rows seen so far and
 * total is null; while `reading`, rows counts the data rows read so far and total is null until the
 * end of the file; while `writing`, rows counts the valid rows written out of total.
 */
export type ImportProgressEvent = {
  step: 'preview' | 'run'
  fileName: string
  phase: 'opening' | 'reading' | 'writing'
  rows: number
  total: number | null
}
