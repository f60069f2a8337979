// Streaming CSV reader: decodes and parses chunk by chunk, so a 200 MB export is never held as one
// string. Quoted fields may contain delimiters, quotes ("") and newlines, as Excel writes them.
import { Readable } from 'node:stream'
import { parse, CsvError } from 'csv-parse'
import { parse as parseText } from 'csv-parse/sync'
import { CoreError, reason } from '../../errors'
import { decodeBytes, decodeFile, detectEncoding } from './decode'
import { checkText } from './detect'
import {
  findHeader,
  HEADER_MIN_NAMES,
  HEADER_SEARCH_ROWS,
  namedColumns,
  type FoundHeader,
} from './header-row'
import { knownHeaders } from './mapping'
import type { HeaderOptions, ImportLimits, RawRow, Table } from './types'

const DELIMITERS = [',', ';', '\t', '|'] as const

/** How a CSV file is read, besides its delimiter: the import, and the delimiter guess on the file's head. */
const CSV_OPTIONS = {
  relax_column_count: true,
  skip_empty_lines: false,
  // Excel writes "a"b" style quotes rarely; a strict parser would stop a whole import for one cell.
  relax_quotes: true,
} as const

/** The bytes of a file's start its readers are given (import.ts readHead): a shorter head is the whole file. */
const HEAD_BYTES = 65_536

/**
 * The delimiter of a CSV file, told from its first records (`head`: the start of its text; `whole`:
 * false when the file goes on past it, so its last line may be cut). Each of comma, semicolon, tab
 * and pipe splits the first HEADER_SEARCH_ROWS non-blank records (quotes respected); the one whose
 * best row names the most known columns (at least HEADER_MIN_NAMES, as the header search asks) wins,
 * else the one giving the most records the same number of fields (then the most fields). Comma when
 * none splits anything (a file of one column). One line was looked at before: a semicolon file as
 * European Excel saves it, with a comma in its title line ("보고서, 2026년 3월"), was read as commas, a
 * single column of the title.
 */
export function detectDelimiter(
  head: string,
  known: ReadonlySet<string> = knownHeaders(),
  whole = true,
): string {
  let best: string = DELIMITERS[0]
  let bestScore = [0, 0, 0]
  for (const d of DELIMITERS) {
    const records = sampleRecords(head, d, HEADER_SEARCH_ROWS, whole)
    const names = Math.max(0, ...records.map((r) => namedColumns(r, known)))
    const score = [names >= HEADER_MIN_NAMES ? names : 0, ...consistency(records)]
    if (greater(score, bestScore)) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** Whether `a` comes after `b`, compared number by number. */
function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}

/**
 * How consistently records split: how many records share the most common number of fields above one,
 * and that number (the larger of two as common). A table split by its own delimiter gives its header
 * and rows the same fields; another delimiter splits the odd line (a title, a text with a comma in
 * it), or the rows but not the header (a column of "a;b;c" lists in a comma file).
 */
function consistency(records: readonly string[][]): [records: number, fields: number] {
  const counts = new Map<number, number>()
  for (const r of records) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1)
  let best: [number, number] = [0, 0]
  for (const [fields, n] of counts) if (n > best[0] || (n === best[0] && fields > best[1])) best = [n, fields]
  return best
}

/**
 * The first `max` non-blank records of `text` split by `delimiter`, read by csv-parse with the
 * import's options (CSV_OPTIONS): the records the import reads. With `whole` false the text is the
 * start of a longer file, its last record cut short, and it is read only up to its last line break; a
 * quote still open there (the cut runs through a quoted field holding line breaks) is never closed,
 * and skip_records_with_error drops its record, the cut one. A head that is one record longer than
 * itself gives none. A quote not closed by the end of a whole text gives the records before it, where
 * the import stops with an error.
 */
