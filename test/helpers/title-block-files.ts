// A monthly SR report as Korean institutions keep it: a title block above the table (the title
// merged across the table's width, a date and author line, a blank row), the header on row 4, then
// four SRs, the third (row 7) with a received time that is no date. As a workbook (Excel dates and a
// date serial) and as the CSV lines Excel saves from it (the title lines padded with commas).
import ExcelJS from 'exceljs'

export const TITLE = '2026년 3월 서비스 요청 처리 현황'
export const DATE_LINE = '작성일: 2026-03-31   작성자: 운영팀'

export const HEADER = [
  '요청번호',
  '기관',
  '제목',
  '분류',
  '우선순위',
  '상태',
  '요청자',
  '담당자',
  '접수일시',
  '해결일시',
  '수정일시',
] as const

/** Excel dates have no zone: exceljs writes a Date's UTC fields as the wall time. */
const wall = (d: number, h: number, m = 0): Date => new Date(Date.UTC(2026, 2, d, h, m))

type Row = (string | number | Date | null)[]

/** The data rows (file rows 5 to 8). Row 8's received time is an Excel serial (2026-03-04 12:00). */
export const DATA: Row[] = [
  [
    'SR-001',
    '행정안전부',
    '전자결재 시스템 응답 지연',
    '응용',
    '긴급',
    '진행중',
    '홍길동',
    '김철수',
    wall(2, 9, 30),
    null,
    null,
  ],
  [
    'SR-002',
    '국세청',
    '홈택스 인증서 갱신 문의',
    '계정',
    '보통',
    '완료',
    '이몽룡',
    '성춘향',
    wall(2, 14, 5),
    wall(2, 15),
    wall(2, 16),
  ],
  [
    'SR-003',
    '경기도청',
    'VPN 장애',
    '네트워크',
    '높음',
    '보류',
    '심청',
    null,
    '2026-13-45 10:00',
    null,
    null,
  ],
  ['SR-004', '조달청', '나라장터 접속 오류', '응용', '보통', '접수', '박문수', '김철수', 46085.5, null, null],
]

/** The workbook: sheet "3월 현황", title merged A1:K1, header on row 4, data on rows 5 to 8. */
export async function writeTitleBlockWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('3월 현황')
  ws.getCell('A1').value = TITLE
  ws.mergeCells('A1:K1')
  ws.getCell('A2').value = DATE_LINE
  ws.getRow(4).values = [...HEADER]
  DATA.forEach((r, i) => {
    ws.getRow(5 + i).values = r
  })
  for (const cell of ['I5', 'I6', 'J6', 'K6', 'I8']) ws.getCell(cell).numFmt = 'yyyy-mm-dd hh:mm'
  await wb.xlsx.writeFile(path)
}

const csvDate = (v: Row[number]): string => {
  if (v === null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ')
  if (typeof v === 'number') return '2026-03-04 12:00'
  return v
}

/** The same as Excel saves it as CSV: the title lines padded with commas to the table's width. */
export function titleBlockCsvLines(): string[] {
  const pad = ','.repeat(HEADER.length - 1)
  return [TITLE + pad, DATE_LINE + pad, pad, HEADER.join(','), ...DATA.map((r) => r.map(csvDate).join(','))]
}
