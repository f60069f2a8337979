// XLSX import through exceljs's streaming WorkbookReader: the first sheet or a named one; the header
// is found among its first rows (header-row.ts). Rows stream one at a time (the first few held back
// while the header is looked for), so memory stays bounded by those rows plus
// the workbook's shared strings (loading a whole 1M-row workbook took over 2 GB and crashed).
// Cells keep their type: a date-formatted cell arrives as a Date (Excel has no time zone, so its UTC
// fields are the wall time), a plain number stays a number (maybe an Excel date serial).
//
// exceljs's streaming reader does not apply merged cells (the <mergeCells> list follows the rows in
// the sheet's XML), so a first pass reads that list from the sheet's raw XML, along with the sheet
// names and the workbook's date system; the second pass fills each merged cell with its top-left
// value, as the whole-workbook reader did.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import ExcelJS from 'exceljs'
import { CoreError, reason } from '../../errors'
import { findHeader, type FoundHeader } from './header-row'
import { knownHeaders } from './mapping'
import {
  CellProblem,
  ImportCancelled,
  type Cell,
  type HeaderOptions,
  type ImportLimits,
  type RawRow,
  type Table,
} from './types'

/**
 * The first pass reads the whole sheet before the first row comes (about 2.4 s for 200,000 rows):
 * it asks `cancelled` between chunks (true throws ImportCancelled) and reports the sheet's rows seen
 * so far to `onOpening`, every 1,000 rows and once at the end.
 */
export type XlsxWatch = { cancelled?: () => boolean; onOpening?: (rows: number) => void }

/** What exceljs's streaming reader has at run time beyond its published types. */
type StreamWorkbook = AsyncIterable<StreamSheet> & {
  stream?: { destroy(): void }
  model?: { sheets?: { name: string }[] }
  properties?: { model?: { date1904?: boolean } }
}
type StreamSheet = AsyncIterable<ExcelJS.Row> & {
  name: string
  /** The sheet's raw XML: a stream of its zip entry, or of a temporary copy when read later. */
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void }
}

type ZipEntry = { setEncoding(encoding: 'utf8'): void }
type ReaderInternals = {
  _getStream(input: unknown): Readable
  _parseRels(entry: ZipEntry): Promise<void>
  _parseWorkbook(entry: ZipEntry): Promise<void>
  _parseStyles(entry: ZipEntry): Promise<void>
  _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown>
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>
}
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ReaderInternals

/**
 * exceljs 4.4's streaming reader, two of its faults mended:
 *
 * - It decodes each zip chunk as UTF-8 on its own, so a Korean character split across two chunks
 *   turns into U+FFFD (one in a few thousand cells). Its XML parser takes strings as they are: each
 *   part is handed over as text decoded by a streaming decoder instead.
 * - It could lose the parts of the file after a sheet (see endAfterLastEntry): the workbook part,
 *   which exceljs itself stores last ("Cannot read properties of undefined (reading 'sheets')"), or
 *   the shared strings, which Excel stores after the sheets (each such text cell read as
 *   "[object Object]").
 */
class StreamingWorkbookReader extends BaseReader {
  override _getStream(input: unknown): Readable {
    const source = super._getStream(input)
    const pipe = source.pipe
    // parse() pipes the file into unzipper's parser, whose parts it then reads as they come.
    source.pipe = function <T extends NodeJS.WritableStream>(
      this: Readable,
      zip: T,
      options?: { end?: boolean },
    ): T {
      endAfterLastEntry(zip as unknown as Readable)
      return pipe.call(this, zip, options) as T
    }
    return source
  }
  override _parseRels(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8')
    return super._parseRels(entry)
  }
  override _parseWorkbook(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8')
    return super._parseWorkbook(entry)
  }
  override _parseStyles(entry: ZipEntry): Promise<void> {
    entry.setEncoding('utf8')
    return super._parseStyles(entry)
  }
  override _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown> {
    entry.setEncoding('utf8')
    return super._parseSharedStrings(entry)
  }
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return super._parseWorksheet(errorsAsText(utf8Text(iterator)), sheetNo)
  }
}

