// File import (SPEC §10): preview first, then write. Both read the file in one streaming pass; the
// import writes every valid row, the watermark and the workspace kind in one transaction, and only
// when the file has no row errors (unless allowErrors). Upserts are keyed by (source, id), so
// importing the same file again leaves the same state.
import { createWriteStream, type WriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { isValidTimeZone } from '../../../../shared/domain'
import { DEFAULT_IMPORT_SOURCE_NAME, IMPORT_SOURCE_PREFIX } from '../../../../shared/import-source-name'
import { advanceWatermark, setWorkspaceKind } from '../../db/meta'
import type { Store } from '../../db/open-database'
import { upsertServiceRequests, type SrInput } from '../../db/repositories/service-requests'
import { CoreError, inWorkspace, isStoreBusy, reason, reasonWith } from '../../errors'
import type { SyncErrorReasonCode, SyncFailureReason } from '../../../../shared/ipc/sync-error-reasons'
import { createWallClock } from './dates'
import { checkFile, checkMagic, detectFormat, readHead } from './detect'
import {
  CANONICAL_COLUMNS,
  knownHeaders,
  loadMapping,
  parseMapping,
  resolveColumns,
  type CanonicalColumn,
  type ColumnMapping,
} from './mapping'
import type { HeaderPlace } from './header-row'
import { readCsv } from './read-csv'
import { readJson } from './read-json'
import { readXlsx, type XlsxWatch } from './read-xlsx'
import {
  CellProblem,
  DEFAULT_LIMITS,
  ImportCancelled,
  type ImportEncoding,
  type ImportFormat,
  type ImportLimits,
  type RowError,
  type Table,
} from './types'
import { createRowValidator, damagedTextError, display, valueMaps } from './validate'
import { DAMAGED_TEXT } from './decode'
import { writeTransaction } from '../../db/write-transaction'

export type ImportOptions = {
  /** 'csv' | 'xlsx' | 'json'; default from the extension. */
  format?: string
  /** A mapping file path or an already built mapping (the import wizard). */
  mapping?: string | ColumnMapping
  /** The workspace zone: timestamps without offset are wall time here (a mapping's timeZone wins). */
  timeZone: string
  /** Rows are stored with source `import:<sourceName>` (default 'file'). */
  sourceName?: string
  /** XLSX sheet name (default: the mapping's sheet, else the first sheet). */
  sheet?: string
  /**
   * CSV/XLSX: the header's row number as the file counts its rows (default: the mapping's
   * headerRow, else the row the search finds). The rows above it are skipped as a title; a row past
   * the end or a blank one is refused, and so is any for a JSON file.
   */
  headerRow?: number
  /** Rows returned in the preview sample (default 20). */
  sampleSize?: number
  /** Row errors returned in full (default 1000); errorsTotal counts them all. */
  errorLimit?: number
  /**
   * A CSV file to write every row error to while the file is read, beyond errorLimit too (UTF-8
   * with BOM; created at the first error, so not at all for a clean file).
   */
  errorReport?: string
  limits?: Partial<ImportLimits>
  /**
   * Called while an XLSX workbook's first pass reads the sheet, every 1,000 rows read, then every
   * chunk written (see ImportProgress).
   */
  onProgress?: (p: ImportProgress) => void
  /** Called with each row's errors as the file is read, beyond errorLimit too (the wizard's value list). */
  onRowErrors?: (errors: readonly RowError[]) => void
  /**
   * Asked between chunks of an XLSX workbook's first pass, between rows while reading and between
   * chunks while writing; true stops the import with nothing written (the write transaction rolls
   * back). A function, not an AbortSignal, so a worker can answer it from shared memory while its
   * event loop is busy writing.
   */
  cancelled?: () => boolean
}

/**
 * How far an import is: `opening` counts the rows an XLSX workbook's first pass has seen in the
 * sheet (before any is read); `reading` counts the data rows read so far (the total is not known
 * until the end of the file); `writing` counts the valid rows written out of `total`.
 */
export type ImportProgress = { phase: 'opening' | 'reading' | 'writing'; rows: number; total: number | null }

/** Rows written between two progress reports and cancellation checks. */
const WRITE_CHUNK = 5_000

export { ImportCancelled }

export type SampleRow = Omit<SrInput, 'raw' | 'events'> & { row: number }

export type ImportPreview = {
  format: ImportFormat
  encoding: ImportEncoding
  source: string
  headers: string[]
  /**
   * Set when the header is not simply the file's first non-blank row (CSV, XLSX): its row, how many
   * rows above it (from the first non-blank one) were taken as a title and skipped (0 for none), and
   * its last row when the header spans two (`lastRow`: rows 4–5 are the header, data from row 6).
   */
  titleSkipped: HeaderPlace | null
  /** Canonical column → the file header feeding it (null: not in the file). */
  mappedColumns: Record<CanonicalColumn, string | null>
  /** Data rows read (blank rows not counted). */
  rowCount: number
  validCount: number
  /** Rows with at least one error. */
  errorCount: number
  blankRows: number
  sample: SampleRow[]
  errors: RowError[]
  /** All row errors, including those beyond `errors`. */
  errorsTotal: number
}

export type RunImportOptions = ImportOptions & {
  /** Read and validate, write nothing. */
  dryRun?: boolean
  /** Write the valid rows even when some rows have errors. */
  allowErrors?: boolean
  /** Clock for the watermark (tests). */
  now?: () => number
  /**
   * Let this thread's event loop run between written chunks (the transaction stays open), so a
   * signal handler can cancel the write. Only for a connection nothing else uses meanwhile (the
   * CLI): another caller's statements would run inside this transaction.
   */
  yieldWhileWriting?: boolean
  /**
   * Records a run that meant to write (not a dry run) in the sync log: a successful one inside the
   * transaction that writes its rows, any other outcome on its own afterwards.
   */
  record?: (store: Store, run: ImportRunRecord) => void
}

/** One import run as the sync log keeps it. */
export type ImportRunRecord = {
  /** The SRs' source: `import:<sourceName>`. */
  source: string
  status: 'ok' | 'failed' | 'cancelled'
  /** Rows written (0 unless ok). */
  rows: number
  startedAt: number
  finishedAt: number
  error: string | null
  /** The same as a code the UI words: the file's refusal, or import_rejected with the error count. */
  reason: SyncFailureReason | null
}

export type ImportResult = ImportPreview & {
  /**
   * imported: written; dry-run: nothing written on request; rejected: row errors (without
   * allowErrors, or every row bad), nothing written;
   * cancelled: stopped on request, nothing written.
   */
  status: 'imported' | 'dry-run' | 'rejected' | 'cancelled'
  written: number
  /** Rows not written because the store already holds a newer version (later updated_at). */
  skippedStale: number
  watermark: number | null
}

type Scan = ImportPreview & { valid: SrInput[] }

/** Reads and validates the file without writing anything. */
export async function previewImport(path: string, opts: ImportOptions): Promise<ImportPreview> {
  const { valid: _valid, ...preview } = await scan(path, opts, false)
  return preview
}

/**
 * Validates the file, then (unless dry-run or rejected) writes its valid rows in one transaction.
 * Cancelled while reading or writing, it answers status 'cancelled' with nothing written.
 *
 * `target` may be a function opening the store: it is called only once the file has rows to write,
 * so a file refused, rejected or cancelled opens (and so creates) no workspace, and is not logged
 * (the CLI's import into a new --data-dir: it made an empty workspace for a file it then refused).
 */
export async function runImport(
  target: Store | (() => Store),
  path: string,
  opts: RunImportOptions,
): Promise<ImportResult> {
  let opened: Store | null = typeof target === 'function' ? null : target
  const store = (): Store => (opened ??= (target as () => Store)())
  const clock = opts.now ?? Date.now
  const startedAt = clock()
  const run = (
    status: ImportRunRecord['status'],
    rows: number,
    error: string | null,
    why: SyncFailureReason | null = null,
  ): ImportRunRecord => ({
    source: importSource(opts),
    status,
    rows,
    startedAt,
    finishedAt: clock(),
    error,
    reason: why,
  })
  // After a rollback or a refusal: the log line may be lost (the store may be what failed), the
  // answer never is. A dry run records nothing, whatever its outcome: it only looked.
  const recordApart = (r: ImportRunRecord): void => {
    const into = opened
    if (!opts.record || opts.dryRun || into === null) return
    try {
      writeTransaction(into.sqlite, () => opts.record?.(into, r))()
    } catch {
      // The caller still learns the outcome from the answer or the error.
    }
  }
  let result: ImportResult
  try {
    result = await importRows(store, path, opts, (written) =>
      opts.record?.(store(), run('ok', written, null)),
    )
  } catch (thrown) {
    // A store that refused the rows (its disk full, read-only …) says so, naming the workspace folder;
    // the write transaction rolled back, so nothing of the file is in it. The log line is tried all
    // the same (a full disk may still take it after the rollback freed the pages).
    const err = opened !== null ? inWorkspace(thrown, dirname(opened.path)) : thrown
    // A store too busy to take the rows is too busy for the log line: do not wait for it twice.
    if (!isStoreBusy(err))
      recordApart(
        run(
          'failed',
          0,
          err instanceof Error ? err.message : String(err),
          err instanceof CoreError ? (err.reason ?? null) : null,
        ),
      )
    throw err
  }
  if (result.status === 'cancelled') recordApart(run('cancelled', 0, null))
  if (result.status === 'rejected') {
    const n = result.errorCount
    const rows = `${n.toLocaleString('en-US')} ${n === 1 ? 'row has' : 'rows have'}`
    recordApart(
      run(
        'failed',
        0,
        `${rows} errors; nothing was written`,
        reasonWith<SyncErrorReasonCode>('import_rejected', { count: n }) as SyncFailureReason,
      ),
    )
  }
  return result
}

/** The SRs' source of an import: `import:<sourceName>` (default `import:file`). */
function importSource(opts: ImportOptions): string {
  return `${IMPORT_SOURCE_PREFIX}${opts.sourceName?.trim() || DEFAULT_IMPORT_SOURCE_NAME}`
}

/** runImport's work; `committing(written)` runs inside the write transaction, last. */
async function importRows(
  storeOf: () => Store,
  path: string,
  opts: RunImportOptions,
  committing: (written: number) => void,
): Promise<ImportResult> {
  let s: Scan
  try {
    s = await scan(path, opts, true)
  } catch (err) {
    if (err instanceof ImportCancelled) return cancelledResult(path, opts)
    throw err
  }
  const { valid, ...preview } = s
  const base = { ...preview, written: 0, skippedStale: 0, watermark: null }
  // allowErrors writes the valid rows; with none there is nothing to import, and moving the
  // watermark or making a demo workspace live would claim data that is not there.
  if (s.errorCount > 0 && (!opts.allowErrors || s.validCount === 0)) return { ...base, status: 'rejected' }
  if (opts.dryRun) return { ...base, status: 'dry-run' }
  const store = storeOf()
  const watermark = (opts.now ?? Date.now)()
  const total = valid.length
  // Nested transactions are savepoints in better-sqlite3: rows, watermark and kind commit together.
  // The rows go in chunks so progress and a cancellation can come between them; a cancellation
  // throws inside the transaction, which rolls every chunk back.
  const counts = { written: 0, skippedStale: 0 }
  // One step per chunk; the caller decides whether the event loop runs between steps.
  function* steps(): Generator<void> {
    opts.onProgress?.({ phase: 'writing', rows: 0, total })
    for (let at = 0; at < total; at += WRITE_CHUNK) {
      if (opts.cancelled?.()) throw new ImportCancelled()
      const r = upsertServiceRequests(store, valid.slice(at, at + WRITE_CHUNK))
      counts.written += r.written
      counts.skippedStale += r.skippedStale
      opts.onProgress?.({ phase: 'writing', rows: Math.min(total, at + WRITE_CHUNK), total })
      yield
    }
    if (opts.cancelled?.()) throw new ImportCancelled()
    advanceWatermark(store, watermark, watermark)
    setWorkspaceKind(store, 'live')
    committing(counts.written)
  }
  try {
    if (opts.yieldWhileWriting) {
      await yieldingWriteTransaction(store, async () => {
        for (const _ of steps()) await new Promise((resolve) => setImmediate(resolve))
      })
    } else {
      writeTransaction(store.sqlite, () => {
        for (const _ of steps());
      })()
    }
    return { ...base, status: 'imported', ...counts, watermark }
  } catch (err) {
    if (err instanceof ImportCancelled) return { ...base, status: 'cancelled' }
    throw err
  }
}

/** BEGIN IMMEDIATE … COMMIT around an async `fn`; anything it throws rolls the whole of it back. */
async function yieldingWriteTransaction(store: Store, fn: () => Promise<void>): Promise<void> {
  store.sqlite.exec('BEGIN IMMEDIATE')
  try {
    await fn()
    store.sqlite.exec('COMMIT')
  } catch (err) {
    if (store.sqlite.inTransaction) store.sqlite.exec('ROLLBACK')
    throw err
  }
}

/**
 * What an import (or a dry run) stopped while its file was read answers: status cancelled, nothing
 * counted and nothing written. Only the format (from `opts.format` or the extension) is known then;
 * the encoding is a placeholder. An import stopped while its rows were written answers its counts
 * instead, with nothing written either (the write rolled back).
 */
export function cancelledResult(path: string, opts: RunImportOptions): ImportResult {
  return {
    format: detectFormat(path, opts.format),
    encoding: 'binary',
    source: importSource(opts),
    headers: [],
    titleSkipped: null,
    mappedColumns: Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, null])) as Record<
      CanonicalColumn,
      string | null
    >,
    rowCount: 0,
    validCount: 0,
    errorCount: 0,
    blankRows: 0,
    sample: [],
    errors: [],
    errorsTotal: 0,
    status: 'cancelled',
    written: 0,
    skippedStale: 0,
    watermark: null,
  }
}

