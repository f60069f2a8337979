// The import wizard's two core steps over a file token (SPEC §10): preview (headers, automatic
// column matches, then validation once every required column has a header) and run. A file whose
// required columns are not all found is not an error here: the wizard's mapping step fixes it.
import { stat } from 'node:fs/promises'
import { IMPORT_SOURCE_PREFIX } from '../../../shared/import-source-name'
import type { ParsedRequestOf } from '../../../shared/ipc/contract'
import type { ImportPreviewView, ImportRunView, ImportSampleRow } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'
import { CoreError, reason } from '../errors'
import { checkFile, checkMagic, detectFormat, readHead } from '../sources/file-import/detect'
import {
  headerRowForJson,
  previewImport,
  runImport,
  type ImportPreview,
  type ImportProgress,
  type SampleRow,
  xlsxWatch,
} from '../sources/file-import/import'
import {
  CANONICAL_COLUMNS,
  REQUIRED_COLUMNS,
  knownHeaders,
  parseMapping,
  suggestColumns,
  type ColumnMapping,
} from '../sources/file-import/mapping'
import { readCsv } from '../sources/file-import/read-csv'
import { readJson } from '../sources/file-import/read-json'
import { readXlsx } from '../sources/file-import/read-xlsx'
import { DEFAULT_LIMITS, type RowError } from '../sources/file-import/types'
import { isUnknownValueError } from '../sources/file-import/validate'
import { recordImportRun } from './import-log'

/** The mapping the wizard sends (import:preview / import:run), absent for the automatic matches. */
export type WizardMapping = ParsedRequestOf<'import:preview'>['mapping']

/**
 * The chosen file, checked before a step reads it: one moved, renamed or deleted since it was chosen
 * (or a folder now in its place), or one the OS will not open, is said with the name it was chosen
 * under and the OS's error code, not its path and the OS's English sentence (the path stays in the
 * main process; in the browser harness it is a temporary upload's).
 */
export async function checkChosenFile(file: { path: string; fileName: string }): Promise<void> {
  let isFile: boolean
  try {
    isFile = (await stat(file.path)).isFile()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') isFile = false
    else {
      const detail = code ?? 'unknown error'
      throw new CoreError(
        'BAD_REQUEST',
        `The chosen file "${file.fileName}" cannot be read (${detail}): check that you may read it and that no other program holds it locked, then try again. Nothing was imported`,
        reason('import_file_unreadable', { file: file.fileName, detail }),
      )
    }
  }
  if (!isFile)
    throw new CoreError(
      'BAD_REQUEST',
      `The chosen file "${file.fileName}" is no longer where it was chosen (moved, renamed or deleted). Nothing was imported: choose the file again`,
      reason('import_file_moved', { file: file.fileName }),
    )
}

/** Progress and cancellation of a wizard step (the file is read, and for a run written, once). */
export type WizardWatch = {
  onProgress?: (p: ImportProgress) => void
  cancelled?: () => boolean
}

const watchOptions = (watch: WizardWatch): WizardWatch => ({
  ...(watch.onProgress ? { onProgress: watch.onProgress } : {}),
  ...(watch.cancelled ? { cancelled: watch.cancelled } : {}),
})

const toMapping = (m: WizardMapping): ColumnMapping | undefined =>
  m
    ? parseMapping(
        {
          columns: m.columns ?? {},
          values: m.values ?? {},
          ...(m.sheet ? { sheet: m.sheet } : {}),
          ...(m.headerRow !== undefined ? { headerRow: m.headerRow } : {}),
        },
        'column mapping',
      )
    : undefined