/**
 * Holds back an 'end' that `zip` (unzipper's Parse) says while entries it has parsed still wait in
 * its buffer, until the last of them has gone out. Parse says 'end' as soon as it has taken in the
 * whole file, not when its entries have all been read. The streaming reader pauses it while it copies
 * a sheet to a temporary file (each sheet before the shared strings is copied), and meanwhile Parse
 * goes on through the small parts that follow and on to the file's end; the reader then stopped at
 * that 'end' as soon as it had no entry in hand, and the parts still buffered were never read. With a
 * disk slower than the unzipping (now and then under load, or always for a stored, uncompressed zip)
 * a workbook was refused as unreadable or its text read wrong (exceljs issue #3064). Parse's own
 * 'end', once its buffer is empty, goes through as it comes.
 */
function endAfterLastEntry(zip: Readable): void {
  const emit = zip.emit
  let held = false
  zip.emit = function (this: Readable, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'end' && !this.readableEnded && this.readableLength > 0) {
      held = true
      return false
    }
    const listened = emit.call(this, event, ...args)
    if (event === 'data' && held && this.readableLength === 0) {
      held = false
      emit.call(this, 'end')
    }
    return listened
  }
}

/**
 * The streaming reader turns a formula's error result (<c t="e"><f>…</f><v>#DIV/0!</v></c>) into
 * NaN, its code lost. Each error cell (t="e", with or without a formula) is read as a string cell
 * (t="str") instead, its value marked with ERROR_MARK, so the code survives and toCell tells it from
 * a text cell that merely reads "#N/A". Chunks are cut after a '>' so no tag is ever split.
 */
function errorsAsText(
  source: AsyncIterable<string> & { destroy?: () => void },
): AsyncIterable<string> & { destroy?: () => void } {
  async function* rewrite(): AsyncGenerator<string> {
    let carry = ''
    // Inside an error cell whose value has not come yet (a cell may span chunks).
    let errorCell = false
    const retag = (tag: string, close: string, name: string, attrs: string): string => {
      const empty = attrs.endsWith('/')
      if (name === 'c') {
        errorCell = !close && !empty && ERROR_TYPE.test(attrs)
        return errorCell ? tag.replace(ERROR_TYPE, 't=$1str$1') : tag
      }
      if (close || empty || !errorCell) return tag
      errorCell = false
      return tag + ERROR_MARK
    }
    for await (const chunk of source) {
      const text = carry + chunk
      const cut = text.lastIndexOf('>') + 1
      carry = text.slice(cut)
      if (cut > 0) yield text.slice(0, cut).replace(CELL_TAG, retag)
    }
    if (carry) yield carry
  }
  const out: AsyncIterable<string> & { destroy?: () => void } = rewrite()
  if (typeof source.destroy === 'function') out.destroy = () => closeQuietly(source)
  return out
}

/** A cell's or a value's start or end tag: '/' or '', the name ('c' or 'v'), the attributes. */
const CELL_TAG = /<(\/?)(?:\w+:)?(c|v)\b([^>]*)>/g
/** A cell's type attribute saying it holds an error value. */
const ERROR_TYPE = /\bt=(["'])e\1/
/** Starts the text of an error value read as a string: a noncharacter, never in a cell's text. */
const ERROR_MARK = '\uFDD0'

/** Chunks as text, a character split between chunks kept whole; destroy() reaches the source stream. */
function utf8Text(
  source: AsyncIterable<Buffer | string> & { destroy?: () => void },
): AsyncIterable<string> & { destroy?: () => void } {
  async function* decode(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8')
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk)
      if (text) yield text
    }
    const rest = decoder.end()
    if (rest) yield rest
  }
  const out: AsyncIterable<string> & { destroy?: () => void } = decode()
  if (typeof source.destroy === 'function') out.destroy = () => closeQuietly(source)
  return out
}

