// Files whose table starts below a title block (a report title, a date and author line, a blank row),
// as Korean institutions' reports do: the header is the row naming the most known columns, the rows
// above it are skipped, and row numbers stay the file's own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { previewImport, runImport } from '../../../src/main/core/sources/file-import/import'
import { countServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { wizardPreview } from '../../../src/main/core/sync/import-wizard'
import { HEADER, TITLE, titleBlockCsvLines, writeTitleBlockWorkbook } from '../../helpers/title-block-files'
import { tempWorkspace } from '../../helpers/workspace'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-title-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const MAR2_UTC = 1772409600000 // 2026-03-02T00:00:00Z
const MIN = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
/** Seoul wall time on 2026-03-d as epoch ms. */
const seoul = (d: number, h: number, m = 0): number => MAR2_UTC + (d - 2) * DAY + (h - 9) * HOUR + m * MIN

/** The error report's lines after its header, without the BOM. */
const reportLines = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)

/** What a title-block file must read as, whichever its format: rows 5, 6 and 8 good, row 7 bad. */
async function expectTitleBlockRead(path: string, name: string): Promise<void> {
  const report = join(tmp, `${name}-errors.csv`)
  const p = await previewImport(path, { timeZone: SEOUL, errorReport: report })
  expect(p.headers).toEqual([...HEADER])
  expect(p.titleSkipped).toEqual({ headerRow: 4, rows: 3 })
  expect(p.mappedColumns).toMatchObject({ id: '요청번호', created_at: '접수일시', resolved_at: '해결일시' })
  // The title, the date line and the blank row are neither data nor errors.
  expect(p.rowCount).toBe(4)
  expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant, r.priority, r.status, r.createdAt])).toEqual([
    [5, 'SR-001', '행정안전부', 'P1', 'IN_PROGRESS', seoul(2, 9, 30)],
    [6, 'SR-002', '국세청', 'P3', 'DONE', seoul(2, 14, 5)],
    [8, 'SR-004', '조달청', 'P3', 'OPEN', seoul(4, 12)],
  ])
  expect(p.sample[1]).toMatchObject({ resolvedAt: seoul(2, 15), updatedAt: seoul(2, 16) })
  expect(p.errors.map((e) => [e.row, e.column, e.value])).toEqual([[7, '접수일시', '2026-13-45 10:00']])
  // The error report names the file's own row 7, as Excel numbers it.
  expect(reportLines(report)).toEqual([expect.stringMatching(/^7,접수일시,2026-13-45 10:00,created_at: /)])
  // Imported with the bad row left out: the three others, nothing of the title.
  const ws = tempWorkspace()
  try {
    const r = await runImport(ws.store, path, { timeZone: SEOUL, allowErrors: true })
    expect(r).toMatchObject({ status: 'imported', written: 3, errorCount: 1 })
    expect(countServiceRequests(ws.store)).toBe(3)
    const titles = ws.store.sqlite.prepare('SELECT title FROM service_requests ORDER BY title').pluck().all()
    expect(titles).toEqual(['나라장터 접속 오류', '전자결재 시스템 응답 지연', '홈택스 인증서 갱신 문의'])
  } finally {
    ws.dispose()
  }
}

describe('a title block above the table', () => {
  it('XLSX: the title merged across the table, a date line and a blank row are skipped; Excel dates read', async () => {
    const path = join(tmp, '3월-처리현황.xlsx')
    await writeTitleBlockWorkbook(path)
    await expectTitleBlockRead(path, 'xlsx')
  })

  it('CSV saved by Korean Excel (CP949), the title lines padded with commas', async () => {
    const path = join(tmp, '3월-처리현황.csv')
    writeFileSync(path, iconv.encode(titleBlockCsvLines().join('\r\n') + '\r\n', 'cp949'))
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.encoding).toBe('cp949')
    await expectTitleBlockRead(path, 'csv')
  })

  it('CSV whose title lines have fewer fields than the header (no commas, or a tab file without tabs)', async () => {
    // The header and the data rows, below a title line and a date line without a comma.
    const table = titleBlockCsvLines().slice(3)
    const comma = join(tmp, 'short-title.csv')
    writeFileSync(comma, `\uFEFF${TITLE}\r\n작성일: 2026-03-31\r\n\r\n${table.join('\r\n')}\r\n`)
    await expectTitleBlockRead(comma, 'short-title')
    // Tab-separated, the title lines without a tab: the delimiter is told by the header's line.
    const tabbed = join(tmp, 'short-title.tsv')
    const tabs = table.map((l) => l.replaceAll(',', '\t'))
    writeFileSync(tabbed, `${TITLE}\n작성일: 2026-03-31\n\n${tabs.join('\n')}\n`)
    await expectTitleBlockRead(tabbed, 'short-title-tsv')
  })

  it('a data row with more fields than the header is still a row error, under its own row number', async () => {
    const lines = titleBlockCsvLines()
    lines[5] += ',여분' // row 6: one field too many
    const path = join(tmp, 'extra-field.csv')
    writeFileSync(path, lines.join('\n') + '\n')
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.titleSkipped).toEqual({ headerRow: 4, rows: 3 })
    expect(p.errors.map((e) => [e.row, e.reason.code])).toEqual([
      [6, 'extra_fields'],
      [7, 'invalid_date_text'],
    ])
  })

  it('a title row naming one known column, and a filter line naming two, do not win against the header', async () => {
    // Row 1 names 상태 (status) only; row 2 names 기관 and 상태, fewer than the header's 6.
    const path = join(tmp, 'status-report.csv')
    const rows = [
      '상태 보고서,,,,,',
      '상태,2026년 3월,,,,',
      '기관,전체,상태,전체,,',
      'id,tenant,title,priority,status,created_at',
      'S-1,조달청,첫 요청,P2,OPEN,2026-03-02T09:00:00+09:00',
      'S-2,조달청,둘째 요청,P3,OPEN,2026-03-02T10:00:00+09:00',
    ]
    writeFileSync(path, rows.join('\n') + '\n')
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.headers).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    expect(p.titleSkipped).toEqual({ headerRow: 4, rows: 3 })
    expect(p.sample.map((r) => [r.row, r.sourceId])).toEqual([
      [5, 'S-1'],
      [6, 'S-2'],
    ])
    expect(p.errorsTotal).toBe(0)
  })

  it('a title merged over a two-column group row: a merged known name counts once', async () => {
    // Row 2 is a merged "상태" over two columns (read as two cells "상태"): one known column, not two.
    const path = join(tmp, 'merged-group.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('SR')
    ws.getCell('A1').value = '처리 현황'
    ws.mergeCells('A1:F1')
    ws.getCell('E2').value = '상태'
    ws.mergeCells('E2:F2')
    ws.getRow(3).values = ['번호', '기관', '제목', '우선순위', '상태', '접수일시']
    ws.getRow(4).values = [1, '조달청', '첫 요청', 'P2', 'OPEN', new Date(Date.UTC(2026, 2, 2, 9))]
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.headers).toEqual(['번호', '기관', '제목', '우선순위', '상태', '접수일시'])
    expect(p.titleSkipped).toEqual({ headerRow: 3, rows: 2 })
    expect(p.sample.map((r) => [r.row, r.sourceId, r.createdAt])).toEqual([[4, '1', MAR2_UTC]])
  })
})

