// Every row error carries a reason (a code and its params) besides its English message, so the
// import wizard can word it in the UI's language. The expected params are worked out by hand from
// each bad row.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { parseCellInstant } from '../../../src/main/core/sources/file-import/dates'
import { previewImport } from '../../../src/main/core/sources/file-import/import'
import { CellProblem, type RowError } from '../../../src/main/core/sources/file-import/types'
import {
  createRowValidator,
  damagedTextError,
  valueMaps,
} from '../../../src/main/core/sources/file-import/validate'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-reasons-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const brief = (errors: RowError[]): [number, string, RowError['reason']][] =>
  errors.map((e) => [e.row, e.column, e.reason])

describe('row error reasons', () => {
  it('a CSV with one bad row of each kind gives each code with its params', async () => {
    const path = join(tmp, 'bad-rows.csv')
    writeFileSync(
      path,
      [
        'id,tenant,title,priority,status,created_at,resolved_at,reopen_count',
        'R-1,조달청,정상,P3,OPEN,2026-03-02 09:00,,', // 2: valid
        'R-2,,기관 없음,P3,OPEN,2026-03-02 09:00,,', // 3
        'R-3,조달청,우선순위,P9,OPEN,2026-03-02 09:00,,', // 4
        'R-4,조달청,상태,P3,WIP,2026-03-02 09:00,,', // 5
        'R-5,조달청,날짜,P3,OPEN,2026-13-45,,', // 6
        'R-6,조달청,순서,P3,RESOLVED,2026-03-02 09:00,2026-03-01 09:00,', // 7
        'R-7,조달청,소수,P3,OPEN,2026-03-02 09:00,,1.5', // 8
        'R-8,조달청,음수,P3,OPEN,2026-03-02 09:00,,-1', // 9
        'R-9,조달청,필드 초과,P3,OPEN,2026-03-02 09:00,,,넘침', // 10: 9 fields
        'R-1,조달청,중복,P3,OPEN,2026-03-02 09:00,,', // 11
        'R-10,조달청,완료,P3,DONE,2026-03-02 09:00,,', // 12
        'R-11,조달\u0085청,깨짐,P3,OPEN,2026-03-02 09:00,,', // 13
      ].join('\n') + '\n',
      'utf8',
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.validCount).toBe(1)
    expect(brief(p.errors)).toEqual([
      [3, 'tenant', { code: 'required', params: { column: 'tenant' } }],
      [4, 'priority', { code: 'unknown_value', params: { column: 'priority', expected: 'P1, P2, P3, P4' } }],
      [
        5,
        'status',
        {
          code: 'unknown_value',
          params: { column: 'status', expected: 'OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED' },
        },
      ],
      [6, 'created_at', { code: 'invalid_date_text', params: { column: 'created_at' } }],
      [7, 'resolved_at', { code: 'before_created', params: { column: 'resolved_at' } }],
      [8, 'reopen_count', { code: 'not_whole_number', params: { column: 'reopen_count' } }],
      [9, 'reopen_count', { code: 'negative', params: { column: 'reopen_count' } }],
      [10, '', { code: 'extra_fields', params: { fields: 9, headers: 8 } }],
      [11, 'id', { code: 'duplicate_id', params: { column: 'id', firstRow: 2 } }],
      [12, 'resolved_at', { code: 'finished_time_blank', params: { column: 'resolved_at', status: 'DONE' } }],
      [13, 'tenant', { code: 'damaged_text' }],
    ])
    // The English messages stay as they were.
    expect(p.errors.map((e) => e.message)).toEqual([
      'tenant: is required',
      "priority: unknown priority; expected P1, P2, P3, P4 (or map it in the mapping's values.priority)",
      "status: unknown status; expected OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED (or map it in the mapping's values.status)",
      expect.stringMatching(/^created_at: not a valid date\/time; use ISO 8601/) as unknown,
      'resolved_at: is before created_at',
      'reopen_count: must be a whole number',
      'reopen_count: must not be negative',
      'row has 9 fields but the header has 8 (an unquoted delimiter?)',
      'id: duplicate of row 2; each SR may appear once per file',
      'resolved_at: status DONE but no resolved_at, closed_at or updated_at, so when it was resolved is unknown; fill it',
      expect.stringMatching(/^contains � or control characters/) as unknown,
    ])
  })

  it('JSON: seconds instead of milliseconds, a boolean date and a record that is no object', async () => {
    const path = join(tmp, 'bad-records.json')
    const base = { tenant: '조달청', title: '제목', priority: 'P3', status: 'OPEN' }
    writeFileSync(
      path,
      JSON.stringify([
        { id: 'J-1', ...base, created_at: 1772409600 }, // seconds: before 1e11
        { id: 'J-2', ...base, created_at: true },
        42,
      ]),
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(brief(p.errors)).toEqual([
      [2, 'created_at', { code: 'not_epoch_ms', params: { column: 'created_at' } }],
      [3, 'created_at', { code: 'boolean_not_date', params: { column: 'created_at' } }],
      [4, '', { code: 'not_json_object' }],
    ])
  })

  it('XLSX: a number that is no Excel date, a formula without a result and Excel error cells', async () => {
    const path = join(tmp, 'bad-cells.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    for (let i = 1; i <= 4; i++)
      ws.addRow([`X-${i}`, '조달청', `제목 ${i}`, 'P3', 'OPEN', '2026-03-02T09:00:00'])
    ws.getCell('F2').value = -5 // serials start at 1
    ws.getCell('B3').value = { formula: 'A3&"청"' } as ExcelJS.CellFormulaValue
    ws.getCell('D4').value = { error: '#REF!' }
    ws.getCell('E5').value = { formula: 'NA()', result: { error: '#N/A' } }
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(brief(p.errors)).toEqual([
      [2, 'created_at', { code: 'number_not_date', params: { column: 'created_at' } }],
      [3, 'tenant', { code: 'formula_no_result', params: { column: 'tenant', cell: 'B3' } }],
      [
        4,
        'priority',
        { code: 'excel_error_value', params: { column: 'priority', cell: 'D4', error: '#REF!' } },
      ],
      [5, 'status', { code: 'formula_error', params: { column: 'status', cell: 'E5', error: '#N/A' } }],
    ])
  })

  // exceljs cannot write a formula whose numeric result is NaN (the reader's formula_error_unknown),
  // so that cell problem is built here: what matters is that its reason reaches the row error.
  it('dates: an invalid Date and a cell problem keep their reasons', () => {
    const wall = (ms: number): number => ms
    expect(parseCellInstant(new Date(NaN), 'xlsx', wall)).toMatchObject({ reason: { code: 'invalid_date' } })
    const problem = new CellProblem('formula error in cell F9 (…): fix the formula', '#ERROR', {
      code: 'formula_error_unknown',
      params: { cell: 'F9' },
    })
    expect(parseCellInstant(problem, 'xlsx', wall)).toEqual({
      error: problem.message,
      reason: { code: 'formula_error_unknown', params: { cell: 'F9' } },
    })
  })

  it('a cell problem in a count column is a row error with the cell, and the column added', () => {
    const headers = ['id', 'tenant', 'title', 'priority', 'status', 'created_at', 'reopen_count']
    const validate = createRowValidator({
      source: 'import:file',
      format: 'xlsx',
      headers,
      columns: Object.fromEntries(headers.map((h, i) => [h, i])),
      wallToEpoch: (ms) => ms,
      date1904: false,
      damagedText: damagedTextError('binary', undefined),
      ...valueMaps(undefined),
    })
    const problem = new CellProblem('formula error in cell G7 (…): fix the formula', '#ERROR', {
      code: 'formula_error_unknown',
      params: { cell: 'G7' },
    })
    const out = validate({ row: 7, cells: ['X-7', '조달청', '제목', 'P3', 'OPEN', '2026-03-02', problem] })
    expect(out).toEqual({
      kind: 'error',
      errors: [
        {
          row: 7,
          column: 'reopen_count',
          value: '#ERROR',
          message: 'reopen_count: formula error in cell G7 (…): fix the formula',
          reason: { code: 'formula_error_unknown', params: { column: 'reopen_count', cell: 'G7' } },
        },
      ],
    })
  })
})
