// A file that cannot be imported at all fails with an English message (the CLI's, unchanged) and a
// reason: a code and params (the file's base name, its format, the sheet, the columns, a parser's
// own message) the import wizard words in the UI's language.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { previewImport, type ImportOptions } from '../../../src/main/core/sources/file-import/import'
import { writeTwoSheetWorkbook } from '../../helpers/two-sheet-workbook'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')
const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-file-reasons-'))
const file = (name: string, content: string | Buffer): string => {
  const path = join(tmp, name)
  writeFileSync(path, content)
  return path
}
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const HEADER = 'id,tenant,title,priority,status,created_at'
const ROW = 'S-1,조달청,제목,P3,OPEN,2026-03-02 09:00'
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])

/** The CoreError a preview of `path` fails with. */
async function failure(path: string, opts: Partial<ImportOptions> = {}): Promise<CoreError> {
  try {
    await previewImport(path, { timeZone: SEOUL, ...opts })
  } catch (err) {
    if (err instanceof CoreError) return err
    throw err
  }
  throw new Error(`${path} was read without an error`)
}
const reasonOf = async (path: string, opts: Partial<ImportOptions> = {}) => (await failure(path, opts)).reason

describe('file-level import errors carry a reason', () => {
  let workbook = ''
  beforeAll(async () => {
    workbook = join(tmp, 'report.xlsx')
    await writeTwoSheetWorkbook(workbook)
  })

  it('an empty file names the file (its base name, not the folder it is in)', async () => {
    const err = await failure(file('empty.csv', ''))
    expect(err.message).toBe(`The file ${join(tmp, 'empty.csv')} is empty`)
    expect(err.reason).toEqual({ code: 'file_empty', params: { file: 'empty.csv' } })
  })

  it('an old Excel .xls file, by its name or by its bytes', async () => {
    const byName = await failure(file('old.xls', OLE))
    expect(byName.message).toBe('Old Excel .xls files are not supported: save the sheet as .xlsx or CSV')
    expect(byName.reason).toEqual({ code: 'xls_file' })
    expect(await reasonOf(file('renamed.xlsx', OLE))).toEqual({ code: 'xls_file' })
    expect(await reasonOf(file('renamed.csv', OLE))).toEqual({ code: 'xls_file' })
  })

  it('a file whose bytes are not what its name says, and a name that says nothing', async () => {
    expect(await reasonOf(file('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])))).toEqual({
      code: 'looks_like_xlsx',
      params: { format: 'CSV' },
    })
    expect(await reasonOf(join(FIXTURES, 'items.json'), { format: 'xlsx' })).toEqual({ code: 'not_xlsx' })
    expect(await reasonOf(file('utf16.csv', Buffer.from('\ufeffid,tenant\n', 'utf16le')))).toEqual({
      code: 'utf16_text',
    })
    expect(await reasonOf(join(FIXTURES, 'garbage.csv'))).toEqual({
      code: 'binary_file',
      params: { format: 'CSV' },
    })
    expect(await reasonOf(file('data.bin', 'x'))).toEqual({
      code: 'unknown_extension',
      params: { file: 'data.bin' },
    })
    expect(await reasonOf(join(FIXTURES, 'items.json'), { format: 'txt' })).toEqual({
      code: 'unknown_format',
      params: { format: 'txt' },
    })
  })

  it('a missing file keeps the OS message as a detail', async () => {
    const err = await failure(join(tmp, 'missing.csv'))
    expect(err.reason?.code).toBe('file_unreadable')
    expect(err.reason?.params?.['file']).toBe('missing.csv')
    expect(err.reason?.params?.['detail']).toMatch(/^ENOENT: no such file or directory/)
    expect(err.message).toBe(
      `Cannot read ${join(tmp, 'missing.csv')}: ${String(err.reason?.params?.['detail'])}`,
    )
  })

  it('bad JSON keeps the parser message as a detail; an empty list and a wrong shape have their codes', async () => {
    const err = await failure(file('bad.json', '[{"id": "x",'))
    const detail = String(err.reason?.params?.['detail'])
    expect(err.reason).toEqual({ code: 'json_invalid', params: { detail } })
    expect(detail).not.toBe('')
    expect(err.message).toBe(`The file is not valid JSON: ${detail}`)
    expect(await reasonOf(file('none.json', '{"items": []}'))).toEqual({ code: 'json_no_records' })
    expect(await reasonOf(file('shape.json', '{"rows": []}'))).toEqual({ code: 'json_not_list' })
    expect(await reasonOf(file('scalars.json', '[1, 2]'))).toEqual({ code: 'json_no_fields' })
  })

  it('an unknown sheet names it and the sheets the workbook has; an empty sheet names itself', async () => {
    expect(await reasonOf(workbook, { sheet: '4월' })).toEqual({
      code: 'sheet_not_found',
      params: { sheet: '4월', sheets: '"요약", "SR 목록"' },
    })
    const book = new ExcelJS.Workbook()
    book.addWorksheet('비어 있음')
    const emptySheet = join(tmp, 'empty-sheet.xlsx')
    await book.xlsx.writeFile(emptySheet)
    expect(await reasonOf(emptySheet)).toEqual({ code: 'sheet_empty', params: { sheet: '비어 있음' } })
    expect(
      await reasonOf(
        file('corrupt.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)])),
      ),
    ).toMatchObject({ code: 'xlsx_unreadable', params: { detail: expect.any(String) } })
  })

  it('a sheet without the SR columns adds the sheet read and the other sheets to the reason', async () => {
    const err = await failure(workbook)
    expect(err.reason).toEqual({
      code: 'required_columns_missing',
      params: {
        columns: 'id, tenant, title, priority, status, created_at',
        headers: '"3월 운영 보고서"',
        sheet: '요약',
        otherSheets: '"SR 목록"',
      },
    })
    expect(err.message).toContain('(read sheet "요약"; the workbook also has "SR 목록"')
  })

  it('columns: missing, mapped to a header the file lacks, required but mapped to nothing, repeated', async () => {
    expect(await reasonOf(join(FIXTURES, 'wrong-columns.csv'))).toEqual({
      code: 'required_columns_missing',
      params: { columns: 'id, tenant, title, priority, status, created_at', headers: '"ref", "org", "memo"' },
    })
    const csv = file('plain.csv', `${HEADER}\n${ROW}\n`)
    expect(await reasonOf(csv, { mapping: { columns: { category: '분류' }, values: {} } })).toEqual({
      code: 'mapped_columns_missing',
      params: { columns: 'category → "분류"', headers: `"${HEADER.split(',').join('", "')}"` },
    })
    expect(await reasonOf(csv, { mapping: { columns: { tenant: null }, values: {} } })).toEqual({
      code: 'required_column_unmapped',
      params: { column: 'tenant' },
    })
    expect(await reasonOf(file('twice.csv', `${HEADER},status\n${ROW},DONE\n`))).toEqual({
      code: 'duplicate_headers',
      params: { headers: '"status" (E, G)' },
    })
  })

  it('a header row alone, a blank CSV, a damaged header, too many rows, too many bytes', async () => {
    expect(await reasonOf(join(FIXTURES, 'header-only.csv'))).toEqual({ code: 'no_data_rows' })
    expect(await reasonOf(file('blank.csv', '\r\n\r\n'))).toEqual({ code: 'csv_no_header' })
    // One control character in a short file is mostly garbage; in a longer one it is a damaged header.
    expect(await reasonOf(file('short.csv', `id,ten\u0085ant,title\nS-1,a,b\n`))).toEqual({
      code: 'not_text',
      params: { format: 'CSV' },
    })
    const rows = Array.from({ length: 20 }, (_, i) => ROW.replace('S-1', `S-${i}`)).join('\n')
    expect(
      await reasonOf(file('damaged.csv', `${HEADER.replace('tenant', 'ten\u0085ant')}\n${rows}\n`)),
    ).toEqual({
      code: 'damaged_headers',
      params: { headers: '"ten\u0085ant"' },
    })
    const csv = file(
      'three.csv',
      `${HEADER}\n${ROW}\n${ROW.replace('S-1', 'S-2')}\n${ROW.replace('S-1', 'S-3')}\n`,
    )
    expect(await reasonOf(csv, { limits: { maxRows: 2 } })).toEqual({
      code: 'too_many_rows',
      params: { limit: 2 },
    })
    expect(await reasonOf(csv, { limits: { maxBytes: 100 } })).toEqual({
      code: 'file_too_large',
      params: { file: 'three.csv', size: '0.0', limit: '0.0' },
    })
    expect(
      await reasonOf(file('many.json', '[{"id":1},{"id":2},{"id":3}]'), { limits: { maxRows: 2 } }),
    ).toEqual({
      code: 'too_many_records',
      params: { limit: 2 },
    })
  })

  it('a bad mapping or time zone: the problems stay English details', async () => {
    const err = await failure(join(FIXTURES, 'canonical-utf8.csv'), {
      mapping: join(FIXTURES, 'bad-mapping.json'),
    })
    expect(err.reason?.code).toBe('mapping_file_invalid')
    expect(err.reason?.params?.['file']).toBe('bad-mapping.json')
    expect(err.reason?.params?.['problems']).toMatch(/timeZone: not an IANA time zone/)
    expect(
      await reasonOf(join(FIXTURES, 'canonical-utf8.csv'), { mapping: join(tmp, 'nope.json') }),
    ).toMatchObject({
      code: 'mapping_file_unreadable',
      params: { file: 'nope.json' },
    })
    expect(await reasonOf(join(FIXTURES, 'canonical-utf8.csv'), { timeZone: 'Mars/Olympus' })).toEqual({
      code: 'unknown_time_zone',
      params: { zone: 'Mars/Olympus' },
    })
  })
})
