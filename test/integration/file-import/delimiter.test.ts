// Which delimiter a CSV file is read with. It was told from the first line holding a comma, a
// semicolon or a tab, so a title line above the table decided it: a semicolon file as European Excel
// saves it, whose title holds a comma, was read as commas. Now the first records are split by each of
// comma, semicolon, tab and pipe, and the split naming the most known columns (else the one giving
// the most rows the same fields) wins.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { countServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { previewImport, runImport } from '../../../src/main/core/sources/file-import/import'
import { detectDelimiter, readCsv } from '../../../src/main/core/sources/file-import/read-csv'
import { DEFAULT_LIMITS } from '../../../src/main/core/sources/file-import/types'
import { tempWorkspace } from '../../helpers/workspace'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-delim-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const MAR2_UTC = 1772409600000 // 2026-03-02T00:00:00Z
const HOUR = 3_600_000

const HEADER = ['번호', '기관', '제목', '우선순위', '상태', '접수일시']
const ROWS = [
  ['S-1', '조달청', '나라장터, 접속 오류', '긴급', '접수', '2026-03-02 09:00'],
  ['S-2', '국세청', '홈택스 인증서', '보통', '보류', '2026-03-02 10:00'],
  ['S-3', '경기도청', 'VPN 장애', '높음', '진행중', '2026-13-45 10:00'],
]

/** A table below a title line and a blank line, its fields joined by `d`; `title` as written. */
const lines = (d: string, title: string): string[] => [
  title,
  '',
  HEADER.join(d),
  ...ROWS.map((r) => r.join(d)),
]

async function write(name: string, text: string, encoding: 'utf8' | 'cp949' = 'utf8'): Promise<string> {
  const path = join(tmp, name)
  writeFileSync(path, encoding === 'cp949' ? iconv.encode(text, 'cp949') : '\uFEFF' + text)
  return path
}

/** The table read as it should be, whatever the delimiter: header on row 3, rows 4 and 5 good, 6 bad. */
async function expectTableRead(path: string): Promise<void> {
  const p = await previewImport(path, { timeZone: SEOUL })
  expect(p.headers).toEqual(HEADER)
  expect(p.titleSkipped).toEqual({ headerRow: 3, rows: 2 })
  expect(p.rowCount).toBe(3)
  expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant, r.title, r.createdAt])).toEqual([
    [4, 'S-1', '조달청', '나라장터, 접속 오류', MAR2_UTC],
    [5, 'S-2', '국세청', '홈택스 인증서', MAR2_UTC + HOUR],
  ])
  expect(p.errors.map((e) => [e.row, e.column, e.value])).toEqual([[6, '접수일시', '2026-13-45 10:00']])
  // Imported into a workspace: the two good rows, none of the title.
  const ws = tempWorkspace()
  try {
    const r = await runImport(ws.store, path, { timeZone: SEOUL, allowErrors: true })
    expect(r).toMatchObject({ status: 'imported', written: 2, errorCount: 1 })
    expect(countServiceRequests(ws.store)).toBe(2)
    const titles = ws.store.sqlite.prepare('SELECT title FROM service_requests ORDER BY title').pluck().all()
    expect(titles).toEqual(['나라장터, 접속 오류', '홈택스 인증서'])
  } finally {
    ws.dispose()
  }
}