const REPORT_HEADER = ['row', 'column', 'value', 'message'].join(',')

function reportLine(e: RowError): string {
  return [String(e.row), e.column, e.value, e.message].map(csvField).join(',')
}

/** Writes row errors as CSV, UTF-8 with BOM so Excel shows Korean text correctly. */
export async function writeErrorReport(errors: readonly RowError[], path: string): Promise<void> {
  const lines = [REPORT_HEADER, ...errors.map(reportLine)]
  await writeFile(path, '\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8')
}

/** The error report written while a file is read: every error, in the same CSV as writeErrorReport. */
class ErrorReportWriter {
  private out: WriteStream | null = null
  private failure: Error | null = null
  constructor(private readonly path: string) {}

  add(e: RowError): void {
    if (!this.out) {
      this.out = createWriteStream(this.path, { encoding: 'utf8' })
      this.out.on('error', (err) => {
        this.failure ??= err
      })
      this.out.write('\uFEFF' + REPORT_HEADER + '\r\n')
    }
    this.out.write(reportLine(e) + '\r\n')
  }

  /** Waits while the disk is behind, so a file with millions of bad rows does not pile up in memory. */
  async drained(): Promise<void> {
    const out = this.out
    if (out && out.writableNeedDrain && !this.failure) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          out.off('drain', done)
          out.off('error', done)
          resolve()
        }
        out.on('drain', done)
        out.on('error', done)
      })
    }
  }

  /** Closes the file; throws when it could not be written. */
  async close(): Promise<void> {
    const out = this.out
    if (out) {
      await new Promise<void>((resolve) => {
        if (out.destroyed) resolve()
        else out.end(() => resolve())
        out.once('error', () => resolve())
      })
    }
    if (this.failure) {
      throw new CoreError(
        'BAD_REQUEST',
        `Cannot write the error report ${this.path}: ${this.failure.message}`,
        reason('error_report_unwritable', { file: basename(this.path), detail: this.failure.message }),
      )
    }
  }
}

