// The header search reads a bounded number of rows, holds back only those, and picks the row naming
// the most known columns (at least two), else the first non-blank one.
import { describe, expect, it } from 'vitest'
import {
  findHeader,
  HEADER_SEARCH_READ,
  HEADER_SEARCH_ROWS,
} from '../../../src/main/core/sources/file-import/header-row'
import { knownHeaders } from '../../../src/main/core/sources/file-import/mapping'
import type { Cell, RawRow } from '../../../src/main/core/sources/file-import/types'
import { choiceCells } from '../../../src/main/core/sync/import-wizard'

/** A row source over `rows` (numbered from 1) that counts the rows asked for. */
function source(rows: Cell[][]): { next: () => Promise<RawRow | null>; asked: () => number } {
  let i = 0
  return {
    next: () => Promise.resolve(i < rows.length ? { row: ++i, cells: rows[i - 1]! } : null),
    asked: () => i,
  }
}

const HEADER: Cell[] = ['번호', '기관', '제목', '우선순위', '상태', '접수일시']
const data = (n: number): Cell[] => [`S-${n}`, '조달청', `요청 ${n}`, 'P2', 'OPEN', '2026-03-02 09:00']

describe('findHeader', () => {
  it('reads no further than HEADER_SEARCH_ROWS non-blank rows, and hands back those after the header', async () => {
    const rows = [['보고서'], [], HEADER, ...Array.from({ length: 100 }, (_, i) => data(i + 1))]
    const s = source(rows)
    const found = await findHeader(s.next, knownHeaders())
    // Title, blank, header, then data up to the 30th non-blank row: 31 rows read, not 103.
    expect(s.asked()).toBe(HEADER_SEARCH_ROWS + 1)
    expect(found).toMatchObject({ row: 3, titleSkipped: { headerRow: 3, rows: 2 } })
    expect(found?.after.map((r) => r.row)).toEqual(Array.from({ length: 28 }, (_, i) => i + 4))
  })

  it('stops at HEADER_SEARCH_READ rows however many of them are blank', async () => {
    const rows = [['보고서'], ...Array.from({ length: 5_000 }, (): Cell[] => [null, '']), HEADER, data(1)]
    const s = source(rows)
    const found = await findHeader(s.next, knownHeaders())
    expect(s.asked()).toBe(HEADER_SEARCH_READ)
    // The header was not reached: the first non-blank row, as before.
    expect(found).toMatchObject({ row: 1, headers: ['보고서'] })
    expect(found?.titleSkipped).toBeUndefined()
  })

  it('leading blank rows are not held back, nor counted as title rows', async () => {
    const rows = [[], [' ', null], ['제목 줄'], HEADER, data(1)]
    const found = await findHeader(source(rows).next, knownHeaders())
    expect(found).toMatchObject({ row: 4, titleSkipped: { headerRow: 4, rows: 1 } })
  })

  it('a row must name two known columns; the first of equal rows wins', async () => {
    const one = await findHeader(source([['제목 줄'], ['상태', '비고'], data(1)]).next, knownHeaders())
    expect(one).toMatchObject({ row: 1, headers: ['제목 줄'] })
    const tie = await findHeader(source([['기관', '상태'], ['분류', '담당자'], data(1)]).next, knownHeaders())
    expect(tie?.row).toBe(1)
  })

  it("a mapping's file columns count as known", async () => {
    const rows: Cell[][] = [['목록'], ['Ref', 'Customer', 'Stage'], ['T-1', '통계청', 'OPEN']]
    expect((await findHeader(source(rows).next, knownHeaders()))?.row).toBe(1)
    const mapped = knownHeaders({ columns: { id: 'Ref', tenant: 'Customer', category: null } })
    expect(await findHeader(source(rows).next, mapped)).toMatchObject({
      row: 2,
      headers: ['Ref', 'Customer', 'Stage'],
    })
  })

  it('a file with no non-blank row has no header', async () => {
    expect(await findHeader(source([[], ['', null]]).next, knownHeaders())).toBeNull()
  })

  it('lists the non-blank rows read as the rows to choose from, and says when nothing named known columns', async () => {
    const own: Cell[] = ['Ref', 'Customer', 'Stage']
    const found = await findHeader(
      source([['목록'], [], own, ['T-1', '통계청', 'OPEN']]).next,
      knownHeaders(),
    )
    expect(found).toMatchObject({ row: 1, fallback: true })
    expect(found?.candidates).toEqual([
      { row: 1, cells: ['목록'] },
      { row: 3, cells: ['Ref', 'Customer', 'Stage'] },
      { row: 4, cells: ['T-1', '통계청', 'OPEN'] },
    ])
    const known = await findHeader(source([['보고서'], HEADER, data(1)]).next, knownHeaders())
    expect(known).toMatchObject({ row: 2, fallback: false })
  })
})

