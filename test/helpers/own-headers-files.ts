// A request list exported from a system with column names of its own (none a known name or alias),
// below a title block: the title on row 1 (merged across the table in the workbook), a blank row 2,
// the header on row 3, then three requests on rows 4 to 6, the last with a received time that is no
// date. The header search cannot tell its header from the title without a mapping: the user says
// which row it is. As a workbook and as the CSV lines Excel saves from it.
import ExcelJS from 'exceljs'

export const OWN_TITLE = '2026년 3월 요청 목록 (민원 시스템 내보내기)'

export const OWN_HEADER = ['Ref', 'Customer', 'Subject', 'Urgency', 'Stage', 'Opened'] as const

export const OWN_DATA: string[][] = [
  ['T-1', '통계청', '포털 로그인 오류', 'P1', 'OPEN', '2026-03-06 09:00'],
  ['T-2', '통계청', '계정 잠금 해제', 'P3', 'IN_PROGRESS', '2026-03-06 10:30'],
  ['T-3', '조달청', '인증서 갱신', 'P2', 'OPEN', '어제 오후'],
]

/** The mapping a user makes for these columns (the wizard's selects, or a mapping file). */
export const OWN_COLUMNS = {
  id: 'Ref',
  tenant: 'Customer',
  title: 'Subject',
  priority: 'Urgency',
  status: 'Stage',
  created_at: 'Opened',
} as const

/** The workbook: sheet "요청", the title merged A1:F1, row 2 blank, header on row 3, data on 4 to 6. */
export async function writeOwnHeadersWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('요청')
  ws.getCell('A1').value = OWN_TITLE
  ws.mergeCells('A1:F1')
  ws.getRow(3).values = [...OWN_HEADER]
  OWN_DATA.forEach((r, i) => {
    ws.getRow(4 + i).values = r
  })
  await wb.xlsx.writeFile(path)
}

/** The same as Excel saves it as CSV: the title and blank lines padded with commas. */
export function ownHeadersCsvLines(): string[] {
  const pad = ','.repeat(OWN_HEADER.length - 1)
  return [OWN_TITLE + pad, pad, OWN_HEADER.join(','), ...OWN_DATA.map((r) => r.join(','))]
}