async function readHeaders(
  path: string,
  fileName: string,
  mapping: ColumnMapping | undefined,
  watch: WizardWatch,
): Promise<{
  format: ImportPreviewView['format']
  encoding: string
  headers: string[]
  titleSkipped: ImportPreviewView['titleSkipped']
  headerRow: number | null
  headerFallback: boolean
  headerChoices: ImportPreviewView['headerChoices']
  sheets: string[]
  sheet: string | null
}> {
  // The token's file keeps its original name, so the extension still tells the format.
  const format = detectFormat(fileName)
  await checkFile(path, DEFAULT_LIMITS)
  const head = await readHead(path, 65_536)
  checkMagic(head, format)
  // The header row is the one asked for, else found as the check finds it: by the known columns and
  // those mapped.
  if (mapping?.headerRow !== undefined && format === 'json') throw headerRowForJson()
  const header = {
    knownHeaders: knownHeaders(mapping),
    ...(mapping?.headerRow !== undefined ? { headerRow: mapping.headerRow } : {}),
  }
  const table =
    format === 'csv'
      ? await readCsv(path, head, DEFAULT_LIMITS, header)
      : format === 'json'
        ? await readJson(path, head, DEFAULT_LIMITS)
        : await readXlsx(path, DEFAULT_LIMITS, mapping?.sheet, xlsxWatch(watch), header)
  // Starting and returning the row stream closes the file (the reader's finally runs).
  const rows = table.rows[Symbol.asyncIterator]()
  await rows.next().catch(() => undefined)
  await rows.return?.(undefined)
  return {
    format,
    encoding: table.encoding,
    headers: table.headers,
    titleSkipped: table.titleSkipped ?? null,
    headerRow: table.headerRow ?? null,
    headerFallback: table.headerFallback ?? false,
    headerChoices: (table.headerCandidates ?? []).map((c) => ({ row: c.row, cells: choiceCells(c.cells) })),
    sheets: table.sheets ?? [],
    sheet: table.sheet ?? null,
  }
}

/** Cells a header row choice shows, and the characters of each: enough to tell the row. */
const CHOICE_CELLS = 6
const CHOICE_CELL_CHARS = 40

/**
 * What the wizard's list shows of a row that may be the header: its first non-empty cells, a value
 * repeated in the next cell once (a merged title fills every cell it spans), each cut to a length.
 */
export function choiceCells(cells: readonly string[]): string[] {
  const out: string[] = []
  for (const raw of cells) {
    const text = raw.replace(/\s+/g, ' ').trim()
    if (text === '') continue
    const cut = text.length > CHOICE_CELL_CHARS ? `${text.slice(0, CHOICE_CELL_CHARS - 1)}…` : text
    if (out[out.length - 1] === cut) continue
    out.push(cut)
    if (out.length === CHOICE_CELLS) break
  }
  return out
}

/** Distinct unknown status/priority values kept per kind: beyond this many, the file needs a mapping file. */
export const UNKNOWN_VALUES_LIMIT = 200

/**
 * Collects the distinct status and priority values no translation knows, from every row's errors:
 * the errors listed stop at the wizard's limit, and a value first seen after it must be offered too.
 */
function unknownValueCollector(): {
  add(errors: readonly RowError[]): void
  values(): { status: string[]; priority: string[] }
} {
  const found = { status: new Set<string>(), priority: new Set<string>() }
  return {
    add(errors) {
      for (const e of errors) {
        for (const kind of ['status', 'priority'] as const) {
          const set = found[kind]
          if (set.size < UNKNOWN_VALUES_LIMIT && e.value !== '' && isUnknownValueError(e, kind))
            set.add(e.value)
        }
      }
    },
    values: () => ({ status: [...found.status], priority: [...found.priority] }),
  }
}

const sampleView = (s: SampleRow): ImportSampleRow => ({
  row: s.row,
  sourceId: s.sourceId,
  tenant: s.tenant,
  title: s.title,
  category: s.category ?? null,
  priority: s.priority,
  status: s.status,
  assignee: s.assignee ?? null,
  createdAt: s.createdAt,
  resolvedAt: s.resolvedAt ?? null,
})

/**
 * Previews a chosen file with an optional mapping; never writes to the store (only `errorReport`,
 * when given). Nothing it answers depends on the source name the rows would be kept under, so it
 * takes none: that is the run's. A cancellation throws ImportCancelled.
 */