describe('findHeader with the header row asked for', () => {
  it('takes that row over the one the search would find; the rows above are a title, the list stays the same', async () => {
    const rows = [['보고서'], [], HEADER, data(1), data(2)]
    const searched = await findHeader(source(rows).next, knownHeaders())
    expect(searched?.row).toBe(3)
    // Row 4 (a data row) asked for: the header row above it is skipped as a title.
    const asked = await findHeader(source(rows).next, knownHeaders(), 4)
    expect(asked).toMatchObject({
      row: 4,
      headers: data(1),
      fallback: false,
      titleSkipped: { headerRow: 4, rows: 3 },
    })
    expect(asked?.after.map((r) => r.row)).toEqual([5])
    expect(asked?.candidates.map((c) => c.row)).toEqual(searched?.candidates.map((c) => c.row))
    // The first non-blank row asked for: nothing skipped.
    expect((await findHeader(source(rows).next, knownHeaders(), 1))?.titleSkipped).toBeUndefined()
  })

  it('reads past HEADER_SEARCH_READ rows to reach it, holding back only the rows to choose from', async () => {
    const rows = [['보고서'], ...Array.from({ length: 2_000 }, (): Cell[] => []), HEADER, data(1)]
    const s = source(rows)
    const found = await findHeader(s.next, knownHeaders(), 2_002)
    expect(found).toMatchObject({
      row: 2_002,
      headers: HEADER,
      titleSkipped: { headerRow: 2_002, rows: 2_001 },
    })
    expect(found?.after.map((r) => r.row)).toEqual([2_003])
  })

  it('refuses a blank row, a row a sheet leaves out, and a row past the end', async () => {
    const rows = [['보고서'], [null, ' '], HEADER, data(1)]
    await expect(findHeader(source(rows).next, knownHeaders(), 2)).rejects.toMatchObject({
      reason: { code: 'header_row_blank', params: { row: 2 } },
    })
    // A sheet gives no row it holds nothing in: row 2 missing between rows 1 and 3.
    const sparse: RawRow[] = [
      { row: 1, cells: ['보고서'] },
      { row: 3, cells: HEADER },
    ]
    const next = (): Promise<RawRow | null> => Promise.resolve(sparse.shift() ?? null)
    await expect(findHeader(next, knownHeaders(), 2)).rejects.toMatchObject({
      reason: { code: 'header_row_blank', params: { row: 2 } },
    })
    await expect(findHeader(source(rows).next, knownHeaders(), 9)).rejects.toMatchObject({
      reason: { code: 'header_row_past_end', params: { row: 9, last: 4 } },
    })
    // A file with no non-blank row has no header, asked for or not.
    expect(await findHeader(source([[], []]).next, knownHeaders(), 1)).toBeNull()
  })
})

describe("the wizard's header row list", () => {
  it('shows the first non-empty cells of a row, a merged value once, long ones cut', () => {
    const long = '가'.repeat(50)
    expect(choiceCells(['제목', '제목', '제목', '', '작성일'])).toEqual(['제목', '작성일'])
    expect(choiceCells(['  a \n b ', long])).toEqual(['a b', '가'.repeat(39) + '…'])
    expect(choiceCells(['1', '2', '3', '4', '5', '6', '7', '8'])).toEqual(['1', '2', '3', '4', '5', '6'])
  })
})

