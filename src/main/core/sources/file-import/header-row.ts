// Which row of a CSV file or a sheet is the header. Korean institutions' reports often start with a
// title block above the table ("2026년 3월 서비스 요청 처리 현황", a line "작성일: … 작성자: …", a blank
// row): taking the first non-blank row as the header made the title the only "column". The header is
// the row among the first ones that names the most known columns instead.
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
}

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
 */
export async function findHeader(
  next: () => Promise<RawRow | null>,
  known: ReadonlySet<string>,
): Promise<FoundHeader | null> {
  const read: RawRow[] = []
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
  }
}
