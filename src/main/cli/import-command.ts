// `import FILE`: CSV/XLSX/JSON into the workspace, with a preview of errors before anything is written.
import { constants, readFileSync } from 'node:fs'
import { recalculateStoppably } from './after-write'
import { access, stat } from 'node:fs/promises'
import { basename, dirname, extname, resolve } from 'node:path'
import type { Command } from 'commander'
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../shared/domain'
import {
  IMPORT_SOURCE_NAME_MAX,
  IMPORT_SOURCE_NAME_MESSAGES,
  importSourceNameProblem,
} from '../../shared/import-source-name'
import {
  cancelledResult,
  ImportCancelled,
  previewImport,
  runImport,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from '../core/sources/file-import/import'
import { CANONICAL_COLUMNS, loadMapping } from '../core/sources/file-import/mapping'
import { refuseLookalikeImportSource } from '../core/sync/import-sources'
import { detectFormat } from '../core/sources/file-import/detect'
import { CoreError } from '../core/errors'
import { IMPORT_FORMATS, type RowError } from '../core/sources/file-import/types'
import { recordImportRun } from '../core/sync/import-log'
import { lazyCliContext, UsageError, type GlobalOptions } from './context'
import { countOf, print } from './output'
import { signalLabel, stopOnSignals, type StopSignal } from './interrupt'
import { progressOn, type Progress } from './progress'

/**
 * "column: message" without saying the column twice: a message starts with the canonical column it
 * is about ("created_at: not a valid …"), which names the file's header only when they differ.
 */
function errorText(e: RowError): string {
  const m = /^([a-z_]+): (.*)$/s.exec(e.message)
  if (!m || !(CANONICAL_COLUMNS as readonly string[]).includes(m[1]!)) {
    return e.column ? `${e.column}: ${e.message}` : e.message
  }
  return m[1] === e.column ? `${e.column}: ${m[2]}` : `${e.column} (${m[1]}): ${m[2]}`
}

function resultText(r: ImportResult, reportPath: string | null): string {
  if (r.status === 'cancelled') return 'cancelled: nothing written'
  const n = r.skippedStale
  // Rows not written because the workspace holds a newer version of them (a later updated_at).
  const skipped = n > 0 ? `; ${countOf(n, 'row')} skipped: the stored data is newer` : ''
  const file = `(${r.format}, ${r.encoding}); ${countOf(r.errorsTotal, 'row error')}`
  // A dry run writes nothing by definition: what it tells is how many rows a real import would write.
  const head =
    r.status === 'dry-run'
      ? `dry run: ${r.validCount.toLocaleString('en-US')} of ${countOf(r.rowCount, 'row')} would be written ${file}; nothing was written`
      : `${r.status}: ${r.written.toLocaleString('en-US')} written of ${countOf(r.rowCount, 'row')} ${file}${skipped}`
  const errors = r.errors
    .slice(0, 10)
    .map((e) => `  row ${e.row}, ${errorText(e)}${e.value ? ` ("${e.value}")` : ''}`)
  const more =
    r.errorsTotal > errors.length
      ? [`  … ${(r.errorsTotal - errors.length).toLocaleString('en-US')} more`]
      : []
  return [
    head,
    ...(r.titleSkipped ? [headerLine(r.titleSkipped)] : []),
    ...errors,
    ...more,
    ...(reportPath ? [`error report: ${reportPath}`] : []),
    ...(r.status === 'rejected' ? rejectedAdvice(r, reportPath) : []),
  ].join('\n')
}

/**
 * Where the header was found when it is not simply the file's first non-blank row: the rows above
 * it were a title block, read as nothing, or it spans two rows (the second no data row). Said so a
 * user who sees rows missing knows why, and sees a wrong pick (the error report's row numbers are
 * the file's own either way).
 */
function headerLine(t: { headerRow: number; rows: number; lastRow?: number }): string {
  const first = t.headerRow.toLocaleString('en-US')
  const rows = t.lastRow === undefined ? `row ${first}` : `rows ${first}–${t.lastRow.toLocaleString('en-US')}`
  if (t.rows === 0) return `header: ${rows} (column names over two rows)`
  const it = t.lastRow === undefined ? 'it' : 'them'
  const above = t.rows === 1 ? `the row above ${it} was` : `the ${countOf(t.rows, 'row')} above ${it} were`
  return `header: ${rows} (${above} taken as a title and skipped)`
}

/**
 * What to do about a file rejected for its rows (a dry run's as a real import's): correct them, or
 * import the valid rows alone. Before, the answer ended with the errors and the user was left to
 * find --allow-errors and --error-report in the help.
 */
function rejectedAdvice(r: ImportResult, reportPath: string | null): string[] {
  const bad = countOf(r.errorCount, 'row')
  const every = reportPath
    ? 'the error report lists every error'
    : 'add --error-report FILE to have every error in a CSV'
  const correct = `correct the ${bad} with errors in the file and import it again (${every})`
  if (r.validCount === 0)
    return [`nothing was written: no row is valid, so --allow-errors would import none; ${correct}`]
  return [
    'nothing was written; to import this file, either',
    `  - ${correct}, or`,
    `  - import the ${countOf(r.validCount, 'valid row')} alone, leaving out the ${bad} with errors: add --allow-errors`,
  ]
}

/**
 * Refuses an error report path that cannot be written before anything is read or saved: finding
 * out after an import was saved made the CLI report a failure for rows it had written.
 */
async function checkReportPath(path: string): Promise<void> {
  const full = resolve(path)
  const refuse = (why: string): never => {
    throw new UsageError(`Cannot write the error report ${path}: ${why}`)
  }
  const existing = await stat(full).catch(() => null)
  if (existing?.isDirectory()) refuse('it is a folder')
  const target = existing ? full : dirname(full)
  const folder = existing ? null : await stat(target).catch(() => null)
  if (!existing && !folder?.isDirectory()) refuse(`the folder ${dirname(full)} does not exist`)
  await access(target, constants.W_OK).catch(() =>
    refuse(existing ? 'the file is not writable' : `the folder ${dirname(full)} is not writable`),
  )
}

/**
 * Refuses a file that cannot be read before anything else happens: a mistyped name must not open
 * (and so create) a workspace first.
 */
async function checkImportFile(path: string, what = ''): Promise<void> {
  const found = await stat(path).catch((err: NodeJS.ErrnoException) =>
    err.code === 'ENOENT' ? null : Promise.reject(err),
  )
  if (!found) throw new UsageError(`Cannot read ${what}${path}: there is no such file`)
  if (found.isDirectory()) throw new UsageError(`Cannot read ${what}${path}: it is a folder, not a file`)
  await access(path, constants.R_OK).catch(() => {
    throw new UsageError(`Cannot read ${what}${path}: the file is not readable (check its permissions)`)
  })
}

/**
 * One overwritten terminal line: `opening the workbook: 12,000 rows seen` (an XLSX file's first
 * pass), `reading: 12,000 rows` or `writing: 5,000 of 40,000 rows`.
 */
export function importProgressLine(p: ImportProgress): string {
  const n = (v: number) => v.toLocaleString('en-US')
  if (p.phase === 'opening') return `opening the workbook: ${n(p.rows)} rows seen`
  return `${p.phase}: ${p.total !== null && p.phase === 'writing' ? `${n(p.rows)} of ${n(p.total)}` : n(p.rows)} rows`
}

/**
 * A file refused as the format `--format` named, when its extension names another: the refusal
 * alone ("Missing required columns … Headers found: "{"" for a .json read as CSV) did not say why.
 */
async function formatHint<T>(
  file: string,
  given: string | undefined,
  work: Promise<T>,
  headerRowGiven = false,
): Promise<T> {
  try {
    return await work
  } catch (err) {
    const refused = err instanceof UsageError || (err instanceof CoreError && err.code === 'BAD_REQUEST')
    if (!refused) throw err
    let byExtension: string | null
    try {
      byExtension = detectFormat(file)
    } catch {
      byExtension = null
    }
    if (given !== undefined && byExtension !== null && byExtension !== given.toLowerCase())
      throw new UsageError(
        `${err.message} (--format ${given} read this ${extname(file).toLowerCase()} file as ${given.toUpperCase()}; without --format it is read as ${byExtension.toUpperCase()})`,
      )
    // Columns not found in a sheet or CSV whose header the search could not tell (names of its own
    // below a title): the row can be named, which the refusal alone does not say.
    const format = given?.toLowerCase() ?? byExtension
    if (
      !headerRowGiven &&
      format !== 'json' &&
      format !== null &&
      err instanceof CoreError &&
      (err.reason?.code === 'required_columns_missing' || err.reason?.code === 'mapped_columns_missing')
    )
      throw new CoreError(
        err.code,
        `${err.message} If the column names are on a later row (below a title), say which with --header-row N.`,
        err.reason,
      )
    throw err
  }
}

/**
 * A mapping file's JSON refused "at position 34" (a count of characters nobody can find in a file
 * written by hand) said at its line and column instead, with the line itself beneath.
 */
function atLine(err: unknown, path: string): unknown {
  if (!(err instanceof CoreError) || err.reason?.code !== 'mapping_file_not_json') return err
  const detail = String(err.reason.params?.['detail'] ?? '')
  const at = / in JSON at position (\d+)/.exec(detail)
  if (!at) return err
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch {
    return err
  }
  const position = Number(at[1])
  const before = text.slice(0, position).split(/\r?\n/)
  const line = before.length
  const column = (before.at(-1) ?? '').length + 1
  const shown = (text.split(/\r?\n/)[line - 1] ?? '').trimEnd()
  // JSON allows no comma after the last entry, which JSON.parse says only as a name it expected.
  const trailingComma = /,\s*$/.test(text.slice(0, position)) && /^\s*[}\]]/.test(text.slice(position))
  return new UsageError(
    `Mapping file ${path} is not valid JSON at line ${line}, column ${column}: ${detail.replace(at[0], '')}` +
      (trailingComma ? '; JSON allows no comma after the last entry' : '') +
      (shown.length <= 200 ? `\n  ${line} | ${shown}` : ''),
  )
}

