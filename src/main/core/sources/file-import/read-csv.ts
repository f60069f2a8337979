// Streaming CSV reader: decodes and parses chunk by chunk, so a 200 MB export is never held as one
// string. Quoted fields may contain delimiters, quotes ("") and newlines, as Excel writes them.
import { Readable } from 'node:stream'
import { parse, CsvError } from 'csv-parse'
import { CoreError, reason } from '../../errors'
import { decodeBytes, decodeFile, detectEncoding } from './decode'
import { checkText } from './detect'
import { findHeader, type FoundHeader } from './header-row'
import { knownHeaders } from './mapping'
import type { HeaderOptions, ImportLimits, RawRow, Table } from './types'

const DELIMITERS = [',', ';', '\t'] as const

/**
 * The delimiter used most often outside quotes in the first line that holds one (comma when none
 * is found): a sheet whose first rows are blank, saved as CSV, starts with empty lines, and a title
 * line above the header written by hand ("2026년 3월 처리 현황" in a tab-separated file) holds none.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  let lineHasDelimiter = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (lineHasDelimiter) break
    } else if (!quoted && counts.has(ch)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1)
      lineHasDelimiter = true
    }
  }
  let best = ','
  let bestCount = 0
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
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
  const parser = Readable.from(decodeFile(path, encoding)).pipe(
    parse({
      delimiter: hint ?? detectDelimiter(headText),
      ...(hint ? { from_line: 2 } : {}),
      relax_column_count: true,
      skip_empty_lines: false,
      // Excel writes "a"b" style quotes rarely; a strict parser would stop a whole import for one cell.
      relax_quotes: true,
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
    found = await findHeader(nextRow, opts.knownHeaders ?? knownHeaders(), opts.headerRow)
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