describe('the delimiter is told by the table, not by a title line above it', () => {
  it('a semicolon file (European Excel, CP949) whose title line holds a comma', async () => {
    // Before: the title line decided "comma", every line was one field, and the import was refused
    // for its columns ("보고서, 2026년 3월" taken as the header).
    const text = lines(';', '서비스 요청 보고서, 2026년 3월').join('\r\n') + '\r\n'
    await expectTableRead(await write('semicolon-title-comma.csv', text, 'cp949'))
  })

  it('a comma file whose title line holds more semicolons than commas', async () => {
    // The title's unquoted semicolons outnumbered its one comma: read as semicolons before.
    const rows = lines(',', '현황; 2026; 3월; 운영팀, 작성')
    // Commas in a value are quoted in a comma file.
    rows[3] = rows[3]!.replace('나라장터, 접속 오류', '"나라장터, 접속 오류"')
    await expectTableRead(await write('comma-title-semicolons.csv', rows.join('\n') + '\n'))
  })

  it('a tab file whose title line holds a comma and a semicolon', async () => {
    await expectTableRead(await write('tab-title.tsv', lines('\t', '보고서, 3월; 운영팀').join('\n') + '\n'))
  })

  it('a pipe-separated file', async () => {
    await expectTableRead(await write('pipes.txt', lines('|', '보고서, 3월').join('\n') + '\n'))
  })

  it("a semicolon file with headers of its own: by the mapping's names, else by the rows' fields", async () => {
    // No name a known one (Subject, State, Ticket would be).
    const own = ['Key', 'Org', 'Heading', 'Prio', 'Condition', 'Opened']
    const text = ['Report, March 2026', own.join(';'), ...ROWS.map((r) => r.join(';'))].join('\n') + '\n'
    const path = await write('own-headers.csv', text)
    const p = await previewImport(path, {
      timeZone: SEOUL,
      mapping: {
        columns: {
          id: 'Key',
          tenant: 'Org',
          title: 'Heading',
          priority: 'Prio',
          status: 'Condition',
          created_at: 'Opened',
        },
        values: {},
      },
    })
    expect(p.headers).toEqual(own)
    expect(p.sample.map((r) => [r.row, r.sourceId, r.title])).toEqual([
      [3, 'S-1', '나라장터, 접속 오류'],
      [4, 'S-2', '홈택스 인증서'],
    ])
    // Without a mapping no row names a known column: the rows, six fields each, tell the delimiter
    // (the columns are then matched by hand, as the wizard offers).
    const head = Buffer.from(text)
    const table = await readCsv(path, head, DEFAULT_LIMITS)
    expect(table.headers).toEqual(['Report, March 2026'])
    expect(detectDelimiter(text, new Set())).toBe(';')
    const rows = []
    for await (const r of table.rows) rows.push(r)
    // The rows below the first line are read split by semicolons.
    expect(rows[0]).toEqual({ row: 2, cells: own })
  })

  it("quotes: only one at a field's start opens a quoted field, and what it holds does not count", async () => {
    // A title with an inch mark above a semicolon table: the mark was taken as an opening quote
    // and everything after it as quoted, so no delimiter was seen and comma was taken.
    const inch = lines(';', '24" 모니터 교체, 3월').join('\n') + '\n'
    await expectTableRead(await write('inch-title.csv', inch))
    // A quoted title holding semicolons and a line break above a comma table.
    const quoted = lines(',', '"보고서; 3월;\n운영팀; 작성"')
    quoted[3] = quoted[3]!.replace('나라장터, 접속 오류', '"나라장터, 접속 오류"')
    expect(detectDelimiter(quoted.join('\n'))).toBe(',')
    // Semicolons inside quotes only, on every line of a file naming no known column: comma.
    expect(detectDelimiter('"a;b;c",x\n"d;e;f",y\n"g;h;i",z\n', new Set())).toBe(',')
  })

  it("headers of its own: a column of lists that hold another delimiter does not win over the header's", async () => {
    // A comma file whose third column holds "a;b;c;d;e" in every row: split by semicolons its rows
    // have more fields, but its header has one; split by commas, header and rows have three.
    const text = ['Key,Org,Tags', ...Array.from({ length: 10 }, (_, i) => `K-${i},통계청,a;b;c;d;e`)].join(
      '\n',
    )
    expect(detectDelimiter(text + '\n', new Set())).toBe(',')
    const path = await write('tags.csv', text + '\n')
    const table = await readCsv(path, Buffer.from('\uFEFF' + text + '\n'), DEFAULT_LIMITS)
    expect(table.headers).toEqual(['Key', 'Org', 'Tags'])
    // A semicolon file whose title and every row hold one comma: as many records split either way,
    // the semicolons giving more fields.
    const rows = Array.from({ length: 5 }, (_, i) => `K-${i};Org;Hello, world;P1;OPEN`)
    expect(
      detectDelimiter(['Report, March', 'Key;Org;Heading;Prio;Condition', ...rows].join('\n'), new Set()),
    ).toBe(';')
  })

  it('a file of one column still reads as one column', async () => {
    const path = await write('one-column.csv', '제목\n첫 요청\n둘째 요청\n')
    const table = await readCsv(path, Buffer.from('\uFEFF제목\n첫 요청\n둘째 요청\n'), DEFAULT_LIMITS)
    expect(table.headers).toEqual(['제목'])
    const rows = []
    for await (const r of table.rows) rows.push(r)
    expect(rows).toEqual([
      { row: 2, cells: ['첫 요청'] },
      { row: 3, cells: ['둘째 요청'] },
    ])
  })
})

