// XLSX import through exceljs: the first sheet or a named one; the first non-blank row is the header.
// Cells keep their type: a date-formatted cell arrives as a Date (Excel has no time zone, so its
// UTC fields are the wall time), a plain number stays a number (maybe an Excel date serial).
import ExcelJS from 'exceljs'
import { CoreError } from '../../errors'
import type { Cell, ImportLimits, RawRow, Table } from './types'

/** Opens a workbook and reads the header of `sheet` (default: the first sheet). */
export async function readXlsx(path: string, limits: ImportLimits, sheet?: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.readFile(path)
  } catch (err) {
    throw new CoreError('BAD_REQUEST', `The file is not a readable XLSX workbook: ${(err as Error).message}`)
  }
  const sheets = workbook.worksheets
  const ws = sheet ? sheets.find((s) => s.name.trim() === sheet.trim()) : sheets[0]
  if (!ws) {
    const names = sheets.map((s) => JSON.stringify(s.name)).join(', ') || '(none)'
    throw new CoreError(
      'BAD_REQUEST',
      sheet ? `The workbook has no sheet named "${sheet}". Sheets: ${names}` : 'The workbook has no sheets',
    )
  }
  if (ws.actualRowCount - 1 > limits.maxRows) {
    throw new CoreError(
      'BAD_REQUEST',
      `The sheet has more than ${limits.maxRows.toLocaleString('en-US')} rows: split it into smaller files`,
    )
  }
  let headerRow = 0
  let headers: string[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells = rowCells(ws.getRow(r))
    if (cells.some((c) => c !== null && String(c).trim() !== '')) {
      headerRow = r
      headers = cells.map((c) => (c === null ? '' : cellText(c).trim()))
      break
    }
  }
  if (headerRow === 0) throw new CoreError('BAD_REQUEST', `The sheet "${ws.name}" is empty`)
  async function* rows(): AsyncGenerator<RawRow> {
    for (let r = headerRow + 1; r <= ws!.rowCount; r++) {
      yield { row: r, cells: rowCells(ws!.getRow(r)) }
    }
  }
  return {
    format: 'xlsx',
    encoding: 'binary',
    headers,
    rows: rows(),
    sheets: sheets.map((s) => s.name),
    sheet: ws.name,
  }
}

function rowCells(row: ExcelJS.Row): Cell[] {
  const out: Cell[] = []
  // cellCount is the last used column; getCell is 1-based.
  for (let c = 1; c <= row.cellCount; c++) out.push(toCell(row.getCell(c).value))
  return out
}

function toCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('result' in v) return toCell((v.result ?? null) as ExcelJS.CellValue)
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('error' in v) return null
  }
  return String(v)
}

function cellText(c: Exclude<Cell, null>): string {
  return c instanceof Date ? c.toISOString() : String(c)
}
