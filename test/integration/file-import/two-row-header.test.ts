// Report sheets whose column names span two rows: most header cells merged down over both rows, a
// group label merged across the cells it heads with their names below ("처리" over "담당자" /
// "시작일시"). Both rows are the header, the names taken from the lower row under a group label and
// from the upper one elsewhere; data starts below them; row numbers stay the file's own; what the
// import says of the header names both rows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { countServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { previewImport, runImport } from '../../../src/main/core/sources/file-import/import'
import { wizardPreview } from '../../../src/main/core/sync/import-wizard'
import { cli } from '../../helpers/cli'
import {
  GROUPED_TIMES,
  UNKNOWN_SUBNAMES,
  twoRowHeaderCsvLines,
  writeTwoRowHeaderWorkbook,
  type TwoRowLayout,
} from '../../helpers/two-row-header-files'
import { tempWorkspace } from '../../helpers/workspace'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-two-row-'))
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

/**
 * What a two-row-header file must read as: the layout's columns, the header on rows `top` and
 * `top`+1, data rows `top`+2 to `top`+5 of which the third has a bad received time; imported, the
 * three good ones.
 */
async function expectTwoRowRead(path: string, layout: TwoRowLayout, top: number): Promise<void> {
  const report = join(tmp, `${path.split('/').pop()}-errors.csv`)
  const p = await previewImport(path, { timeZone: SEOUL, errorReport: report })
  expect(p.headers).toEqual(layout.columns)
  expect(p.titleSkipped).toEqual({ headerRow: top, rows: top - 1, lastRow: top + 1 })
  expect(p.mappedColumns).toMatchObject({ id: '번호', status: '상태', created_at: '접수일시' })
  // The lower header row is neither data nor an error.
  expect(p.rowCount).toBe(4)
  expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant, r.status, r.createdAt])).toEqual([
    [top + 2, 'SR-101', '행정안전부', 'IN_PROGRESS', seoul(2, 9, 30)],
    [top + 3, 'SR-102', '국세청', 'PENDING', seoul(2, 14, 5)],
    [top + 5, 'SR-104', '조달청', 'OPEN', seoul(4, 12)],
  ])
  expect(p.errors.map((e) => [e.row, e.column, e.value])).toEqual([[top + 4, '접수일시', '2026-13-45 10:00']])
  expect(reportLines(report)).toEqual([
    expect.stringMatching(new RegExp(`^${top + 4},접수일시,2026-13-45 10:00,created_at: `)),
  ])
  const ws = tempWorkspace()
  try {
    const r = await runImport(ws.store, path, { timeZone: SEOUL, allowErrors: true })
    expect(r).toMatchObject({ status: 'imported', written: 3, errorCount: 1 })
    expect(countServiceRequests(ws.store)).toBe(3)
    const ids = ws.store.sqlite.prepare('SELECT source_id FROM service_requests ORDER BY 1').pluck().all()
    expect(ids).toEqual(['SR-101', 'SR-102', 'SR-104'])
  } finally {
    ws.dispose()
  }
}