/**
 * Destroys a sheet's stream nobody will read. A sheet the reader copied to a temporary file is
 * streamed from it by an fs stream that opens on the next tick, while the reader removes the copy as
 * soon as it is asked for the next sheet: the open then fails with ENOENT on a stream no one listens
 * to any more, an uncaught exception. Errors of a stream being thrown away are of no interest.
 */
function closeQuietly(source: {
  destroy?: () => void
  on?: (event: 'error', fn: () => void) => unknown
}): void {
  source.on?.('error', () => undefined)
  source.destroy?.()
}

function openReader(path: string, full: boolean): StreamWorkbook {
  return new StreamingWorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: full ? 'cache' : 'ignore',
    styles: full ? 'cache' : 'ignore',
    // A hyperlink cell's value is its shown text (a shared string); the targets are not needed.
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as StreamWorkbook
}

function unreadable(err: unknown): CoreError {
  if (err instanceof CoreError) return err
  const detail = (err as Error).message
  return new CoreError(
    'BAD_REQUEST',
    `The file is not a readable XLSX workbook: ${detail}`,
    reason('xlsx_unreadable', { detail }),
  )
}

type SheetPlan = {
  sheets: string[]
  sheet: string
  date1904: boolean
  /** Merged cells other than their top-left one: "row:col" → the top-left's "row:col". */
  merged: Map<string, string>
  /** Row → the last column a merged range covers in it (cells past a row's last value still fill). */
  mergedWidth: Map<number, number>
}

/**
 * First pass: sheet names (workbook order), the sheet to read, the date system, and the merged
 * ranges of that sheet, read from its raw XML without parsing the cells.
 */
async function plan(path: string, wanted: string | undefined, watch: XlsxWatch): Promise<SheetPlan> {
  const reader = openReader(path, false)
  const outer = reader[Symbol.asyncIterator]()
  let target: string | undefined
  let sheets: string[] = []
  const merged = new Map<string, string>()
  const mergedWidth = new Map<number, number>()
  let found = false
  let scanning: StreamSheet | undefined
  try {
    for (;;) {
      const next = await outer.next()
      if (next.done) break
      const ws = next.value
      if (target === undefined) {
        sheets = (reader.model?.sheets ?? []).map((s) => s.name)
        target = wanted ? sheets.find((s) => s.trim() === wanted.trim()) : sheets[0]
        if (target === undefined) {
          ws.iterator.destroy?.()
          break
        }
      }
      if (!found && ws.name === target) {
        found = true
        scanning = ws
        await scanMerges(ws.iterator, merged, mergedWidth, watch)
        scanning = undefined
      } else {
        // Not read: closing it lets the reader go on (and remove its temporary copy).
        ws.iterator.destroy?.()
      }
    }
  } catch (err) {
    if (scanning) closeQuietly(scanning.iterator as Parameters<typeof closeQuietly>[0])
    reader.stream?.destroy()
    throw unreadable(err)
  }
  reader.stream?.destroy()
  if (sheets.length === 0) sheets = (reader.model?.sheets ?? []).map((s) => s.name)
  if (target === undefined) {
    const names = sheets.map((s) => JSON.stringify(s)).join(', ') || '(none)'
    throw new CoreError(
      'BAD_REQUEST',
      wanted ? `The workbook has no sheet named "${wanted}". Sheets: ${names}` : 'The workbook has no sheets',
      wanted && sheets.length > 0
        ? reason('sheet_not_found', { sheet: wanted, sheets: names })
        : reason('no_sheets'),
    )
  }
  return {
    sheets,
    sheet: target,
    date1904: reader.properties?.model?.date1904 === true,
    merged,
    mergedWidth,
  }
}

const MERGE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g

/** A row's start tag in a sheet's XML (not <rowBreaks>). */
const ROW_TAG = /<(?:\w+:)?row\b/g

/**
 * Collects the merged ranges of a sheet's XML (they follow the rows, at the end), counting the rows
 * on the way for `watch.onOpening`.
 */