/** `--header-row N`: a row number from 1, as the file (and the row error lines) count rows. */
function headerRowOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(
      `--header-row takes a row number (1 or more) as the file counts its rows, such as --header-row 3: got ${JSON.stringify(value)}`,
    )
  return n
}

/** Said at once on Ctrl+C or SIGTERM, below the progress: the import stops between two rows or chunks. */
function stopping(progress: Progress, signal: StopSignal): void {
  progress.done()
  process.stderr.write(`stopping (${signalLabel(signal)}): nothing will be written\n`)
}

/** A second press while the import is still stopping: the process quits, the write never commits. */
const forcedQuit = (signal: StopSignal): string =>
  `quit at once (${signalLabel(signal)} again), without cleaning up: nothing was written ` +
  '(the unfinished write is rolled back when the workspace is next opened)'

/** Adds `import FILE [--format] [--mapping] [--sheet] [--header-row N] [--dry-run] [--allow-errors] [--error-report FILE]`. */
export function addImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import SRs from a CSV (UTF-8 or CP949), XLSX or JSON file; nothing is written while any row has an error (unless --allow-errors)',
    )
    .argument('<file>')
    .option(
      '--format <format>',
      'csv, xlsx or json (default: from the extension: .csv .tsv .txt, .xlsx, .json .jsonl .ndjson)',
    )
    .option(
      '--mapping <file>',
      'a JSON file naming the headers of other layouts, e.g. {"columns": {"id": "Ticket No", "tenant": "Customer"}, ' +
        '"values": {"status": {"처리중": "IN_PROGRESS"}}, "timeZone": "Asia/Seoul"} (checked before the file is read)',
    )
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option(
      '--header-row <n>',
      'CSV/XLSX: the row holding the column names, numbered as the file counts its rows; the rows above it ' +
        'are skipped as a title (default: the row among the first ones naming the most known columns)',
    )
    .option(
      '--source <name>',
      `source name the rows are kept under as import:NAME (default file; up to ${IMPORT_SOURCE_NAME_MAX} characters, no ":"); ` +
        "files exported from the same system need the same name, a system whose ids overlap another's its own",
    )
    .option('--dry-run', 'check and report, write nothing')
    .option('--allow-errors', 'import the valid rows even when some rows have errors')
    .option('--error-report <file>', 'write the row errors to this CSV')
    .addHelpText(
      'after',
      '\nExit code 1 when rows have errors (without --allow-errors) or Ctrl+C or SIGTERM stopped it:\n' +
        'nothing is written then; 2 when the file, its format or the mapping cannot be used. A second\n' +
        'Ctrl+C later than half a second quits at once (exit code 130; 143 for SIGTERM), nothing written.',
    )
    .action(async (file: string, local: Record<string, string | boolean | undefined>, cmd: Command) => {
      const str = (k: string): string | undefined =>
        typeof local[k] === 'string' ? (local[k] as string) : undefined
      const headerRow = headerRowOption(str('headerRow'))
      const fileOptions = (): Partial<ImportOptions> => ({
        ...(str('format') ? { format: str('format') } : {}),
        ...(str('mapping') ? { mapping: str('mapping') } : {}),
        ...(str('sheet') ? { sheet: str('sheet') } : {}),
        ...(headerRow !== undefined ? { headerRow } : {}),
        // Composed as the app's wizard takes it (a decomposed 한글 name pasted from a macOS file name).
        ...(str('source') ? { sourceName: (str('source') as string).normalize('NFC').trim() } : {}),
        // Every row error goes to the report as the file is read; the answer lists the first 1,000.
        ...(str('errorReport') ? { errorReport: str('errorReport') } : {}),
      })
      const finish = (result: ImportResult, json: boolean | undefined): void => {
        const reportPath =
          str('errorReport') && result.errorsTotal > 0 ? (str('errorReport') as string) : null
        print(result, json, (r) => resultText(r, reportPath))
        if (result.status === 'rejected' || result.status === 'cancelled') process.exitCode = 1
      }
      // Before the file or the workspace is looked at: the app's wizard refuses the same names.
      const source = local['source']
      if (typeof source === 'string') {
        const problem = importSourceNameProblem(source)
        if (problem)
          throw new UsageError(
            `Cannot use --source ${JSON.stringify(source)}: ${IMPORT_SOURCE_NAME_MESSAGES[problem]}`,
          )
      }
      // A format there is no reader for is the option's mistake, said before the file is read (it
      // was said as the file's: "… (--format xls read this .csv file as XLS …)", which nothing had).
      const formatGiven = str('format')
      if (
        formatGiven !== undefined &&
        !(IMPORT_FORMATS as readonly string[]).includes(formatGiven.toLowerCase())
      )
        throw new UsageError(
          `--format takes csv, xlsx or json, not ${JSON.stringify(formatGiven)}` +
            (formatGiven.toLowerCase() === 'xls'
              ? ': old Excel .xls workbooks are not read; save the sheet as .xlsx or CSV and import that'
              : " (without --format, the file's extension says which)"),
        )
      await checkImportFile(file)
      // Refused, not dropped, as source add does with options its kind has no use for.
      const sheet = str('sheet')
      if (sheet !== undefined) {
        let format: string | null = null
        try {
          format = detectFormat(file, str('format'))
        } catch {
          // The import says why the format cannot be told.
        }
        if (format !== null && format !== 'xlsx')
          throw new UsageError(
            `--sheet ${JSON.stringify(sheet)} names a sheet of an XLSX workbook, and ${file} is read as ${format.toUpperCase()}`,
          )
      }
      // As --sheet: a JSON file has no rows to choose the header from.
      if (headerRow !== undefined) {
        let format: string | null = null
        try {
          format = detectFormat(file, str('format'))
        } catch {
          // The import says why the format cannot be told.
        }
        if (format === 'json')
          throw new UsageError(
            `--header-row names the row of column names of a CSV file or a sheet, and ${file} is read as JSON, whose records name their fields`,
          )
      }
      // The mapping too, whole (its JSON and keys): it was read only once the workspace was open,
      // so a mistyped --mapping made an empty workspace in a new --data-dir before it was refused.
      const mapping = str('mapping')
      if (mapping) {
        await checkImportFile(mapping, 'the mapping file ')
        await loadMapping(mapping).catch((err: unknown) => Promise.reject(atLine(err, mapping)))
      }
      const reportOption = str('errorReport')
      if (reportOption) await checkReportPath(reportOption)
      if (local['dryRun']) {
        // A dry run only reads the file: it neither opens (nor creates) the workspace nor logs a run.
        const opts = cmd.optsWithGlobals<GlobalOptions>()
        const zone = opts.tz ?? process.env['OPS_CONSOLE_TZ'] ?? DEFAULT_TIME_ZONE
        if (!isValidTimeZone(zone))
          throw new UsageError(`Unknown time zone "${zone}" (use an IANA name such as Asia/Seoul)`)
        const progress = progressOn(process.stderr, { enabled: !opts.json })
        // Ctrl+C stops reading a long file as it stops a real import (it killed the process before).
        const sigint = stopOnSignals((signal) => stopping(progress, signal), { forced: forcedQuit })
        let preview
        try {
          preview = await formatHint(
            file,
            str('format'),
            previewImport(file, {
              timeZone: zone,
              cancelled: () => sigint.interrupted,
              onProgress: (p) => progress.show(p.phase, importProgressLine(p)),
              ...fileOptions(),
            }),
            headerRow !== undefined,
          )
        } catch (err) {
          if (!(err instanceof ImportCancelled)) throw err
          return finish(cancelledResult(file, { timeZone: zone, ...fileOptions() }), opts.json)
        } finally {
          sigint.dispose()
          progress.done()
        }
        // What a real import would answer: rejected when rows have errors, else a dry run.
        const status =
          preview.errorCount > 0 && (!local['allowErrors'] || preview.validCount === 0)
            ? 'rejected'
            : 'dry-run'
        finish({ ...preview, status, written: 0, skippedStale: 0, watermark: null }, opts.json)
        return
      }
      const opts = cmd.optsWithGlobals<GlobalOptions>()
      const progress = progressOn(process.stderr, { enabled: !opts.json })
      // An existing workspace is opened first (its sync log keeps a refused import); a new one is
      // made only once the file has rows to write, so a file refused for its columns or rows, or an
      // import stopped while the file is read, leaves no empty workspace behind in a new --data-dir
      // (one stopped while its rows are written removes the workspace it made, below).
      const workspace = lazyCliContext(opts, (step, line) => progress.show(step, line))
      const target = workspace.exists
        ? workspace.open().workspace.store
        : () => workspace.open().workspace.store
      // As the app refuses it: a name differing from one in use only in its capitals would keep the
      // same system's SRs a second time beside it (a new workspace holds no source to differ from).
      const sourceName = fileOptions().sourceName
      if (typeof target !== 'function' && sourceName !== undefined) {
        try {
          refuseLookalikeImportSource(target, sourceName)
        } catch (err) {
          workspace.close()
          throw err
        }
      }
      /** Removes the workspace this import made, if it did, saying so: its rows were not written. */
      const discardNew = (): void => {
        const removed = workspace.discardIfMade()
        if (removed !== null)
          process.stderr.write(`note: removed the new workspace in ${removed} again: nothing was imported\n`)
      }
      try {
        // Ctrl-C stops the import between rows while the file is read and between chunks while it is
        // written (the event loop runs between them; nothing else uses this connection); the write
        // transaction then rolls back, so nothing is written either way.
        const sigint = stopOnSignals((signal) => stopping(progress, signal), { forced: forcedQuit })
        const result = await formatHint(
          file,
          str('format'),
          runImport(target, file, {
            timeZone: workspace.zone,
            cancelled: () => sigint.interrupted,
            yieldWhileWriting: true,
            record: recordImportRun(basename(file)),
            onProgress: (p) => progress.show(p.phase, importProgressLine(p)),
            ...fileOptions(),
            ...(local['allowErrors'] ? { allowErrors: true } : {}),
          }),
          headerRow !== undefined,
        )
          .catch((err: unknown) => {
            sigint.dispose()
            // An import that failed (the disk full or refusing, say) committed none of its rows: the
            // write rolled back. A workspace it made for them goes again, as a cancelled one's does
            // (before, it stayed, holding only the failed run's log entry). The error is said either way.
            progress.done()
            try {
              discardNew()
            } catch {
              // What could not be removed stays; the import's own error is the one to tell.
            }
            throw err
          })
          .finally(() => progress.done())
        // As the app does after an import (its after-sync hook): the KPIs follow the new rows; a stop
        // asked during the recalculation rolls it back (the rows stay imported).
        const recalc =
          result.status === 'imported'
            ? await recalculateStoppably(workspace.open(), progress, sigint, 'imported')
            : 'done'
        sigint.dispose()
        // A cancelled import into a --data-dir that held no workspace leaves none, as a refused one
        // does: the workspace made for its rows goes again (before, an empty workspace stayed behind,
        // its sync log holding only the cancelled run). One that was there keeps its contents.
        if (result.status === 'cancelled') discardNew()
        finish(result, opts.json)
        if (recalc === 'stopped') process.exitCode = 1
      } finally {
        progress.done()
        workspace.close()
      }
    })
}
