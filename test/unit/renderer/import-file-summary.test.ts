// The import wizard's file line says which row was read as the header, whichever row it is, so a
// title taken for the header shows where the file is first described; a JSON file has no header row.
import { describe, expect, it } from 'vitest'
import type { ImportPreviewView } from '../../../src/shared/ipc/types-sync'
import { fileSummary } from '../../../src/renderer/src/features/import/file-summary'
import { i18n } from '../../../src/renderer/src/i18n/index'

const preview = (over: Partial<ImportPreviewView>): ImportPreviewView => ({
  fileName: 'a.csv',
  format: 'csv',
  encoding: 'utf-8',
  sheets: [],
  sheet: null,
  headers: ['id', 'tenant', 'title'],
  titleSkipped: null,
  headerRow: 1,
  headerFallback: false,
  headerChoices: [],
  canonical: [],
  matched: {},
  missingRequired: [],
  check: null,
  problem: null,
  problemReason: null,
  ...over,
})

describe('import file summary', () => {
  it('says the header row of a CSV file and of a workbook, the first row included', async () => {
    const ko = i18n.cloneInstance({ lng: 'ko' })
    const en = i18n.cloneInstance({ lng: 'en' })
    await Promise.all([ko.changeLanguage('ko'), en.changeLanguage('en')])
    expect(fileSummary(preview({}), ko.t)).toBe('CSV · UTF-8 · 열 3개 · 머리글 1행')
    expect(fileSummary(preview({}), en.t)).toBe('CSV · UTF-8 · 3 columns · header: row 1')
    const book = preview({ format: 'xlsx', sheet: '3월 현황', headerRow: 4, encoding: 'xlsx' })
    expect(fileSummary(book, ko.t)).toBe('XLSX · 시트 “3월 현황” · 열 3개 · 머리글 4행')
    expect(fileSummary(book, en.t)).toBe('XLSX · sheet “3월 현황” · 3 columns · header: row 4')
    // A header far down a long title block is grouped as other numbers are.
    expect(fileSummary(preview({ headerRow: 1200 }), en.t)).toBe(
      'CSV · UTF-8 · 3 columns · header: row 1,200',
    )
  })

  it('says both rows of column names that span two', async () => {
    const ko = i18n.cloneInstance({ lng: 'ko' })
    const en = i18n.cloneInstance({ lng: 'en' })
    await Promise.all([ko.changeLanguage('ko'), en.changeLanguage('en')])
    const book = preview({
      format: 'xlsx',
      sheet: '현황',
      encoding: 'xlsx',
      headerRow: 4,
      titleSkipped: { headerRow: 4, rows: 3, lastRow: 5 },
    })
    expect(fileSummary(book, ko.t)).toBe('XLSX · 시트 “현황” · 열 3개 · 머리글 4–5행')
    expect(fileSummary(book, en.t)).toBe('XLSX · sheet “현황” · 3 columns · header: rows 4–5')
    // A title skipped above a one-row header still names that row alone.
    const titled = preview({ headerRow: 4, titleSkipped: { headerRow: 4, rows: 3 } })
    expect(fileSummary(titled, en.t)).toBe('CSV · UTF-8 · 3 columns · header: row 4')
  })

  it('says no header row for a JSON file', async () => {
    const en = i18n.cloneInstance({ lng: 'en' })
    await en.changeLanguage('en')
    expect(fileSummary(preview({ format: 'json', headerRow: null }), en.t)).toBe('JSON · UTF-8 · 3 columns')
  })
})