async function scanMerges(
  xml: AsyncIterable<Buffer | string>,
  merged: Map<string, string>,
  mergedWidth: Map<number, number>,
  watch: XlsxWatch,
): Promise<void> {
  let carry = ''
  let rows = 0
  let reported = 0
  for await (const chunk of xml) {
    if (watch.cancelled?.()) throw new ImportCancelled()
    const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'))
    let last = 0
    for (const m of text.matchAll(MERGE)) {
      const [c1, r1, c2, r2] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3]!), Number(m[4])]
      for (let r = r1; r <= r2; r++) {
        for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) merged.set(`${r}:${c}`, `${r1}:${c1}`)
        mergedWidth.set(r, Math.max(mergedWidth.get(r) ?? 0, c2))
      }
      last = (m.index ?? 0) + m[0].length
    }
    // Keep a tail that may hold the start of a tag cut by the chunk boundary; rows are counted
    // before it only, as the tail is read again with the next chunk.
    const keep = Math.max(last, text.length - 256)
    ROW_TAG.lastIndex = 0
    for (let m = ROW_TAG.exec(text); m !== null && m.index < keep; m = ROW_TAG.exec(text)) rows++
    carry = text.slice(keep)
    if (watch.onOpening && rows - reported >= 1_000) {
      reported = rows
      watch.onOpening(rows)
    }
  }
  ROW_TAG.lastIndex = 0
  for (let m = ROW_TAG.exec(carry); m !== null; m = ROW_TAG.exec(carry)) rows++
  watch.onOpening?.(rows)
}

function colNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/**
 * First passes kept by the file's identity and the sheet asked for: the import wizard reads a file's
 * header and then checks it in one step, and both would otherwise read the whole sheet first.
 */
const plans = new Map<string, SheetPlan>()
const PLANS_KEPT = 4
/** A plan with more merged cells than this is not kept (its maps are the memory a plan takes). */
const PLAN_KEPT_MERGES = 100_000

/** A remembered first pass with its key: what one worker hands the next (each has its own memory). */
export type RememberedXlsxPlan = [key: string, plan: SheetPlan]

/** The first passes this thread remembers, oldest first. */
export function rememberedXlsxPlans(): RememberedXlsxPlan[] {
  return [...plans]
}

/**
 * Remembers first passes made on another thread (the import wizard's previous step). The key is the
 * file's content (its SHA-256), so one of a file since changed is not used.
 */
export function rememberXlsxPlans(list: readonly RememberedXlsxPlan[]): void {
  for (const [key, p] of list) {
    if (p.merged.size > PLAN_KEPT_MERGES) continue
    plans.delete(key)
    plans.set(key, p)
  }
  for (const old of plans.keys()) if (plans.size > PLANS_KEPT) plans.delete(old)
}

/**
 * What a first pass is kept by: the file's size and SHA-256 with the sheet asked for. Not its path,
 * inode and modification time: a workbook saved again to the same size within the file system's
 * time resolution (2 s on FAT, a copy that keeps the time) would otherwise reuse the old merged
 * cells and sheet names. Hashing reads the file at about 300 MB/s, far less than the pass it saves.
 */
async function planKey(path: string, wanted: string | undefined, watch: XlsxWatch): Promise<string | null> {
  try {
    const hash = createHash('sha256')
    let size = 0
    for await (const chunk of createReadStream(path)) {
      if (watch.cancelled?.()) return null // the pass stops at its first look
      hash.update(chunk as Buffer)
      size += (chunk as Buffer).length
    }
    return JSON.stringify([size, hash.digest('hex'), wanted ?? null])
  } catch {
    return null // unreadable: the pass itself says why
  }
}

async function cachedPlan(path: string, wanted: string | undefined, watch: XlsxWatch): Promise<SheetPlan> {
  const key = await planKey(path, wanted, watch)
  const kept = key === null ? undefined : plans.get(key)
  if (key !== null && kept) {
    // Newest again: the plans forgotten first are those of files not looked at for longest.
    plans.delete(key)
    plans.set(key, kept)
    return kept
  }
  const p = await plan(path, wanted, watch)
  if (key !== null && p.merged.size <= PLAN_KEPT_MERGES) {
    plans.set(key, p)
    for (const old of plans.keys()) if (plans.size > PLANS_KEPT) plans.delete(old)
  }
  return p
}