function csvField(v: string): string {
  // A leading = + - @ would make Excel evaluate the cell as a formula (CSV injection).
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

async function scan(path: string, opts: ImportOptions, keepRows: boolean): Promise<Scan> {
  const limits: ImportLimits = { ...DEFAULT_LIMITS, ...opts.limits }
  const mapping =
    typeof opts.mapping === 'string'
      ? await loadMapping(opts.mapping)
      : opts.mapping
        ? parseMapping(opts.mapping)
        : undefined
  const zone = mapping?.timeZone ?? opts.timeZone
  if (!isValidTimeZone(zone))
    throw new CoreError('BAD_REQUEST', `Unknown time zone "${zone}"`, reason('unknown_time_zone', { zone }))
  const format = detectFormat(path, opts.format)
  await checkFile(path, limits)
  const head = await readHead(path, 65_536)
  checkMagic(head, format)
  // The header row is the one asked for, else the one naming the most known columns, the mapping's included.
  const headerRow = opts.headerRow ?? mapping?.headerRow
  if (headerRow !== undefined && format === 'json') throw headerRowForJson()
  const header = { knownHeaders: knownHeaders(mapping), ...(headerRow !== undefined ? { headerRow } : {}) }
  const table =
    format === 'csv'
      ? await readCsv(path, head, limits, header)
      : format === 'json'
        ? await readJson(path, head, limits)
        : await readXlsx(path, limits, opts.sheet ?? mapping?.sheet, xlsxWatch(opts), header)
  const damagedText = damagedTextError(table.encoding, table.invalidBytes)
  const damagedHeaders = table.headers.filter((h) => DAMAGED_TEXT.test(h))
  if (damagedHeaders.length > 0) {
    const headers = damagedHeaders.map((h) => JSON.stringify(h)).join(', ')
    throw new CoreError(
      'BAD_REQUEST',
      `The header row has text that could not be read (� or control characters): ` +
        `${headers}; fix it in the file or save it again as CSV UTF-8`,
      reason('damaged_headers', { headers }),
    )
  }
  const columns = namingOtherSheets(table, () => resolveColumns(table.headers, mapping))
  const source = importSource(opts)
  const ctx = {
    source,
    format,
    headers: table.headers,
    columns,
    wallToEpoch: createWallClock(zone),
    date1904: table.date1904 ?? false,
    damagedText,
    ...valueMaps(mapping),
  }
  const sampleSize = opts.sampleSize ?? 20
  const errorLimit = opts.errorLimit ?? 1000
  const valid: SrInput[] = []
  const sample: SampleRow[] = []
  const errors: RowError[] = []
  const firstRowOfId = new Map<string, number>()
  let rowCount = 0
  let validCount = 0
  let errorCount = 0
  let errorsTotal = 0
  let blankRows = 0
  const report = opts.errorReport ? new ErrorReportWriter(opts.errorReport) : null
  const addErrors = (list: readonly RowError[]): void => {
    errorCount++
    errorsTotal += list.length
    opts.onRowErrors?.(list)
    for (const e of list) {
      if (errors.length < errorLimit) errors.push(e)
      report?.add(e)
    }
  }
  const idIndex = columns.id
  const validateRow = createRowValidator(ctx)
  const readRows = async (): Promise<void> => {
    for await (const raw of table.rows) {
      if (opts.cancelled?.()) {
        // Ending the row stream closes the file (the reader's finally runs).
        throw new ImportCancelled()
      }
      const outcome = validateRow(raw)
      if (outcome.kind === 'blank') {
        blankRows++
        continue
      }
      rowCount++
      if (opts.onProgress && rowCount % 1_000 === 0)
        opts.onProgress({ phase: 'reading', rows: rowCount, total: null })
      // Duplicate ids are an error, not "the later wins": two rows for one SR in one file usually
      // mean concatenated or overlapping exports, and silently dropping one hides that from the user.
      const idCell = idIndex === undefined ? null : (raw.cells[idIndex] ?? null)
      const id = idCell === null || idCell instanceof CellProblem ? '' : display(idCell).trim()
      const errs = outcome.kind === 'error' ? [...outcome.errors] : []
      if (id) {
        const first = firstRowOfId.get(id)
        if (first === undefined) firstRowOfId.set(id, raw.row)
        else {
          errs.push({
            row: raw.row,
            column: table.headers[idIndex ?? 0] ?? 'id',
            value: id,
            message: `id: duplicate of row ${first}; each SR may appear once per file`,
            reason: { code: 'duplicate_id', params: { column: 'id', firstRow: first } },
          })
        }
      }
      if (errs.length > 0 || outcome.kind !== 'ok') {
        addErrors(errs)
        if (report) await report.drained()
        continue
      }
      validCount++
      if (keepRows) valid.push(outcome.sr)
      if (sample.length < sampleSize) {
        const { raw: _raw, events: _events, ...shown } = outcome.sr
        sample.push({ row: raw.row, ...shown })
      }
    }
  }
  try {
    await readRows()
  } catch (err) {
    await report?.close().catch(() => undefined)
    throw err
  }
  await report?.close()
  if (rowCount === 0)
    throw new CoreError('BAD_REQUEST', 'The file has a header row but no data rows', reason('no_data_rows'))
  opts.onProgress?.({ phase: 'reading', rows: rowCount, total: rowCount })
  const mappedColumns = Object.fromEntries(
    CANONICAL_COLUMNS.map((c) => {
      const i = columns[c]
      return [c, i === undefined ? null : (table.headers[i] ?? null)]
    }),
  ) as Record<CanonicalColumn, string | null>
  return {
    format,
    encoding: table.encoding,
    source,
    headers: table.headers,
    titleSkipped: table.titleSkipped ?? null,
    mappedColumns,
    rowCount,
    validCount,
    errorCount,
    blankRows,
    sample,
    errors,
    errorsTotal,
    valid,
  }
}

/** A header row asked for a JSON file: its records have keys, not a row of column names. */
export function headerRowForJson(): CoreError {
  return new CoreError(
    'BAD_REQUEST',
    'A JSON file has no header row to choose: its records name their fields (a header row applies to CSV and XLSX files only)',
    reason('header_row_json'),
  )
}

/** The XLSX reader's first pass reads the whole sheet before the first row: it reports and stops too. */
export function xlsxWatch(opts: Pick<ImportOptions, 'onProgress' | 'cancelled'>): XlsxWatch {
  const { onProgress, cancelled } = opts
  return {
    ...(cancelled ? { cancelled } : {}),
    ...(onProgress
      ? { onOpening: (rows: number) => onProgress({ phase: 'opening', rows, total: null }) }
      : {}),
  }
}

/**
 * A sheet without the SR columns: the error also names the workbook's other sheets to read instead
 * (its reason gains `sheet` and `otherSheets`).
 */
function namingOtherSheets<T>(table: Table, read: () => T): T {
  try {
    return read()
  } catch (err) {
    const others = (table.sheets ?? []).filter((s) => s !== table.sheet)
    if (!(err instanceof CoreError) || others.length === 0) throw err
    const sheet = table.sheet ?? ''
    const otherSheets = others.map((s) => JSON.stringify(s)).join(', ')
    throw new CoreError(
      err.code,
      `${err.message} (read sheet "${sheet}"; the workbook also has ` +
        `${otherSheets}: choose one with --sheet or the mapping's "sheet")`,
      err.reason && { ...err.reason, params: { ...err.reason.params, sheet, otherSheets } },
    )
  }
}
