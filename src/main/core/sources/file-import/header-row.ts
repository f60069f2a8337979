// Which row of a CSV file or a sheet is the header. Korean institutions' reports often start with a
// title block above the table ("2026년 3월 서비스 요청 처리 현황", a line "작성일: … 작성자: …", a blank
// row): taking the first non-blank row as the header made the title the only "column". The header is
// the row among the first ones that names the most known columns instead.
import { CoreError, reason } from '../../errors'
import { normalizeHeader } from './mapping'
import { CellProblem, type Cell, type RawRow } from './types'

/**
 * Non-blank rows looked at for the header. A title block is a few rows (a title, a date and author
 * line, a unit or a note, now and then a small summary table of a dozen rows); 30 is well beyond
 * that and keeps what is held back small (30 rows, plus the blank rows between them).
 */
export const HEADER_SEARCH_ROWS = 30

/**
 * Rows read at most while looking (blank ones too): a sheet with thousands of empty formatted rows
 * between its title and its table must not be held in memory while the search goes on.
 */
export const HEADER_SEARCH_READ = 1_000

/** Known columns a row must name to be taken as the header. */
export const HEADER_MIN_NAMES = 2

/** The header found, and the rows read after it, to be read as data before the rest of the file. */
export type FoundHeader = {
  /** The header row's number (as the reader counts rows: Excel's). */
  row: number
  headers: string[]
  /** Set when the header is not the first non-blank row: the rows above it were skipped. */
  titleSkipped?: { headerRow: number; rows: number }
  /** Rows read after the header while looking: the first data rows. */
  after: RawRow[]
  /**
   * Picked by the search with no row naming HEADER_MIN_NAMES known columns: the first non-blank
   * row, which may be a title (the wizard says so, and offers to choose another). False for a row
   * asked for.
   */
  fallback: boolean
  /**
   * The first HEADER_SEARCH_ROWS non-blank rows read (as header text), each a row the user may
   * choose as the header instead: the wizard's list.
   */
  candidates: HeaderCandidate[]
}

/** A non-blank row that may be chosen as the header: its number and its cells as text. */
export type HeaderCandidate = { row: number; cells: string[] }

/** How many distinct known columns a row names (a merged title repeats its text: it counts once). */
export function namedColumns(cells: readonly Cell[], known: ReadonlySet<string>): number {
  const named = new Set<string>()
  for (const c of cells) {
    const key = normalizeHeader(headerText(c))
    if (key && known.has(key)) named.add(key)
  }
  return named.size
}

/** A cell as header text. */
export function headerText(c: Cell): string {
  if (c === null) return ''
  if (c instanceof Date) return c.toISOString()
  if (c instanceof CellProblem) return c.shown.trim()
  return String(c).trim()
}

const isBlank = (cells: readonly Cell[]): boolean => cells.every((c) => c === null || headerText(c) === '')

/**
 * Reads rows until HEADER_SEARCH_ROWS non-blank ones (or HEADER_SEARCH_READ rows, or the end) and
 * picks the header: the first row naming the most `known` columns, at least HEADER_MIN_NAMES; with
 * none that does, the first non-blank row (a file with headers of its own, mapped by hand). Null for
 * a file with no non-blank row. `next` gives the rows in order, null at the end.
 *
 * `headerRow` (the file's own row number, as the previews count rows) is the header asked for: it
 * wins over the search, and the rows above it are skipped as a title. A row past the end of the file
 * or a blank one is refused (BAD_REQUEST).
 */