/**
 * Opens a workbook and finds the header of `sheet` (default: the first sheet), below a title block
 * if the sheet has one; rows stream on demand.
 */
export async function readXlsx(
  path: string,
  limits: ImportLimits,
  sheet?: string,
  watch: XlsxWatch = {},
  opts: HeaderOptions = {},
): Promise<Table> {
  const p = await cachedPlan(path, sheet, watch)
  const reader = openReader(path, true)
  const outer = reader[Symbol.asyncIterator]()
  let rowsOf: AsyncIterator<ExcelJS.Row> | undefined
  let current: StreamSheet | undefined
  /** Ends the read early: the file closes (a temporary sheet copy is removed when the process exits). */
  const abandon = (): void => {
    current?.iterator.destroy?.()
    reader.stream?.destroy()
  }
  /** After the last row: lets the reader finish, which removes its temporary sheet copies. */
  const finish = async (): Promise<void> => {
    for (;;) {
      const next = await outer.next()
      if (next.done) return
      next.value.iterator.destroy?.()
    }
  }
  // Top-left values of merged ranges, by "row:col", for the rows below and cells right of them.
  const masters = new Map<string, Cell>()
  const masterKeys = new Set(p.merged.values())
  const cellsOf = (row: ExcelJS.Row): Cell[] => {
    const out: Cell[] = []
    // cellCount is the last used column; getCell is 1-based.
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c)
      const v = cell.value
      // A number shown zero-padded (format 00000: id 00123) is read as shown, not as 123.
      const fmt = typeof v === 'number' ? cell.numFmt : undefined
      out.push(fmt && ZERO_PADDED.test(fmt) ? zeroPadded(v as number, fmt.length) : toCell(v, row.number, c))
    }
    const width = p.mergedWidth.get(row.number)
    if (width !== undefined) {
      for (let c = 1; c <= Math.max(out.length, width); c++) {
        const key = `${row.number}:${c}`
        if (masterKeys.has(key)) masters.set(key, out[c - 1] ?? null)
        const master = p.merged.get(key)
        out[c - 1] = master !== undefined ? (masters.get(master) ?? null) : (out[c - 1] ?? null)
      }
    }
    return out
  }
  let found: FoundHeader | null
  try {
    for (;;) {
      const next = await outer.next()
      if (next.done) break
      if (next.value.name === p.sheet) {
        current = next.value
        rowsOf = current[Symbol.asyncIterator]()
        break
      }
      next.value.iterator.destroy?.()
    }
    if (!rowsOf)
      throw new CoreError(
        'BAD_REQUEST',
        `The sheet "${p.sheet}" could not be read`,
        reason('sheet_unreadable', { sheet: p.sheet }),
      )
    const sheetRows = rowsOf
    // The header is the row among the first that names the most known columns (a title block
    // above it is skipped; see header-row.ts), else the first non-blank row. Rows are read in
    // order (a merged cell takes its value from a row read before), the first few held back.
    found = await findHeader(
      async () => {
        const next = await sheetRows.next()
        return next.done ? null : { row: next.value.number, cells: cellsOf(next.value) }
      },
      opts.knownHeaders ?? knownHeaders(),
      opts.headerRow,
      (row, col) => {
        const origin = p.merged.get(`${row}:${col}`)
        if (origin === undefined) return null
        const [r, c] = origin.split(':').map(Number)
        return { row: r!, col: c! }
      },
    )
  } catch (err) {
    abandon()
    throw unreadable(err)
  }
  if (!found) {
    abandon()
    throw new CoreError(
      'BAD_REQUEST',
      `The sheet "${p.sheet}" is empty`,
      reason('sheet_empty', { sheet: p.sheet }),
    )
  }
  const { headers, after, titleSkipped, fallback, candidates } = found
  const sheetRows = rowsOf!
  async function* rows(): AsyncGenerator<RawRow> {
    let done = false
    let count = 0
    try {
      for (;;) {
        let row = after.shift()
        if (row === undefined) {
          let next: IteratorResult<ExcelJS.Row>
          try {
            next = await sheetRows.next()
          } catch (err) {
            throw unreadable(err)
          }
          if (next.done) break
          row = { row: next.value.number, cells: cellsOf(next.value) }
        }
        count++
        if (count > limits.maxRows) {
          throw new CoreError(
            'BAD_REQUEST',
            `The sheet has more than ${limits.maxRows.toLocaleString('en-US')} rows: split it into smaller files`,
            reason('sheet_too_many_rows', { sheet: p.sheet, limit: limits.maxRows }),
          )
        }
        yield row
      }
      done = true
    } finally {
      if (done) await finish().catch(() => undefined)
      else abandon()
    }
  }
  return {
    format: 'xlsx',
    encoding: 'binary',
    headers,
    rows: rows(),
    ...(titleSkipped ? { titleSkipped } : {}),
    headerRow: found.row,
    headerFallback: fallback,
    headerCandidates: candidates,
    sheets: p.sheets,
    sheet: p.sheet,
    date1904: p.date1904,
  }
}

