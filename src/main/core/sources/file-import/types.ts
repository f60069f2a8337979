// Shapes shared by the file-import readers, the column mapping and the validator.
import type { SrInput } from '../../db/repositories/service-requests'
import type { ImportRowErrorCode, ImportRowErrorReason } from '../../../../shared/ipc/types-sync'
import { CoreError } from '../../errors'
import type { HeaderCandidate, HeaderPlace } from './header-row'

/** A row error's code and params, which the UI words in its language (see ImportRowErrorReason). */
export type RowErrorCode = ImportRowErrorCode
export type RowErrorReason = ImportRowErrorReason

export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** How the bytes of a text file were decoded; 'binary' for XLSX (a zip, no text encoding). */
export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'cp949' | 'binary'

/**
 * One cell as a reader gives it. Readers keep the native type so the validator can tell an Excel
 * date (Date / serial number) from text, and a JSON number (epoch ms) from an Excel serial.
 */
export type Cell = string | number | boolean | Date | CellProblem | null

/**
 * A cell with no usable value that must not pass for blank: an XLSX formula saved without its
 * result, or an Excel error value (#DIV/0!, #N/A). A mapped column holding one is a row error.
 */
export class CellProblem {
  constructor(
    /** Why, naming the cell (e.g. 'formula error #DIV/0! in cell D7'). */
    readonly message: string,
    /** What the cell shows, for the error report and the raw record. */
    readonly shown: string,
    /** The message as a code and params; the validator adds the column. */
    readonly reason: RowErrorReason,
  ) {}
}

/**
 * One data record; `row` counts as a spreadsheet user does, from the file's first row (a header on
 * row 1 has its first data row 2; one below a title block or blank rows, later ones).
 */
export type RawRow = {
  row: number
  cells: Cell[]
  /** Why the record has no cells at all (a JSON record that is not an object); a row error. */
  problem?: { message: string; reason: RowErrorReason }
}

/** A file opened by a reader: its header and a one-pass stream of records. */
export type Table = {
  format: ImportFormat
  encoding: ImportEncoding
  headers: string[]
  rows: AsyncIterable<RawRow>
  /** CSV/JSON: byte sequences the chosen encoding could not decode (each is a U+FFFD in the text). */
  invalidBytes?: { count: number; firstAt: number | null }
  /** XLSX only: the workbook counts dates from 1904 (Mac Excel's date system), not 1900. */
  date1904?: boolean
  /**
   * CSV/XLSX: set when the header is not simply the first non-blank row: its row, the rows from the
   * first non-blank one down to it, skipped as a title (never read as data; 0 for none), and its
   * last row when it spans two (header-row.ts headerContinuation).
   */
  titleSkipped?: HeaderPlace
  /** CSV/XLSX: the header's row number (the file's own; the upper one of a header over two rows). */
  headerRow?: number
  /**
   * CSV/XLSX: the header was picked by the search for want of a row naming known columns: the
   * first non-blank row, which may be a title.
   */
  headerFallback?: boolean
  /** CSV/XLSX: the first non-blank rows, any of which may be asked for as the header instead. */
  headerCandidates?: HeaderCandidate[]
  /** XLSX only: every sheet of the workbook, in order, and the one read. */
  sheets?: string[]
  sheet?: string
}

/**
 * How a reader finds the header row: the headers it may hold, as normalizeHeader keys (default: the
 * canonical names and their aliases; mapping.ts knownHeaders adds a mapping's file columns).
 */
export type HeaderOptions = {
  knownHeaders?: ReadonlySet<string>
  /**
   * The header's row number (the file's own, 1-based), asked for by the user: it wins over the
   * search, the rows above it are skipped as a title.
   */
  headerRow?: number
}

/** Caps that keep a mistaken or hostile file from exhausting memory. */
export type ImportLimits = { maxBytes: number; maxRows: number }

export const DEFAULT_LIMITS: ImportLimits = { maxBytes: 200 * 1024 * 1024, maxRows: 2_000_000 }

/** A problem with one row; `row` as a spreadsheet user counts (the file's first row = 1). */
export type RowError = {
  row: number
  column: string
  value: string
  /** English: the CLI, its JSON output and the error report show it as is. */
  message: string
  reason: RowErrorReason
}

/** A valid row ready for the store, with where it came from. */
export type ValidRow = { row: number; sr: SrInput }

/** Thrown when `cancelled()` says so; callers turn it into their own answer. */
export class ImportCancelled extends CoreError {
  constructor() {
    super('CONFLICT', 'The import was cancelled; nothing was written', { code: 'import_cancelled' })
  }
}