export function sampleRecords(text: string, delimiter: string, max: number, whole = true): string[][] {
  let end = text.length
  if (!whole) {
    // Up to the last line break, and without the line breaks there: a CR whose LF the cut left out
    // would be read as text in a CRLF file.
    end = Math.max(0, text.lastIndexOf('\n'), text.lastIndexOf('\r'))
    while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--
  }
  return parseText(text.slice(0, end), {
    ...CSV_OPTIONS,
    delimiter,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    to: max,
  })
}

/**
 * Excel's delimiter hint: a first line "sep=;" (or "sep=\t", "sep=,"), which Excel writes for a
 * delimiter other than the system's and reads as no data. It names the delimiter and is no header.
 */
const SEP_HINT = /^\uFEFF?"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\n|\r)/i

/**
 * Opens a CSV file: detects encoding and delimiter, finds the header (below a title block, if the
 * file has one); rows stream on demand.
 */
export async function readCsv(
  path: string,
  head: Buffer,
  limits: ImportLimits,
  opts: HeaderOptions = {},
): Promise<Table> {
  const { encoding, invalid, firstInvalidAt } = await detectEncoding(path, head)
  // Decoding a head cut mid-character yields one U+FFFD at the end: harmless for both checks.
  const headText = decodeBytes(head, encoding)
  checkText(headText, 'csv')
  const hint = SEP_HINT.exec(headText)?.[1]
  const known = opts.knownHeaders ?? knownHeaders()
  const parser = Readable.from(decodeFile(path, encoding)).pipe(
    parse({
      delimiter: hint ?? detectDelimiter(headText, known, head.length < HEAD_BYTES),
      ...(hint ? { from_line: 2 } : {}),
      ...CSV_OPTIONS,
    }),
  )
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>
  // Records count from the top of the file (after a sep= line), so row numbers stay the
  // spreadsheet's: blank lines and a title block above the header are rows too.
  let row = hint ? 1 : 0
  const nextRow = async (): Promise<RawRow | null> => {
    const next = await nextRecord(records)
    if (next.done) return null
    row++
    return { row, cells: next.value }
  }
  // The header is the row among the first that names the most known columns (a title block above
  // it is skipped; see header-row.ts), else the first record that is not blank: a sheet whose first
  // rows are empty, saved as CSV, starts with empty lines (or lines of bare delimiters).
  let found: FoundHeader | null
  try {
    found = await findHeader(nextRow, known, opts.headerRow)
  } catch (err) {
    parser.destroy()
    throw err
  }
  if (!found) {
    parser.destroy()
    throw new CoreError(
      'BAD_REQUEST',
      'The CSV file has no header row (it is empty or blank)',
      reason('csv_no_header'),
    )
  }
  const { headers, after, titleSkipped, fallback, candidates } = found
  const headerRow = found.row
  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for (;;) {
        const next = after.shift() ?? (await nextRow())
        if (next === null) return
        if (next.row - headerRow > limits.maxRows) {
          throw new CoreError(
            'BAD_REQUEST',
            `The file has more than ${limits.maxRows.toLocaleString('en-US')} rows: split it into smaller files`,
            reason('too_many_rows', { limit: limits.maxRows }),
          )
        }
        yield next
      }
    } finally {
      parser.destroy()
    }
  }
  return {
    format: 'csv',
    encoding,
    headers,
    rows: rows(),
    invalidBytes: { count: invalid, firstAt: firstInvalidAt },
    ...(titleSkipped ? { titleSkipped } : {}),
    headerRow: found.row,
    headerFallback: fallback,
    headerCandidates: candidates,
  }
}

async function nextRecord(it: AsyncIterator<string[]>): Promise<IteratorResult<string[]>> {
  try {
    return await it.next()
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines
      throw new CoreError(
        'BAD_REQUEST',
        `CSV syntax error${line ? ` near line ${line}` : ''}: ${err.message}`,
        line
          ? reason('csv_syntax_at', { line, detail: err.message })
          : reason('csv_syntax', { detail: err.message }),
      )
    }
    throw err
  }
}