/** One cell's value as the validator takes it; `row`, `col` (1-based) name the cell in a problem. */
function toCell(v: ExcelJS.CellValue, row: number, col: number): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  const ref = `${colLetters(col)}${row}`
  if (typeof v === 'string') {
    if (!v.startsWith(ERROR_MARK)) return v
    const code = v.slice(ERROR_MARK.length)
    return new CellProblem(`Excel error value ${code} in cell ${ref}`, code, {
      code: 'excel_error_value',
      params: { cell: ref, error: code },
    })
  }
  if (typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return richText(v.richText)
    if ('error' in v) {
      const error = String(v.error)
      return new CellProblem(`Excel error value ${error} in cell ${ref}`, error, {
        code: 'excel_error_value',
        params: { cell: ref, error },
      })
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result
      if (result === undefined || result === null) {
        return new CellProblem(
          `formula without a saved result in cell ${ref}: open and save the file in Excel`,
          `=${(v as { formula?: string }).formula ?? ''}`,
          { code: 'formula_no_result', params: { cell: ref } },
        )
      }
      // A numeric result that is no number: an error value written without its t="e" type.
      if (typeof result === 'number' && !Number.isFinite(result)) {
        return new CellProblem(
          `formula error in cell ${ref} (Excel shows an error such as #DIV/0! or #N/A): fix the formula`,
          '#ERROR',
          { code: 'formula_error_unknown', params: { cell: ref } },
        )
      }
      const code =
        typeof result === 'string' && result.startsWith(ERROR_MARK)
          ? result.slice(ERROR_MARK.length)
          : typeof result === 'object' && 'error' in result
            ? String((result as { error: unknown }).error)
            : null
      if (code !== null) {
        return new CellProblem(`formula error ${code} in cell ${ref}: fix the formula`, code, {
          code: 'formula_error',
          params: { cell: ref, error: code },
        })
      }
      return toCell(result as ExcelJS.CellValue, row, col)
    }
    // A hyperlink: its shown text, itself plain or rich text.
    if ('text' in v) {
      const text: unknown = v.text
      if (typeof text === 'string') return text
      if (typeof text === 'object' && text !== null && 'richText' in text) {
        return richText((text as ExcelJS.CellRichTextValue).richText)
      }
    }
  }
  return String(v)
}

const ZERO_PADDED = /^0{2,}$/

function zeroPadded(n: number, width: number): Cell {
  if (!Number.isInteger(n) || n < 0) return n
  return String(n).padStart(width, '0')
}

function richText(runs: readonly ExcelJS.RichText[]): string {
  return runs.map((t) => t.text ?? '').join('')
}

function colLetters(col: number): string {
  let s = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