export async function findHeader(
  next: () => Promise<RawRow | null>,
  known: ReadonlySet<string>,
  headerRow?: number,
): Promise<FoundHeader | null> {
  if (headerRow !== undefined) return headerAt(next, headerRow)
  const read: RawRow[] = []
  const candidates: HeaderCandidate[] = []
  let nonBlank = 0
  let best = -1
  let bestNames = HEADER_MIN_NAMES - 1
  for (;;) {
    const row = await next()
    if (row === null) break
    const blank = isBlank(row.cells)
    // Blank rows above the first non-blank one are neither title nor data: not kept.
    if (read.length === 0 && blank) continue
    read.push(row)
    if (!blank) {
      nonBlank++
      candidates.push(candidate(row))
      const names = namedColumns(row.cells, known)
      if (names > bestNames) {
        best = read.length - 1
        bestNames = names
      }
    }
    if (nonBlank >= HEADER_SEARCH_ROWS || read.length >= HEADER_SEARCH_READ) break
  }
  if (read.length === 0) return null
  const at = best === -1 ? 0 : best
  const header = read[at]!
  return {
    row: header.row,
    headers: header.cells.map(headerText),
    ...(at > 0 ? { titleSkipped: { headerRow: header.row, rows: header.row - read[0]!.row } } : {}),
    after: read.slice(at + 1),
    fallback: best === -1,
    candidates,
  }
}

const candidate = (row: RawRow): HeaderCandidate => ({ row: row.row, cells: row.cells.map(headerText) })

/**
 * The header asked for: row `headerRow`. The rows above it are skipped (the non-blank ones kept as
 * candidates only, up to HEADER_SEARCH_ROWS); after it, rows are read on as the search does, so the
 * wizard's list of rows to choose from stays the same whichever row is chosen.
 */
async function headerAt(next: () => Promise<RawRow | null>, headerRow: number): Promise<FoundHeader | null> {
  const candidates: HeaderCandidate[] = []
  let firstNonBlank: number | null = null
  let last: number | null = null
  let header: RawRow | null = null
  for (;;) {
    const row = await next()
    if (row === null) break
    last = row.row
    const blank = isBlank(row.cells)
    if (!blank) {
      firstNonBlank ??= row.row
      if (candidates.length < HEADER_SEARCH_ROWS) candidates.push(candidate(row))
    }
    // A sheet leaves out the rows it holds nothing in: one numbered past it means the row is blank.
    if (row.row > headerRow || (row.row === headerRow && blank)) {
      if (firstNonBlank === null && !(await anyNonBlank(next))) return null
      throw blankHeaderRow(headerRow)
    }
    if (row.row === headerRow) {
      header = row
      break
    }
  }
  if (header === null) {
    if (firstNonBlank === null) return null
    throw new CoreError(
      'BAD_REQUEST',
      `Header row ${headerRow.toLocaleString('en-US')} is past the end of the file: its last row is ${(last ?? 0).toLocaleString('en-US')}`,
      reason('header_row_past_end', { row: headerRow, last: last ?? 0 }),
    )
  }
  // Read on as the search would, for the same list of rows to choose from.
  const after: RawRow[] = []
  let read = 0
  while (candidates.length < HEADER_SEARCH_ROWS && read < HEADER_SEARCH_READ) {
    const row = await next()
    if (row === null) break
    read++
    after.push(row)
    if (!isBlank(row.cells)) candidates.push(candidate(row))
  }
  const above = firstNonBlank === null ? 0 : header.row - firstNonBlank
  return {
    row: header.row,
    headers: header.cells.map(headerText),
    ...(above > 0 ? { titleSkipped: { headerRow: header.row, rows: above } } : {}),
    after,
    fallback: false,
    candidates,
  }
}

/** Whether a non-blank row follows (looking at HEADER_SEARCH_READ rows at most): else the file is empty. */
async function anyNonBlank(next: () => Promise<RawRow | null>): Promise<boolean> {
  for (let i = 0; i < HEADER_SEARCH_READ; i++) {
    const row = await next()
    if (row === null) return false
    if (!isBlank(row.cells)) return true
  }
  return true
}

function blankHeaderRow(row: number): CoreError {
  return new CoreError(
    'BAD_REQUEST',
    `Header row ${row.toLocaleString('en-US')} is blank: choose the row that holds the column names`,
    reason('header_row_blank', { row }),
  )
}