describe('a header over two rows', () => {
  // As a CSV file has it (no merge information): a group label's text in its first cell only.
  const UPPER: Cell[] = ['번호', '기관', '제목', '우선순위', '상태', '접수', '', '처리', '']
  const LOWER: Cell[] = ['', '', '', '', '', '일시', '담당자', '일시', '담당자']
  const row = (n: number): Cell[] => [
    `S-${n}`,
    '조달청',
    '요청',
    'P2',
    'OPEN',
    '2026-03-02 09:00',
    '김',
    '',
    '',
  ]

  it('a name two groups share gets its group label in front of it', async () => {
    const found = await findHeader(source([['보고서'], UPPER, LOWER, row(1)]).next, knownHeaders())
    expect(found).toMatchObject({
      row: 2,
      lastRow: 3,
      headers: [
        '번호',
        '기관',
        '제목',
        '우선순위',
        '상태',
        '접수 일시',
        '접수 담당자',
        '처리 일시',
        '처리 담당자',
      ],
      titleSkipped: { headerRow: 2, rows: 1, lastRow: 3 },
    })
    expect(found?.after.map((r) => r.row)).toEqual([4])
  })

  it('found even when the search stops at the upper row (the 30th non-blank one)', async () => {
    const title = Array.from({ length: HEADER_SEARCH_ROWS - 1 }, (_, i): Cell[] => [`메모 ${i + 1}`])
    const known = ['담당자', '기관', '상태', '우선순위']
    const upper: Cell[] = ['번호', ...known.slice(1), '처리', '']
    const lower: Cell[] = ['', '', '', '', '담당자', '완료일시']
    const found = await findHeader(source([...title, upper, lower, row(1)]).next, knownHeaders())
    expect(found).toMatchObject({ row: HEADER_SEARCH_ROWS, lastRow: HEADER_SEARCH_ROWS + 1 })
    expect(found?.headers).toEqual(['번호', '기관', '상태', '우선순위', '담당자', '완료일시'])
  })

  it('not when the lower row holds a number or a date under a group, or is not the very next row', async () => {
    const dated: Cell[] = ['', '', '', '', '', '담당자', '2026-03-02', '', '']
    expect((await findHeader(source([UPPER, dated, row(1)]).next, knownHeaders()))?.lastRow).toBeUndefined()
    const counted: Cell[] = ['', '', '', '', '', '상태', 3, '', '']
    expect((await findHeader(source([UPPER, counted]).next, knownHeaders()))?.lastRow).toBeUndefined()
    const sparse: RawRow[] = [
      { row: 1, cells: UPPER },
      { row: 3, cells: LOWER },
    ]
    const next = (): Promise<RawRow | null> => Promise.resolve(sparse.shift() ?? null)
    expect(await findHeader(next, knownHeaders())).toMatchObject({ row: 1, after: [{ row: 3 }] })
  })

  it('merge information: a cell merged down from the header, names under a range merged across', async () => {
    // Row 1: 번호 merged A1:A2, 처리 merged B1:C1 (its text repeated in C1, as the XLSX reader gives it).
    const merges = new Map([
      ['2:1', { row: 1, col: 1 }],
      ['1:3', { row: 1, col: 2 }],
    ])
    const mergedFrom = (r: number, c: number) => merges.get(`${r}:${c}`) ?? null
    const rows: Cell[][] = [
      ['번호', '처리', '처리', '기관'],
      ['번호', '시작', '끝', ''],
      ['S-1', '9시', '10시', '조달청'],
    ]
    const found = await findHeader(source(rows).next, knownHeaders(), undefined, mergedFrom)
    // No lower name is known: the cell merged down tells the row is the header's.
    expect(found).toMatchObject({ row: 1, lastRow: 2, headers: ['번호', '시작', '끝', '기관'] })
    // Without the merge information, nothing tells it from a data row.
    expect((await findHeader(source(rows).next, knownHeaders()))?.lastRow).toBeUndefined()
  })
})