describe('files without a title block read as before', () => {
  it('a header on the first row stays the header, though a later row names two known columns', async () => {
    const path = join(tmp, 'first-row.csv')
    const rows = [
      'id,tenant,title,category,priority,status,created_at',
      // Values that happen to be header words: 기관 (tenant) and 분류 (category).
      'S-1,기관,분류,상태,P2,OPEN,2026-03-02T09:00:00+09:00',
      'S-2,조달청,둘째 요청,,P3,OPEN,2026-03-02T10:00:00+09:00',
    ]
    writeFileSync(path, rows.join('\n') + '\n')
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.titleSkipped).toBeNull()
    expect(p.headers[0]).toBe('id')
    expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant])).toEqual([
      [2, 'S-1', '기관'],
      [3, 'S-2', '조달청'],
    ])
  })

  it('headers of its own (no known column): the first non-blank row, to be mapped by hand', async () => {
    const path = join(tmp, 'custom.csv')
    const rows = [
      '',
      'Ref,Customer,Subject,Urgency,Stage,Opened',
      'T-1,통계청,포털 오류,P1,OPEN,2026-03-06 09:00',
      'T-2,통계청,계정 잠금,P3,OPEN,2026-03-06 10:00',
    ]
    writeFileSync(path, rows.join('\n') + '\n')
    // The wizard offers the first non-blank row's headers to map.
    const offered = await wizardPreview({ path, fileName: 'custom.csv' }, undefined, SEOUL)
    expect(offered.headers).toEqual(['Ref', 'Customer', 'Subject', 'Urgency', 'Stage', 'Opened'])
    expect(offered.titleSkipped).toBeNull()
    expect(offered.missingRequired).toEqual(['id', 'tenant', 'priority', 'status', 'created_at'])
    const columns = {
      id: 'Ref',
      tenant: 'Customer',
      title: 'Subject',
      priority: 'Urgency',
      status: 'Stage',
      created_at: 'Opened',
    }
    const checked = await wizardPreview({ path, fileName: 'custom.csv' }, { columns }, SEOUL)
    expect(checked.check).toMatchObject({ rowCount: 2, validCount: 2, errorCount: 0 })
    expect(checked.check?.sample.map((r) => r.row)).toEqual([3, 4])
  })

  it('headers of its own below a title: found by the columns a mapping names', async () => {
    const path = join(tmp, 'custom-titled.csv')
    const rows = [
      '3월 요청 목록,,,,,',
      'Ref,Customer,Subject,Urgency,Stage,Opened',
      'T-1,통계청,포털 오류,P1,OPEN,2026-03-06 09:00',
    ]
    writeFileSync(path, rows.join('\n') + '\n')
    const mapping = {
      columns: {
        id: 'Ref',
        tenant: 'Customer',
        title: 'Subject',
        priority: 'Urgency',
        status: 'Stage',
        created_at: 'Opened',
      },
      values: {},
    }
    const p = await previewImport(path, { timeZone: SEOUL, mapping })
    expect(p.titleSkipped).toEqual({ headerRow: 2, rows: 1 })
    expect(p.sample.map((r) => [r.row, r.sourceId])).toEqual([[3, 'T-1']])
    // The wizard's check finds it the same way, and says where.
    const checked = await wizardPreview({ path, fileName: 'custom-titled.csv' }, mapping, SEOUL)
    expect(checked.titleSkipped).toEqual({ headerRow: 2, rows: 1 })
    expect(checked.check).toMatchObject({ rowCount: 1, validCount: 1 })
  })
})

describe('the import wizard', () => {
  it('offers the header below the title to map, and says which row it is', async () => {
    const path = join(tmp, 'wizard.xlsx')
    await writeTitleBlockWorkbook(path)
    const v = await wizardPreview({ path, fileName: '3월-처리현황.xlsx' }, undefined, SEOUL)
    expect(v.headers).toEqual([...HEADER])
    expect(v.titleSkipped).toEqual({ headerRow: 4, rows: 3 })
    expect(v.missingRequired).toEqual([])
    expect(v.check?.errors.map((e) => e.row)).toEqual([7])
    expect(v.check?.sample.map((r) => r.row)).toEqual([5, 6, 8])
  })
})