describe('XLSX: a header over two rows, cells merged down and group labels merged across', () => {
  it('names under group labels that the import knows (일시 over 접수일시 / 해결일시)', async () => {
    // Before: the lower row named more known columns (merged cells repeat their text), so it was
    // the header and the upper row was said to be a title: "header: row 5 (the 4 rows above …)".
    const path = join(tmp, 'grouped.xlsx')
    await writeTwoRowHeaderWorkbook(path, GROUPED_TIMES)
    await expectTwoRowRead(path, GROUPED_TIMES, 4)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.mappedColumns).toMatchObject({ resolved_at: '해결일시', assignee: '담당자' })
    expect(p.sample[0]).toMatchObject({ assignee: '김철수' })
    expect(p.sample[1]).toMatchObject({ resolvedAt: seoul(2, 15), assignee: '성춘향' })
  })

  it('names under a group label that the import does not know (처리 over 시작 / 종료)', async () => {
    // Before: the upper row was the header (the lower named no more known columns), the lower row a
    // data row: row 5 an error row ("우선순위" no priority, "접수일시" no date).
    const path = join(tmp, 'unknown-subnames.xlsx')
    await writeTwoRowHeaderWorkbook(path, UNKNOWN_SUBNAMES)
    await expectTwoRowRead(path, UNKNOWN_SUBNAMES, 4)
  })

  it('at the top of the sheet, no title above', async () => {
    const path = join(tmp, 'no-title.xlsx')
    await writeTwoRowHeaderWorkbook(path, UNKNOWN_SUBNAMES, { title: false })
    await expectTwoRowRead(path, UNKNOWN_SUBNAMES, 1)
  })

  it('a header row asked for: the upper row takes the lower one with it; the lower one asked reads alone', async () => {
    const path = join(tmp, 'asked.xlsx')
    await writeTwoRowHeaderWorkbook(path, UNKNOWN_SUBNAMES)
    const upper = await previewImport(path, { timeZone: SEOUL, headerRow: 4 })
    expect(upper.headers).toEqual(UNKNOWN_SUBNAMES.columns)
    expect(upper.titleSkipped).toEqual({ headerRow: 4, rows: 3, lastRow: 5 })
    expect(upper.rowCount).toBe(4)
    // The lower row alone (merged cells repeat their text in it): the rows above are a title.
    const lower = await previewImport(path, { timeZone: SEOUL, headerRow: 5 })
    expect(lower.headers).toEqual(['번호', '기관', '제목', '우선순위', '상태', '접수일시', '시작', '종료'])
    expect(lower.titleSkipped).toEqual({ headerRow: 5, rows: 4 })
    expect(lower.sample.map((r) => r.row)).toEqual([6, 7, 9])
  })

  it('a title merged across the table right above the header stays a title', async () => {
    // Only merged across: no cell reaches down from it into the header, which is one row.
    const path = join(tmp, 'title-on-top.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('현황')
    ws.getCell('A1').value = '3월 처리 현황'
    ws.mergeCells('A1:F1')
    ws.getRow(2).values = ['번호', '기관', '제목', '우선순위', '상태', '접수일시']
    ws.getRow(3).values = ['SR-1', '조달청', '첫 요청', '보통', '접수', '2026-03-02 09:00']
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.titleSkipped).toEqual({ headerRow: 2, rows: 1 })
    expect(p.sample.map((r) => [r.row, r.sourceId])).toEqual([[3, 'SR-1']])
  })

  it('the import wizard and the CLI say both rows', async () => {
    const path = join(tmp, 'said.xlsx')
    await writeTwoRowHeaderWorkbook(path, GROUPED_TIMES)
    const v = await wizardPreview({ path, fileName: 'said.xlsx' }, undefined, SEOUL)
    expect(v.headers).toEqual(GROUPED_TIMES.columns)
    expect(v.titleSkipped).toEqual({ headerRow: 4, rows: 3, lastRow: 5 })
    expect(v.headerRow).toBe(4)
    expect(v.missingRequired).toEqual([])
    expect(v.check?.sample.map((r) => r.row)).toEqual([6, 7, 9])
    const dry = await cli(['import', path, '--dry-run'])
    expect(dry.stdout.split('\n').slice(0, 3)).toEqual([
      'rejected: 0 written of 4 rows (xlsx, binary); 1 row error',
      'header: rows 4–5 (the 3 rows above them were taken as a title and skipped)',
      expect.stringMatching(/^ {2}row 8, 접수일시/),
    ])
    const top = join(tmp, 'said-no-title.xlsx')
    await writeTwoRowHeaderWorkbook(top, GROUPED_TIMES, { title: false })
    const said = await cli(['import', top, '--dry-run'])
    expect(said.stdout.split('\n')[1]).toBe('header: rows 1–2 (column names over two rows)')
  }, 60_000)
})

describe('CSV saved from such a sheet (a merged cell’s text in its first cell only)', () => {
  it('Korean Excel (CP949): names under group labels, one of them known, take the lower row', async () => {
    // Before: refused, "Missing required column: created_at" ("일시", "", "처리", "" as headers).
    const path = join(tmp, 'grouped.csv')
    writeFileSync(path, iconv.encode(twoRowHeaderCsvLines(GROUPED_TIMES).join('\r\n') + '\r\n', 'cp949'))
    await expectTwoRowRead(path, GROUPED_TIMES, 4)
  })

  it('names under a group label none of which is known: no telling it from a data row, read as before', async () => {
    // Without merged cells, ",,,,,,시작,종료" might be a data row with its named cells empty: it stays
    // a row (an error row, naming what it lacks), and the header one row.
    const path = join(tmp, 'unknown-subnames.csv')
    writeFileSync(path, twoRowHeaderCsvLines(UNKNOWN_SUBNAMES).join('\n') + '\n')
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.titleSkipped).toEqual({ headerRow: 4, rows: 3 })
    expect(p.headers).toEqual(['번호', '기관', '제목', '우선순위', '상태', '접수일시', '처리', ''])
    expect([...new Set(p.errors.map((e) => e.row))]).toEqual([5, 8])
  })

  it('ordinary rows under a header are data, whatever they leave empty or hold under unnamed columns', async () => {
    const path = join(tmp, 'ordinary.csv')
    const rows = [
      '번호,기관,제목,우선순위,상태,접수일시,비고,',
      // Empty under most named columns, text under the unnamed one: a data row with errors.
      ',,,,,,메모,추가',
      'SR-1,조달청,첫 요청,보통,접수,2026-03-02 09:00,,',
      // A known column's name as a value, under a named column: data.
      'SR-2,기관,상태,보통,접수,2026-03-02 10:00,담당자,',
    ]
    writeFileSync(path, rows.join('\n') + '\n')
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.titleSkipped).toBeNull()
    expect(p.headers).toEqual(['번호', '기관', '제목', '우선순위', '상태', '접수일시', '비고', ''])
    expect(p.sample.map((r) => [r.row, r.sourceId])).toEqual([
      [3, 'SR-1'],
      [4, 'SR-2'],
    ])
    expect([...new Set(p.errors.map((e) => e.row))]).toEqual([2])
  })
})