describe('the delimiter guess reads the records as the import does', () => {
  it('a semicolon file with CRLF line ends whose cells hold unquoted LF line breaks', async () => {
    // The guess split records at every LF, the import only at CRLF (its first line's break): the
    // rows' fields fell apart under semicolons and the file was read as commas, its header one column
    // "Key;Note;Value".
    const rows = Array.from({ length: 4 }, (_, i) => `K-${i};통계청 요청, 1차\n재요청, 2차;P${i}`)
    const text = ['Key;Note;Prio', ...rows].join('\r\n') + '\r\n'
    const path = await write('crlf-lone-lf.csv', text)
    const table = await readCsv(path, Buffer.from('\uFEFF' + text), DEFAULT_LIMITS)
    expect(table.headers).toEqual(['Key', 'Note', 'Prio'])
    const read = []
    for await (const r of table.rows) read.push(r)
    expect(read[0]).toEqual({ row: 2, cells: ['K-0', '통계청 요청, 1차\n재요청, 2차', 'P0'] })
    expect(read).toHaveLength(4)
  })
})

describe('the delimiter of a file longer than the 64 KiB looked at', () => {
  const HEAD = 65_536

  it('a semicolon file whose 64 KiB end falls inside a quoted field holding commas and line breaks', async () => {
    // The head ends in S-2's note: that record is cut, and is left out of the guess.
    const note = '접수 내용, 조치: 재부팅; 확인\r\n'.repeat(3_000)
    const rows = [
      ['S-1', '조달청', '나라장터 접속 오류', '긴급', '접수', '2026-03-02 09:00'],
      ['S-2', '국세청', `"${note}"`, '보통', '보류', '2026-03-02 10:00'],
      ['S-3', '경기도청', 'VPN 장애', '높음', '진행중', '2026-03-02 11:00'],
    ]
    const text = [HEADER.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n'
    const path = await write('semicolon-cut-quote.csv', text)
    const bytes = Buffer.from('\uFEFF' + text)
    const quoteAt = bytes.indexOf('"')
    expect(quoteAt).toBeLessThan(HEAD)
    expect(bytes.indexOf('"', quoteAt + 1)).toBeGreaterThan(HEAD)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.headers).toEqual(HEADER)
    expect(p.rowCount).toBe(3)
    expect(p.errors).toEqual([])
    expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant, r.title.length])).toEqual([
      [2, 'S-1', '조달청', '나라장터 접속 오류'.length],
      [3, 'S-2', '국세청', note.trim().length],
      [4, 'S-3', '경기도청', 'VPN 장애'.length],
    ])
  })

  it('a comma file whose first record, a quoted title, is longer than the 64 KiB', async () => {
    // No record ends within the head: nothing to split, and comma is taken.
    const title = `"${'2026년 3월 서비스 요청 처리 현황; 운영팀\n'.repeat(2_500)}"`
    const text = [title, '', HEADER.join(','), ...ROWS.map((r) => r.map((c) => `"${c}"`).join(','))].join(
      '\n',
    )
    const path = await write('long-title.csv', text + '\n')
    expect(Buffer.byteLength(title)).toBeGreaterThan(HEAD)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.headers).toEqual(HEADER)
    expect(p.titleSkipped).toEqual({ headerRow: 3, rows: 2 })
    expect(p.sample.map((r) => [r.row, r.sourceId, r.title])).toEqual([
      [4, 'S-1', '나라장터, 접속 오류'],
      [5, 'S-2', '홈택스 인증서'],
    ])
  })
})
