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
})
