// A monthly-report workbook as an operations team keeps it: a cover sheet first ("요약"), the SRs on
// the second sheet ("SR 목록", canonical headers, two open SRs). Used by the import channel and e2e tests.
import ExcelJS from 'exceljs'

export const TWO_SHEET_NAMES = ['요약', 'SR 목록'] as const

export async function writeTwoSheetWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  const cover = workbook.addWorksheet('요약')
  cover.addRow(['3월 운영 보고서'])
  cover.addRow(['작성일', '2026-03-18'])
  const list = workbook.addWorksheet('SR 목록')
  list.addRow(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
  list.addRow(['SR-1', '서울특별시청', '프린터 고장', 'P3', 'OPEN', '2026-03-02T09:00:00+09:00'])
  list.addRow(['SR-2', '부산광역시청', 'VPN 접속 불가', 'P2', 'IN_PROGRESS', '2026-03-03T10:30:00+09:00'])
  await workbook.xlsx.writeFile(path)
}