export async function wizardPreview(
  file: { path: string; fileName: string },
  mapping: WizardMapping,
  timeZone: string,
  watch: WizardWatch = {},
  more: {
    /** A CSV file to write every row error to (created at the first error). */
    errorReport?: string
  } = {},
): Promise<ImportPreviewView> {
  const { errorReport } = more
  await checkChosenFile(file)
  const parsed = toMapping(mapping)
  const { format, encoding, headers, titleSkipped, headerRow, headerFallback, headerChoices, sheets, sheet } =
    await readHeaders(file.path, file.fileName, parsed, watch)
  const auto = suggestColumns(headers)
  const matched = Object.fromEntries(
    CANONICAL_COLUMNS.map((c) => {
      // null is "not read" (an automatic match the user turned off); absent takes the suggestion.
      const explicit = parsed?.columns[c]
      const i = auto[c]
      return [c, explicit !== undefined ? explicit : i === undefined ? null : (headers[i] ?? null)]
    }),
  )
  const base = {
    fileName: file.fileName,
    format,
    encoding,
    sheets,
    sheet,
    headers,
    titleSkipped,
    headerRow,
    headerFallback,
    headerChoices,
    canonical: CANONICAL_COLUMNS.map((c) => ({ column: c, required: REQUIRED_COLUMNS.includes(c) })),
  }
  const missingRequired = REQUIRED_COLUMNS.filter((c) => matched[c] === null)
  if (missingRequired.length > 0)
    return { ...base, matched, missingRequired, check: null, problem: null, problemReason: null }
  let preview: ImportPreview
  const unknown = unknownValueCollector()
  try {
    preview = await previewImport(file.path, {
      format,
      timeZone,
      mapping: {
        // Every column as the wizard shows it: null ones are not read (no automatic match behind them).
        columns: matched,
        values: parsed?.values ?? {},
        ...(parsed?.sheet ? { sheet: parsed.sheet } : {}),
        ...(parsed?.headerRow !== undefined ? { headerRow: parsed.headerRow } : {}),
      },
      sampleSize: 10,
      errorLimit: 500,
      onRowErrors: unknown.add,
      ...(errorReport ? { errorReport } : {}),
      ...watchOptions(watch),
    })
  } catch (err) {
    if (err instanceof CoreError && err.code === 'BAD_REQUEST')
      return {
        ...base,
        matched,
        missingRequired,
        check: null,
        problem: err.message,
        problemReason: err.reason ?? null,
      }
    throw err
  }
  return {
    ...base,
    matched: preview.mappedColumns,
    missingRequired: [],
    check: {
      rowCount: preview.rowCount,
      validCount: preview.validCount,
      errorCount: preview.errorCount,
      blankRows: preview.blankRows,
      sample: preview.sample.map(sampleView),
      errors: preview.errors,
      errorsTotal: preview.errorsTotal,
      unknownValues: unknown.values(),
    },
    problem: null,
    problemReason: null,
  }
}

/** Imports a chosen file: nothing is written while a row has an error unless allowErrors. */
export async function wizardRun(
  store: Store,
  file: { path: string; fileName: string },
  mapping: WizardMapping,
  opts: {
    timeZone: string
    allowErrors: boolean
    now: () => number
    /** The rows are kept under `import:<sourceName>` (default 'file'). */
    sourceName?: string | undefined
  } & WizardWatch,
): Promise<ImportRunView> {
  await checkChosenFile(file)
  const parsed = toMapping(mapping)
  const result = await runImport(store, file.path, {
    format: detectFormat(file.fileName),
    timeZone: opts.timeZone,
    ...(opts.sourceName ? { sourceName: opts.sourceName } : {}),
    ...(parsed ? { mapping: parsed } : {}),
    allowErrors: opts.allowErrors,
    errorLimit: 500,
    now: opts.now,
    record: recordImportRun(file.fileName),
    ...watchOptions(opts),
  })
  return {
    status: result.status,
    sourceName: result.source.slice(IMPORT_SOURCE_PREFIX.length),
    rowCount: result.rowCount,
    written: result.written,
    skippedStale: result.skippedStale,
    errorCount: result.errorCount,
    errorsTotal: result.errorsTotal,
    errors: result.errors,
    watermark: result.watermark,
  }
}
