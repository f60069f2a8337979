// Why a core call failed, as a code the UI words in its own language. The English `message` of the
// error envelope stays as it is (the CLI prints it, its JSON output carries it); a renderer that does
// not know a code shows that message. `params` fill the wording with the variable parts: file names
// (the file's base name), formats, sheets, columns, source names; `detail` is a lower-level English
// text (a parser's or the OS's message) shown as it is. Integer params are counts or positions.

export const API_ERROR_REASON_CODES = [
  // ── the workspace ──
  /** Another connection held the write lock past the busy timeout (STORE_BUSY_MESSAGE). */
  'store_busy',
  // SQLite refused the write (errors.ts storeFailure); `dir`: the workspace folder, when known.
  /** The disk holding the workspace is full (SQLITE_FULL). */
  'store_full',
  /** The disk failed to read or write, or a file-size limit was reached (SQLITE_IOERR_*). */
  'store_io',
  /** The workspace became read-only: permissions, a read-only mount, its file moved (SQLITE_READONLY_*). */
  'store_readonly',
  /** The workspace's database file is damaged (SQLITE_CORRUPT_*, SQLITE_NOTADB). */
  'store_damaged',

  // ── a file to import: its name, size and kind (`file`: base name) ──
  /** `format`: what --format said. */
  'unknown_format',
  /** A .xls name, or the bytes of an old Excel workbook (OLE). */
  'xls_file',
  'unknown_extension',
  'not_a_file',
  /** `detail`: the OS's message. */
  'file_unreadable',
  'file_empty',
  /** `size`, `limit`: megabytes with one decimal, as text. */
  'file_too_large',
  /** The .xlsx file is not a zip archive. */
  'not_xlsx',
  /** `format`: CSV or JSON, as named by the extension. */
  'looks_like_xlsx',
  'utf16_text',
  /** Zero bytes where `format` (CSV, JSON) text was expected. */
  'binary_file',
  /** Mostly control characters or undecodable bytes; `format`. */
  'not_text',
  /** `limit`: the row (record) cap; the sheet's also names the `sheet`. */
  'too_many_rows',
  'too_many_records',
  'sheet_too_many_rows',

  // ── reading the file ──
  'csv_no_header',
  /** `detail`: csv-parse's message; `line` where known (the _at form). */
  'csv_syntax',
  'csv_syntax_at',
  /** `detail`: JSON.parse's message. */
  'json_invalid',
  'json_not_list',
  'json_no_records',
  'json_no_fields',
  /** `detail`: the workbook reader's message. */
  'xlsx_unreadable',
  'no_sheets',
  /** `sheet` asked for, `sheets`: the workbook's, quoted and comma separated. */
  'sheet_not_found',
  'sheet_unreadable',
  'sheet_empty',
  /** The header row asked for: `row`; past the end, `last` (the file's last row). */
  'header_row_past_end',
  'header_row_blank',
  /** A header row asked for a JSON file, which has no rows to choose from. */
  'header_row_json',
  /** `headers`: the damaged header texts, quoted and comma separated. */
  'damaged_headers',
  'no_data_rows',
  /** `zone`: the time zone named. */
  'unknown_time_zone',
  /** `file`, `detail`: the error report (CLI) could not be written. */
  'error_report_unwritable',

  // ── the column mapping ──
  // An XLSX sheet's column mapping error also carries `sheet` (the sheet read) and `otherSheets`
  // (the workbook's other sheets, quoted and comma separated): the UI adds a sentence naming them.
  /** `problems`: the mapping's problems in English. */
  'mapping_invalid',
  /** A mapping file (CLI): `file`, and `detail` or `problems`. */
  'mapping_file_unreadable',
  'mapping_file_not_json',
  'mapping_file_invalid',
  /** A required canonical `column` mapped to null. */
  'required_column_unmapped',
  /** `columns`: `column → "header"` pairs the file lacks; `headers`: the file's, quoted. */
  'mapped_columns_missing',
  /** `headers`: each repeated header with its column letters, e.g. "상태" (C, F). */
  'duplicate_headers',
  /** `columns`: the required canonical columns not found; `headers`: the file's, quoted. */
  'required_columns_missing',

  // ── the import wizard's steps ──
  'import_file_gone',
  /** The chosen `file` (its name as chosen) is no longer there, or no longer a file: moved, renamed or deleted. */
  'import_file_moved',
  /** `detail`: the OS's error code (EACCES, EBUSY …) for the chosen `file`. */
  'import_file_unreadable',
  /** The import's source `name` differs from the `existing` one only in capitals (or Unicode form). */
  'import_source_lookalike',
  'import_busy',
  'import_while_syncing',
  'import_cancelled',
  /** `columns`: required canonical columns the mapping leaves without a header. */
  'required_columns_unmapped',
  /** `limit` (MB) and `errors` (how many): the error list is too large to hand over. */
  'error_list_too_large',
  /** The import worker died: `detail` its error, or `exitCode`. */
  'import_worker_failed',
  'import_worker_exited',
  /** `path`: the workspace database a worker did not find. */
  'workspace_missing',
  'sync_unavailable',

  // ── connections (`name`: the connection's name) ──
  /** `detail`: the name check's problem in English. */
  'source_name_invalid',
  'source_exists',
  'source_not_found',
  /** `kind` given. */
  'unknown_source_kind',
  /** `problems`: the settings' problems in English. */
  'source_config_invalid',
  'source_syncing_remove',
  'source_syncing_change',
  /** `pid`: the other process (a command-line sync) pulling the connection. */
  /** The connection `name` is being synced by process `pid`: a sync of it is refused. */
  'source_syncing_elsewhere',
  'source_syncing_elsewhere_remove',
  'source_syncing_elsewhere_change',
  'itsm_fields',
  'itsm_no_state_map',
  'itsm_no_priority_map',
  'itsm_no_resume_margin',
  /** An ITSM REST connection asked not to read the SRs; `choices`: the collections it may skip. */
  'skip_srs',
  /** `names`: the names given that are no collection a connection can skip (comma separated); `choices`. */
  'skip_unknown',
  /** `name`: a ServiceNow connection, which reads its one table (no collections to skip). */
  'servicenow_no_skip',
  /** `code`: a ServiceNow state code. */
  'state_map_code_missing',
  /** `code`: a ServiceNow priority code. */
  'priority_map_code_missing',
  'servicenow_password_needed',
  'servicenow_secret_needed',
  /** `user`: the ServiceNow user. */
  'sign_in_password_needed',
  'sign_in_token_needed',
  /** `user`: the proxy user. */
  'proxy_password_needed',
  'proxy_user_needed',
  'secrets_unavailable',
  /** `detail`: the OS keychain's message. */
  'secret_store_failed',
  /** `secret`: token, password or proxyPassword; `env` the CLI's variable (the _env form). */
  'secret_missing',
  'secret_missing_env',
  /** The stored `secret` of connection `name` cannot be decrypted (the OS key changed). */
  'secret_unreadable',
  /**
   * The stored `secret` of connection `name` was in a secrets file found damaged, kept as `file` (base
   * name, next to secrets.json in the app's data folder): enter it again.
   */
  'secret_file_damaged',
  /** The stored `secret` of connection `name` cannot be read: the OS offers no keyring (or it is locked). */
  'keychain_unavailable',
  /**
   * The secrets of connection `name` were not stored (nor written in plain text), and the connection
   * was not added or changed: the OS offers no keyring (or only Linux's basic_text obfuscation).
   */
  'keychain_unavailable_store',

  // ── a connection's CA certificate file ──
  'ca_empty',
  /** `size`, `limit`: KiB. */
  'ca_too_large',
  'ca_private_key',
  /** `found`: the PEM block labels the file holds. */
  'ca_no_certificate',
  /** `count`, `limit`. */
  'ca_too_many',
  'ca_not_certificate',
  /** `detail`: the X.509 reader's message; the _of forms name certificate `index` of `count`. */
  'ca_unreadable',
  'ca_unreadable_of',
  /** `subject`, `day` (YYYY-MM-DD, UTC); the _of forms add `index` of `count`. */
  'ca_expired',
  'ca_expired_of',
  'ca_not_yet_valid',
  'ca_not_yet_valid_of',
] as const

export type ApiErrorReasonCode = (typeof API_ERROR_REASON_CODES)[number]

export type ApiErrorReason = { code: ApiErrorReasonCode; params?: Record<string, string | number> }
