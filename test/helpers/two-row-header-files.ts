// Korean report sheets whose header spans two rows: most header cells merged down over both (번호
// over rows 4–5), group labels merged across the cells they head with the names under them. A title
// block above (the title merged across the table, a date line, a blank row), four SRs below, the
// third with a received time that is no date. As a workbook (merged cells) and as the CSV lines
// Excel saves from it (a merged cell's text in its first cell only, the others empty).
import ExcelJS from 'exceljs'

export const TITLE = '2026년 3월 서비스 요청 처리 현황'
export const DATE_LINE = '작성일: 2026-03-31   작성자: 운영팀'

type Value = string | number | Date | null

/**
 * A two-row header: the upper row's text (null under a group label's span, and nothing else), the
 * lower row's (null under a cell merged down), the columns the import should name, and what the
 * data rows hold past the sixth column (one list per row).
 */
export type TwoRowLayout = {
  upper: (string | null)[]
  lower: (string | null)[]
  columns: string[]
  rest: Value[][]
}

/** Excel dates have no zone: exceljs writes a Date's UTC fields as the wall time. */
export const wall = (d: number, h: number, m = 0): Date => new Date(Date.UTC(2026, 2, d, h, m))

/**
 * "일시" over 접수일시 / 해결일시, "처리" over 담당자 / 시작일시: the lower row names more known
 * columns than the upper (merged cells repeat their text below), so it was taken as the header, the
 * upper one as a title.
 */
export const GROUPED_TIMES: TwoRowLayout = {
  upper: ['번호', '기관', '제목', '우선순위', '상태', '일시', null, '처리', null],
  lower: [null, null, null, null, null, '접수일시', '해결일시', '담당자', '시작일시'],
  columns: ['번호', '기관', '제목', '우선순위', '상태', '접수일시', '해결일시', '담당자', '시작일시'],
  rest: [
    [null, '김철수', wall(2, 10)],
    [wall(2, 15), '성춘향', wall(2, 14, 30)],
    [null, null, null],
    [null, '김철수', null],
  ],
}

/**
 * "처리" over 시작 / 종료, names no import knows: the upper row names as many known columns as the
 * lower, so it was taken as the header and the lower one read as a data row (a row error).
 */
export const UNKNOWN_SUBNAMES: TwoRowLayout = {
  upper: ['번호', '기관', '제목', '우선순위', '상태', '접수일시', '처리', null],
  lower: [null, null, null, null, null, null, '시작', '종료'],
  columns: ['번호', '기관', '제목', '우선순위', '상태', '접수일시', '시작', '종료'],
  rest: [
    [wall(2, 10), null],
    [wall(2, 14, 30), wall(2, 15)],
    [null, null],
    [null, null],
  ],
}

/** The data rows: id, tenant, title, priority, status, received, then the layout's other columns. */
const DATA: Value[][] = [
  ['SR-101', '행정안전부', '전자결재 응답 지연', '긴급', '진행중', wall(2, 9, 30)],
  ['SR-102', '국세청', '인증서 갱신 문의', '보통', '보류', wall(2, 14, 5)],
  ['SR-103', '경기도청', 'VPN 장애', '높음', '보류', '2026-13-45 10:00'],
  ['SR-104', '조달청', '나라장터 접속 오류', '보통', '접수', wall(4, 12)],
]

/** The data rows of a layout, in column order (received time in the sixth column). */
export function layoutData(layout: TwoRowLayout): Value[][] {
  return DATA.map((r, i) => [...r, ...layout.rest[i]!])
}

const letter = (c: number): string => String.fromCharCode(64 + c)

/**
 * The workbook: sheet "3월 현황", the title merged across row 1, the header on rows 4–5 (top 1–2
 * without the title block), every upper cell with nothing below merged down, every group label
 * merged across its span, and the data below.
 */
export async function writeTwoRowHeaderWorkbook(
  path: string,
  layout: TwoRowLayout,
  opts: { title?: boolean } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('3월 현황')
  const width = layout.upper.length
  const top = opts.title === false ? 1 : 4
  if (opts.title !== false) {
    ws.getCell('A1').value = TITLE
    ws.mergeCells(`A1:${letter(width)}1`)
    ws.getCell('A2').value = DATE_LINE
  }
  ws.getRow(top).values = [...layout.upper]
  ws.getRow(top + 1).values = [...layout.lower]
  for (let c = 1; c <= width; c++) {
    const u = layout.upper[c - 1]
    if (u === null) continue
    if (layout.lower[c - 1] === null) ws.mergeCells(`${letter(c)}${top}:${letter(c)}${top + 1}`)
    let end = c
    while (end < width && layout.upper[end] === null) end++
    if (end > c) ws.mergeCells(`${letter(c)}${top}:${letter(end)}${top}`)
  }
  layoutData(layout).forEach((r, i) => {
    const row = ws.getRow(top + 2 + i)
    row.values = r
    r.forEach((v, c) => {
      if (v instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd hh:mm'
    })
  })
  await wb.xlsx.writeFile(path)
}

const csvCell = (v: Value): string => {
  if (v === null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ')
  return String(v)
}

/** The same sheet as Excel saves it as CSV: a merged cell's text in its first cell, the rest empty. */
export function twoRowHeaderCsvLines(layout: TwoRowLayout): string[] {
  const pad = ','.repeat(layout.upper.length - 1)
  return [
    TITLE + pad,
    DATE_LINE + pad,
    pad,
    layout.upper.map(csvCell).join(','),
    layout.lower.map(csvCell).join(','),
    ...layoutData(layout).map((r) => r.map(csvCell).join(',')),
  ]
}
