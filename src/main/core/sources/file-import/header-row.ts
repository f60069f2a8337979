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
  /** The header row's number (as the reader counts rows: Excel's); the upper of a two-row header. */
  row: number
  headers: string[]
  /**
   * Set when the header is not simply the first non-blank row: the rows above it, skipped as a
   * title (`rows`, 0 when none), and the lower row of a header over two rows (`lastRow`).
   */
  titleSkipped?: HeaderPlace
  /** The lower row of a header over two rows (see headerContinuation). */
  lastRow?: number
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

/**
 * Where the header is when that needs saying: its (first) row, the rows above it skipped as a title
 * (0 for none), and its last row when it spans two.
 */
export type HeaderPlace = { headerRow: number; rows: number; lastRow?: number }

/**
 * A merged cell's origin: the top-left cell (row and 1-based column) of the merged range covering
 * (row, col), or null for a cell that is not merged or is that top-left one. XLSX only.
 */
export type MergedFrom = (row: number, col: number) => { row: number; col: number } | null

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
 *
 * A header over two rows (see headerContinuation; `mergedFrom` tells an XLSX sheet's merged cells)
 * is taken whole: the row found with the one under it, or with the one above it (merged cells repeat
 * their text, so the lower row may name more known columns); a row asked for, with the one under it.
 */
export async function findHeader(
  next: () => Promise<RawRow | null>,
  known: ReadonlySet<string>,
  headerRow?: number,
  mergedFrom?: MergedFrom,
): Promise<FoundHeader | null> {
  if (headerRow !== undefined) return headerAt(next, headerRow, known, mergedFrom)
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
  // The row under the header, to tell a header over two rows, even when the search stopped at it.
  if (at === read.length - 1) {
    const row = await next()
    if (row !== null) read.push(row)
  }
  // A header over two rows: the row found and the one under it, or the one above it (merged cells
  // repeat their text in every cell they cover, so the lower row may name more known columns).
  let top = at
  let two = at + 1 < read.length ? headerContinuation(read[at]!, read[at + 1]!, known, mergedFrom) : null
  if (two === null && at > 0) {
    two = headerContinuation(read[at - 1]!, read[at]!, known, mergedFrom)
    if (two !== null) top = at - 1
  }
  const header = read[top]!
  const last = two === null ? top : top + 1
  const above = header.row - read[0]!.row
  return {
    row: header.row,
    headers: two ?? header.cells.map(headerText),
    ...(two !== null ? { lastRow: read[last]!.row } : {}),
    ...(above > 0 || two !== null
      ? { titleSkipped: place(header.row, above, two !== null ? read[last]!.row : null) }
      : {}),
    after: read.slice(last + 1),
    fallback: best === -1,
    candidates,
  }
}

const place = (headerRow: number, rows: number, lastRow: number | null): HeaderPlace => ({
  headerRow,
  rows,
  ...(lastRow !== null ? { lastRow } : {}),
})

/** Text of its own a header cell never holds: a number, a date or a time ("2026-03-02 09:00", "3,200"). */
const DATA_LIKE = /^[\d\s.,:/+\-()]+$|\d{4}\s*[-./년]/

/**
 * The column names of a header over two rows, `upper` above `lower`, or null when `lower` is no
 * continuation of the header (a data row, or a blank one). A Korean report's header often spans two
 * rows: most of its cells merged down over both ("번호" over rows 4–5), a few group labels merged
 * across the cells they head, with the names under them ("처리" over "시작일시" / "완료일시").
 *
 * `lower` continues the header when it is the very next row, and
 * - every cell of it holding text of its own sits under an empty cell of `upper` or a group label
 *   (merged across; without merge information, a text followed by empty cells that have text below
 *   them, as a CSV file saved from such a sheet has it), and that text is no number or date;
 * - at least one cell of `upper` reaches down into it: merged down (XLSX), or, without merge
 *   information, a name with nothing below it;
 * - with no cell merged down, at least one of its own texts names a known column (a CSV file has no
 *   merge information: this keeps an ordinary data row, whose cells under named columns hold values
 *   anyway, from being taken for one).
 * A title merged across the table above the header has no cell reaching down: it stays a title.
 *
 * Each column is named by the lower row under a group label or an empty cell, else by the upper
 * row; a lower name that two groups share ("일시" under "접수" and under "처리") gets its label
 * in front ("접수 일시").
 */
export function headerContinuation(
  upper: RawRow,
  lower: RawRow,
  known: ReadonlySet<string>,
  mergedFrom?: MergedFrom,
): string[] | null {
  if (lower.row !== upper.row + 1) return null
  const width = Math.max(upper.cells.length, lower.cells.length)
  const up = (c: number): string => headerText(upper.cells[c] ?? null)
  const below = (c: number): string => headerText(lower.cells[c] ?? null)
  /** The top-left of the merged range covering (row, column index c), or the cell itself. */
  const origin = (row: number, c: number): string => {
    const o = mergedFrom?.(row, c + 1)
    return o ? `${o.row}:${o.col}` : `${row}:${c + 1}`
  }
  const acrossAt = (c: number): boolean => {
    const o = origin(upper.row, c)
    return (
      o.startsWith(`${upper.row}:`) &&
      ((c > 0 && origin(upper.row, c - 1) === o) || (c + 1 < width && origin(upper.row, c + 1) === o))
    )
  }
  const group = (c: number): boolean =>
    up(c) !== '' &&
    (acrossAt(c) || (c + 1 < width && up(c + 1) === '' && !acrossAt(c + 1) && below(c + 1) !== ''))
  const names: string[] = []
  const ownText: boolean[] = []
  let down = 0
  let mergedDown = 0
  let texts = 0
  let knownBelow = 0
  for (let c = 0; c < width; c++) {
    const u = up(c)
    const l = below(c)
    const o = mergedFrom?.(lower.row, c + 1)
    if (o && o.row === upper.row) {
      mergedDown++
      down++
    } else if (l !== '') {
      const cell = lower.cells[c]
      if (typeof cell !== 'string' || DATA_LIKE.test(l) || !(u === '' || group(c))) return null
      texts++
      if (known.has(normalizeHeader(l))) knownBelow++
      names.push(l)
      ownText.push(true)
      continue
    } else if (u !== '' && !group(c)) down++
    names.push(u)
    ownText.push(false)
  }
  if (down === 0 || (mergedDown === 0 && knownBelow === 0) || texts + mergedDown === 0) return null
  // A name two groups share: the group's label in front of it.
  const seen = new Map<string, number>()
  for (const n of names) seen.set(normalizeHeader(n), (seen.get(normalizeHeader(n)) ?? 0) + 1)
  return names.map((n, c) => {
    if (!ownText[c] || (seen.get(normalizeHeader(n)) ?? 0) < 2) return n
    let label = ''
    for (let k = c; k >= 0 && label === ''; k--) label = up(k)
    return label ? `${label} ${n}` : n
  })
}

const candidate = (row: RawRow): HeaderCandidate => ({ row: row.row, cells: row.cells.map(headerText) })

/**
 * The header asked for: row `headerRow`. The rows above it are skipped (the non-blank ones kept as
 * candidates only, up to HEADER_SEARCH_ROWS); after it, rows are read on as the search does, so the
 * wizard's list of rows to choose from stays the same whichever row is chosen.
 */
async function headerAt(
  next: () => Promise<RawRow | null>,
  headerRow: number,
  known: ReadonlySet<string>,
  mergedFrom?: MergedFrom,
): Promise<FoundHeader | null> {
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
  if (after.length === 0) {
    const row = await next()
    if (row !== null) after.push(row)
  }
  // The row asked for may be the upper of a header over two rows (not the lower: asking for that
  // one reads it alone, the row above as a title).
  const two = after.length > 0 ? headerContinuation(header, after[0]!, known, mergedFrom) : null
  const lastRow = two !== null ? after.shift()!.row : null
  return {
    row: header.row,
    headers: two ?? header.cells.map(headerText),
    ...(lastRow !== null ? { lastRow } : {}),
    ...(above > 0 || lastRow !== null ? { titleSkipped: place(header.row, above, lastRow) } : {}),
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
