// File import reading: encodings (UTF-8, UTF-8 BOM, CP949 as Korean Excel saves it), delimiters,
// quoted newlines, XLSX, JSON, mappings, and timestamps without offset read in the workspace zone.
// Expected instants are written out by hand (2026-03-02T00:00Z = 1772409600000).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { previewImport } from '../../../src/main/core/sources/file-import/import'
import { cli } from '../../helpers/cli'
import { writeGeneratedXlsx } from '../../helpers/generated-csv'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')
const fixture = (name: string): string => join(FIXTURES, name)
const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-read-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const MAR2_UTC = 1772409600000 // 2026-03-02T00:00:00Z
const MIN = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000

describe('CSV in UTF-8', () => {
  for (const name of ['canonical-utf8.csv', 'canonical-utf8-bom.csv']) {
    it(`${name}: Korean text, quoted commas and newlines, offsets and workspace-zone wall times`, async () => {
      const p = await previewImport(fixture(name), { timeZone: SEOUL })
      expect(p.format).toBe('csv')
      expect(p.encoding).toBe(name.includes('bom') ? 'utf-8-bom' : 'utf-8')
      expect(p.headers[0]).toBe('id') // the BOM is not part of the first header
      expect(p.rowCount).toBe(3)
      expect(p.errors).toEqual([])
      expect(p.validCount).toBe(3)
      const [a, b, c] = p.sample
      expect(a).toMatchObject({
        row: 2,
        source: 'import:file',
        sourceId: 'SR-1',
        tenant: '서울특별시청',
        title: '로그인 오류, 인증서 만료',
        priority: 'P1',
        status: 'RESOLVED',
        assignee: '이영희',
        createdAt: 1772411400000, // 09:30 Seoul = 00:30Z
        firstResponseAt: 1772412300000, // 09:45 Seoul
        resolvedAt: 1772416800000, // 11:00+09:00 = 02:00Z
        updatedAt: 1772452800000, // 12:00Z
        reassignmentCount: 1,
        reopenCount: 0,
      })
      expect(b).toMatchObject({
        row: 3,
        tenant: '부산광역시청',
        title: '여러 줄\r\n설명이 있는 요청',
        assignee: null,
        createdAt: MAR2_UTC + DAY + 5 * HOUR + 5 * MIN, // "2026-03-03 14:05:00" Seoul
        updatedAt: MAR2_UTC + DAY + 5 * HOUR + 5 * MIN, // absent: the latest known instant
      })
      expect(c).toMatchObject({
        row: 4,
        status: 'DONE',
        createdAt: MAR2_UTC + DAY + 23 * HOUR,
        closedAt: MAR2_UTC + 2 * DAY + HOUR,
        updatedAt: MAR2_UTC + 2 * DAY + HOUR, // = closed_at, the latest known instant
      })
      expect(p.mappedColumns.first_response_at).toBe('first_response_at')
    })
  }

  it('detects a semicolon delimiter', async () => {
    const p = await previewImport(fixture('semicolon.csv'), { timeZone: SEOUL })
    expect(p.sample[0]).toMatchObject({ sourceId: 'S-1', title: '세미콜론; 포함', tenant: '조달청' })
  })

  // A sheet whose first rows are empty, saved as CSV: Excel writes them as lines of bare delimiters
  // (or nothing at all). The same sheet as XLSX imports; as CSV it was refused as "empty or blank".
  it('takes the first non-blank line as the header, keeping the spreadsheet row numbers', async () => {
    const path = join(tmp, 'blank-rows-above-header.csv')
    const header = 'id;tenant;title;priority;status;created_at'
    writeFileSync(
      path,
      '\r\n;;;;;\r\n' +
        `${header}\r\n` +
        'S-1;조달청;세미콜론, 쉼표 포함;P2;OPEN;2026-03-02 09:00\r\n' +
        'S-2;조달청;날짜 오류;P2;OPEN;2026-02-30\r\n',
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.headers).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    expect(p.rowCount).toBe(2)
    expect(p.blankRows).toBe(0)
    // Line 3 is the header, so the first SR is row 4 and the bad date row 5, as Excel numbers them.
    expect(p.sample).toEqual([
      expect.objectContaining({ row: 4, sourceId: 'S-1', title: '세미콜론, 쉼표 포함', createdAt: MAR2_UTC }),
    ])
    expect(p.errors).toEqual([
      expect.objectContaining({
        row: 5,
        column: 'created_at',
        reason: expect.objectContaining({ code: 'invalid_date_text' }),
      }),
    ])
  })
})

describe("Excel's sep= line", () => {
  it('takes the delimiter it names and reads the header from the next line', async () => {
    const header = 'id;tenant;title;priority;status;created_at'
    const rows =
      'S-1;조달청;쉼표, 포함;P2;OPEN;2026-03-02 09:00\r\n' + 'S-2;조달청;날짜 오류;P2;OPEN;2026-02-30\r\n'
    for (const [name, first] of [
      ['sep-line.csv', 'sep=;\r\n'],
      ['sep-line-quoted.csv', '\uFEFF"sep=;"\n'],
    ] as const) {
      const path = join(tmp, name)
      writeFileSync(path, `${first}${header}\r\n${rows}`)
      const p = await previewImport(path, { timeZone: SEOUL })
      // Before: "Missing required column" with "sep=" as the file's only header.
      expect(p.headers).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
      expect(p.sample).toEqual([
        expect.objectContaining({ row: 3, sourceId: 'S-1', title: '쉼표, 포함', createdAt: MAR2_UTC }),
      ])
      // The header is line 2: the bad date is on row 4, as Excel numbers it.
      expect(p.errors).toEqual([
        expect.objectContaining({
          row: 4,
          column: 'created_at',
          reason: expect.objectContaining({ code: 'invalid_date_text' }),
        }),
      ])
    }
  })
})

describe('CSV in CP949 as Korean Excel saves it', () => {
  it('decodes Korean headers and values, Korean status/priority words and 오전/오후 times', async () => {
    const p = await previewImport(fixture('excel-cp949.csv'), { timeZone: SEOUL })
    expect(p.encoding).toBe('cp949')
    expect(p.headers).toEqual([
      '번호',
      '기관',
      '제목',
      '분류',
      '우선순위',
      '상태',
      '요청자',
      '담당자',
      '생성일시',
      '해결일시',
      '종료일시',
      '수정일시',
    ])
    expect(p.mappedColumns).toMatchObject({
      id: '번호',
      tenant: '기관',
      created_at: '생성일시',
      closed_at: '종료일시',
    })
    expect(p.errors).toEqual([])
    expect(p.sample.map((r) => [r.sourceId, r.tenant, r.title, r.priority, r.status])).toEqual([
      ['1001', '행정안전부', '전자결재 시스템 응답 지연', 'P1', 'IN_PROGRESS'],
      ['1002', '국세청', '홈택스 인증서 갱신 문의', 'P3', 'DONE'],
      ['1003', '경기도청, 정보화담당관', 'VPN 장애', 'P2', 'PENDING'],
    ])
    expect(p.sample[0]).toMatchObject({ requester: '홍길동', assignee: '김철수', createdAt: 1772411400000 })
    expect(p.sample[1]).toMatchObject({
      createdAt: MAR2_UTC + 5 * HOUR + 5 * MIN, // 오후 2:05 = 14:05 Seoul
      resolvedAt: MAR2_UTC + 6 * HOUR, // 오후 3:00
      closedAt: MAR2_UTC + 7 * HOUR,
    })
    expect(p.sample[2]?.createdAt).toBe(MAR2_UTC + DAY + HOUR) // "2026. 3. 3. 10:00"
  })
})

describe('time zones', () => {
  it('reads wall times in the given zone, DST-correct', async () => {
    const path = join(tmp, 'ny.csv')
    writeFileSync(
      path,
      'id,tenant,title,priority,status,created_at\n' +
        'N-1,T,before DST,P3,OPEN,2026-03-07T12:00:00\n' + // EST, UTC-5 → 17:00Z
        'N-2,T,after DST,P3,OPEN,2026-03-10T12:00:00\n' + // EDT, UTC-4 → 16:00Z
        'N-3,T,explicit offset,P3,OPEN,2026-03-10T12:00:00+09:00\n',
    )
    const p = await previewImport(path, { timeZone: 'America/New_York' })
    expect(p.sample.map((r) => r.createdAt)).toEqual([
      1772902800000,
      1773158400000,
      MAR2_UTC + 8 * DAY + 3 * HOUR,
    ])
  })
})

describe('invisible characters in headers', () => {
  // A header typed by pasting from a web page or a document can carry a zero-width space (U+200B) or
  // a word joiner (U+2060): it looks like "id" but was "Missing required column: id".
  it('zero-width spaces and joiners do not hide a canonical or Korean header', async () => {
    const path = join(tmp, 'zero-width-headers.csv')
    writeFileSync(
      path,
      '\u200Bid,tenant\u200D,ti\u2060tle,priority,상\u200B태,created_at\n' +
        'Z-1,조달청,제목,P2,접수,2026-03-02 09:00\n',
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([])
    expect(p.mappedColumns).toMatchObject({
      id: '\u200Bid',
      tenant: 'tenant\u200D',
      title: 'ti\u2060tle',
      status: '상\u200B태',
    })
    expect(p.sample).toEqual([
      expect.objectContaining({
        sourceId: 'Z-1',
        tenant: '조달청',
        title: '제목',
        status: 'OPEN',
        createdAt: MAR2_UTC,
      }),
    ])
  })
})

describe('Korean status words', () => {
  // Standard Korean spacing writes "진행 중", "처리 중" (중 is a separate word); many systems drop the
  // space. Both spellings must read the same, not ask for a mapping on every row.
  it('are read with or without the space between the words', async () => {
    const path = join(tmp, 'spaced-status.csv')
    writeFileSync(
      path,
      'id,tenant,title,priority,status,created_at,resolved_at\n' +
        'K-1,조달청,가,P3,진행 중,2026-03-02 09:00,\n' +
        'K-2,조달청,나,P3,처리 중,2026-03-02 09:00,\n' +
        'K-3,조달청,다,P3,처리 완료,2026-03-02 09:00,2026-03-02 10:00\n' +
        'K-4,조달청,라,P3,진행중,2026-03-02 09:00,\n' +
        'K-5,조달청,마,P3,In Progress,2026-03-02 09:00,\n',
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([])
    expect(p.sample.map((r) => [r.sourceId, r.status])).toEqual([
      ['K-1', 'IN_PROGRESS'],
      ['K-2', 'IN_PROGRESS'],
      ['K-3', 'RESOLVED'],
      ['K-4', 'IN_PROGRESS'],
      ['K-5', 'IN_PROGRESS'],
    ])
    expect(p.sample[2]?.resolvedAt).toBe(MAR2_UTC + HOUR)
  })
})

describe('a ServiceNow incident list exported as CSV', () => {
  // Export → CSV from an incident list: field names as headers, display values as cells. Before,
  // short_description was no title ("Missing required column: title") and every "1 - Critical"
  // style priority was unknown, so each such file needed a hand-written mapping.
  it('imports without a mapping: short_description, caller_id and "N - Label" priorities', async () => {
    const path = join(tmp, 'incident.csv')
    writeFileSync(
      path,
      '"number","short_description","caller_id","company","priority","state","opened_at","resolved_at","sys_updated_on"\r\n' +
        '"INC0010001","VPN 접속 불가","김민수","조달청","1 - Critical","Resolved","2026-03-02 09:00:00","2026-03-02 10:00:00","2026-03-02 10:00:00"\r\n' +
        '"INC0010002","메일 지연","이영희","조달청","2 - High","In Progress","2026-03-02 09:00:00","","2026-03-02 09:30:00"\r\n' +
        '"INC0010003","계정 잠김","박지훈","조달청","3 - Moderate","New","2026-03-02 09:00:00","","2026-03-02 09:00:00"\r\n' +
        '"INC0010004","프린터","최수진","조달청","4 - Low","On Hold","2026-03-02 09:00:00","","2026-03-02 09:00:00"\r\n' +
        '"INC0010005","신규 장비 요청","정다은","조달청","5 - Planning","Canceled","2026-03-02 09:00:00","","2026-03-02 11:00:00"\r\n',
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([])
    expect(p.mappedColumns).toMatchObject({
      id: 'number',
      title: 'short_description',
      requester: 'caller_id',
      tenant: 'company',
      priority: 'priority',
      status: 'state',
      created_at: 'opened_at',
      updated_at: 'sys_updated_on',
    })
    expect(p.sample.map((r) => [r.sourceId, r.title, r.requester, r.priority, r.status])).toEqual([
      ['INC0010001', 'VPN 접속 불가', '김민수', 'P1', 'RESOLVED'],
      ['INC0010002', '메일 지연', '이영희', 'P2', 'IN_PROGRESS'],
      ['INC0010003', '계정 잠김', '박지훈', 'P3', 'OPEN'],
      ['INC0010004', '프린터', '최수진', 'P4', 'PENDING'],
      ['INC0010005', '신규 장비 요청', '정다은', 'P4', 'CANCELLED'],
    ])
    expect(p.sample[0]).toMatchObject({ createdAt: MAR2_UTC, resolvedAt: MAR2_UTC + HOUR })
  })
})

describe('column mapping', () => {
  it('maps another layout and its values through a mapping file', async () => {
    const p = await previewImport(fixture('custom-layout.csv'), {
      timeZone: 'UTC', // the mapping's timeZone (Asia/Seoul) wins
      mapping: fixture('custom-mapping.json'),
      sourceName: 'legacy',
    })
    expect(p.errors).toEqual([])
    expect(p.mappedColumns).toMatchObject({
      id: 'Ticket No',
      tenant: 'Customer',
      assignee: 'Engineer',
      category: null,
    })
    expect(p.sample[0]).toMatchObject({
      source: 'import:legacy',
      sourceId: 'T-100',
      tenant: '통계청',
      priority: 'P1',
      status: 'IN_PROGRESS',
      createdAt: MAR2_UTC + 4 * DAY, // 2026-03-06 09:00 Seoul = 00:00Z
    })
    expect(p.sample[1]).toMatchObject({ status: 'RESOLVED', resolvedAt: MAR2_UTC + 4 * DAY + 90 * MIN })
  })

  it('rejects an invalid mapping file with every problem listed', async () => {
    const err = await previewImport(fixture('custom-layout.csv'), {
      timeZone: SEOUL,
      mapping: fixture('bad-mapping.json'),
    }).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    )
    expect(err).toBeInstanceOf(Error)
    expect(err.message).toContain('Invalid mapping file')
    expect(err.message).toContain('columns')
    expect(err.message).toContain('values.status.a')
    expect(err.message).toContain('timeZone: not an IANA time zone')
  })

  it('names mapped headers the file does not have', async () => {
    await expect(
      previewImport(fixture('custom-layout.csv'), {
        timeZone: SEOUL,
        mapping: { columns: { id: 'Ticket No', tenant: 'Agency' }, values: {} },
      }),
    ).rejects.toThrow(/tenant → "Agency".*Headers found: "Ticket No", "Customer"/)
  })
})

describe('CP949 beyond KS X 1001', () => {
  it('keeps the extended Hangul syllables CP949 (UHC) adds: 똠, 쌰, 햏, 뷁', async () => {
    // Korean Excel writes these as two-byte UHC codes; a KS X 1001-only EUC-KR decoder garbles them.
    const path = join(tmp, 'uhc.csv')
    const text =
      '번호,기관,제목,우선순위,상태,담당자,생성일시\r\n' +
      '1,쌰기관,햏 뷁 오류,P2,접수,김똠식,2026-03-02 09:00\r\n' +
      '2,국세청,가나다,P3,처리중,이영희,2026-03-02 10:00\r\n'
    writeFileSync(path, iconv.encode(text, 'cp949'))
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.encoding).toBe('cp949')
    expect(p.errors).toEqual([])
    expect(p.sample.map((r) => [r.tenant, r.title, r.assignee])).toEqual([
      ['쌰기관', '햏 뷁 오류', '김똠식'],
      ['국세청', '가나다', '이영희'],
    ])
  })

  it('counts C1 control characters as garbage', async () => {
    // UTF-8-encoded U+0080–U+009F: what a Latin-1-style misdecoding leaves; never real data.
    const path = join(tmp, 'c1.csv')
    const junk = Array.from({ length: 40 }, (_, i) => String.fromCharCode(0x80 + (i % 32))).join('')
    writeFileSync(path, `id,tenant,title,priority,status,created_at\n1,${junk},t,P1,OPEN,2026-03-02\n`)
    await expect(previewImport(path, { timeZone: SEOUL })).rejects.toThrow(/does not look like CSV text/)
  })
})

describe('JSON', () => {
  it('reads { items: [...] } with ISO strings and epoch-ms numbers', async () => {
    const p = await previewImport(fixture('items.json'), { timeZone: SEOUL })
    expect(p.format).toBe('json')
    expect(p.errors).toEqual([])
    expect(p.sample[0]).toMatchObject({
      sourceId: 'J-1',
      tenant: '교육부',
      title: '나이스 접속 장애',
      reassignmentCount: 2,
      createdAt: MAR2_UTC + 5 * DAY, // 2026-03-07T09:00+09:00
      resolvedAt: MAR2_UTC + 5 * DAY + HOUR,
    })
    expect(p.sample[1]).toMatchObject({ sourceId: 'J-2', createdAt: 1772931600000 })
  })

  it('reads a top-level array and reports non-object records by row', async () => {
    const path = join(tmp, 'array.json')
    writeFileSync(
      path,
      JSON.stringify([
        {
          id: 'A',
          tenant: 'T',
          title: 't',
          priority: 'P2',
          status: 'OPEN',
          created_at: '2026-03-02T09:00:00',
        },
        42,
      ]),
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.sample[0]?.createdAt).toBe(MAR2_UTC)
    expect(p.errors).toEqual([
      {
        row: 3,
        column: '',
        value: '',
        message: 'record is not a JSON object',
        reason: { code: 'not_json_object' },
      },
    ])
  })
})

describe('JSON from other tools', () => {
  const record = (id: string, created: string) => ({
    id,
    tenant: '조달청',
    title: `요청 ${id}`,
    priority: 'P2',
    status: 'OPEN',
    created_at: created,
  })

  it('reads { result: [...] } (ServiceNow Table API) and { records: [...] } (its list export)', async () => {
    for (const key of ['result', 'records']) {
      const path = join(tmp, `${key}.json`)
      writeFileSync(
        path,
        JSON.stringify({ [key]: [record('A', '2026-03-02T09:00:00'), record('B', '2026-03-02T09:00:00')] }),
      )
      const p = await previewImport(path, { timeZone: SEOUL })
      expect(p.errors).toEqual([])
      expect(p.sample.map((r) => [r.row, r.sourceId, r.createdAt])).toEqual([
        [2, 'A', MAR2_UTC],
        [3, 'B', MAR2_UTC],
      ])
    }
  })

  it('reads JSON Lines (one object per line), rows numbered by their line', async () => {
    const path = join(tmp, 'lines.jsonl')
    writeFileSync(
      path,
      `${JSON.stringify(record('L-1', '2026-03-02T09:00:00'))}\r\n\r\n` +
        `${JSON.stringify(record('L-2', '2026-02-30T09:00:00'))}\n` +
        `${JSON.stringify(record('L-3', '2026-03-02T09:00:00'))}\n`,
    )
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.rowCount).toBe(3)
    expect(p.sample.map((r) => [r.row, r.sourceId])).toEqual([
      [1, 'L-1'],
      [4, 'L-3'],
    ])
    // The bad date is on line 3 (line 2 is blank).
    expect(p.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'created_at',
        reason: expect.objectContaining({ code: 'invalid_date_text' }),
      }),
    ])
  })

  it('still refuses lines that are not all objects, with the JSON error of the whole file', async () => {
    const path = join(tmp, 'half-lines.json')
    writeFileSync(path, `${JSON.stringify(record('L-1', '2026-03-02T09:00:00'))}\n[1, 2]\n`)
    await expect(previewImport(path, { timeZone: SEOUL })).rejects.toMatchObject({
      reason: { code: 'json_invalid' },
    })
  })
})

describe('JSON records that are not objects', () => {
  it('each is one row error, never a duplicate id (id the first key)', async () => {
    const path = join(tmp, 'non-objects.json')
    const record = {
      id: 'A',
      tenant: 'T',
      title: 't',
      priority: 'P2',
      status: 'OPEN',
      created_at: '2026-03-02',
    }
    writeFileSync(path, JSON.stringify([record, 42, 'text', null]))
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([
      {
        row: 3,
        column: '',
        value: '',
        message: 'record is not a JSON object',
        reason: { code: 'not_json_object' },
      },
      {
        row: 4,
        column: '',
        value: '',
        message: 'record is not a JSON object',
        reason: { code: 'not_json_object' },
      },
      {
        row: 5,
        column: '',
        value: '',
        message: 'record is not a JSON object',
        reason: { code: 'not_json_object' },
      },
    ])
  })
})

describe('XLSX', () => {
  async function workbook(path: string): Promise<void> {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('안내').addRow(['이 시트는 설명입니다'])
    const ws = wb.addWorksheet('SR')
    ws.addRow(['번호', '기관', '제목', '우선순위', '상태', '생성일시', '해결일시', '수정일시', '재오픈횟수'])
    // Excel dates have no zone: exceljs writes a Date's UTC fields as the wall time.
    ws.addRow([
      2001,
      '질병관리청',
      '예방접종 시스템 오류',
      'P1',
      'RESOLVED',
      new Date(Date.UTC(2026, 2, 2, 9, 30)),
      46083.4375,
      '2026-03-02T12:00:00+09:00',
      1,
    ])
    ws.getCell('G2').numFmt = '0.0000' // a date stored as a plain serial number
    ws.addRow([
      2002,
      '기상청',
      '  날씨누리 접속  ',
      '보통',
      '접수',
      new Date(Date.UTC(2026, 2, 3, 0, 0)),
      null,
      null,
      null,
    ])
    await wb.xlsx.writeFile(path)
  }

  it('reads a named sheet: Excel dates, serial numbers, text dates, numeric ids', async () => {
    const path = join(tmp, 'srs.xlsx')
    await workbook(path)
    const p = await previewImport(path, { timeZone: SEOUL, sheet: 'SR' })
    expect(p.format).toBe('xlsx')
    expect(p.encoding).toBe('binary')
    expect(p.errors).toEqual([])
    expect(p.sample[0]).toMatchObject({
      row: 2,
      sourceId: '2001',
      tenant: '질병관리청',
      title: '예방접종 시스템 오류',
      createdAt: 1772411400000, // 09:30 Seoul
      resolvedAt: MAR2_UTC + 90 * MIN, // serial 46083.4375 = 2026-03-02 10:30 Seoul
      updatedAt: MAR2_UTC + 3 * HOUR,
      reopenCount: 1,
    })
    expect(p.sample[1]).toMatchObject({
      sourceId: '2002',
      title: '날씨누리 접속',
      priority: 'P3',
      status: 'OPEN',
    })
    expect(p.sample[1]?.createdAt).toBe(MAR2_UTC + DAY - 9 * HOUR) // 2026-03-03 00:00 Seoul
  })

  it('merged cells, hyperlinks, rich text, cached formula results and the 1904 date system', async () => {
    const path = join(tmp, 'features.xlsx')
    const wb = new ExcelJS.Workbook()
    wb.properties.date1904 = true
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'category', 'priority', 'status', 'created_at'])
    ws.addRow(['F-1', '국립중앙도서관', null, null, 'P2', 'OPEN', new Date(Date.UTC(2026, 2, 2, 9, 0))])
    ws.addRow(['F-2', null, '두 번째 요청', '네트워크', 'P3', 'OPEN', new Date(Date.UTC(2026, 2, 2, 10, 0))])
    ws.mergeCells('B2:B3') // one tenant for both rows, as a grouped report lays it out
    ws.getCell('C2').value = { text: '링크 걸린 제목', hyperlink: 'https://example.org/sr/F-1' }
    ws.getCell('D2').value = { formula: 'D3', result: '네트워크' }
    ws.getCell('C3').value = { richText: [{ text: '두 번째 ', font: { bold: true } }, { text: '요청' }] }
    ws.getCell('G2').numFmt = 'yyyy-mm-dd hh:mm'
    ws.getCell('G3').numFmt = 'yyyy-mm-dd hh:mm'
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([])
    expect(p.sample.map((r) => [r.sourceId, r.tenant, r.title, r.category, r.createdAt])).toEqual([
      ['F-1', '국립중앙도서관', '링크 걸린 제목', '네트워크', MAR2_UTC],
      ['F-2', '국립중앙도서관', '두 번째 요청', '네트워크', MAR2_UTC + HOUR],
    ])
  })

  it('a number shown zero-padded (format 00000) is read as shown: id 00123, not 123', async () => {
    const path = join(tmp, 'padded-ids.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    ws.addRow([123, '조달청', '제목', 'P2', 'OPEN', '2026-03-02T09:00:00'])
    ws.addRow([4567, '조달청', '제목', 'P2', 'OPEN', '2026-03-02T09:00:00'])
    ws.getCell('A2').numFmt = '00000'
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.sample.map((r) => r.sourceId)).toEqual(['00123', '4567'])
  })

  it('plain serial numbers in a 1904-date workbook count from 1904', async () => {
    const path = join(tmp, 'serial-1904.xlsx')
    const wb = new ExcelJS.Workbook()
    wb.properties.date1904 = true
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'priority', 'status', 'created_at', 'resolved_at'])
    // 2026-03-02 10:30 is serial 46083.4375 in the 1900 system, 1,462 days less in the 1904 system.
    ws.addRow(['S-1', '조달청', '제목', 'P2', 'RESOLVED', new Date(Date.UTC(2026, 2, 2, 9, 30)), 44621.4375])
    ws.getCell('F2').numFmt = 'yyyy-mm-dd hh:mm'
    ws.getCell('G2').numFmt = '0.0000'
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([])
    expect(p.sample[0]).toMatchObject({ createdAt: MAR2_UTC + 30 * MIN, resolvedAt: MAR2_UTC + 90 * MIN })
  })

  it('formulas without a saved result and error values are row errors naming the cell, never "[object Object]"', async () => {
    const path = join(tmp, 'formulas.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'category', 'priority', 'status', 'created_at'])
    for (let i = 1; i <= 5; i++)
      ws.addRow([`G-${i}`, '조달청', `제목 ${i}`, '분류', 'P3', 'OPEN', '2026-03-02T09:00:00'])
    ws.getCell('C2').value = { formula: 'A2&" 요청"' } as ExcelJS.CellFormulaValue // never calculated
    ws.getCell('D3').value = { formula: '1/0', result: { error: '#DIV/0!' } }
    ws.getCell('C4').value = {
      text: { richText: [{ text: '링크 ', font: { bold: true } }, { text: '제목' }] },
      hyperlink: 'https://example.org/G-3',
    } as unknown as ExcelJS.CellHyperlinkValue
    ws.getCell('D5').value = { error: '#N/A' }
    ws.getCell('E6').value = { formula: '"P"&2', result: 'P2' }
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([
      {
        row: 2,
        column: 'title',
        value: '=A2&" 요청"',
        message: 'title: formula without a saved result in cell C2: open and save the file in Excel',
        reason: { code: 'formula_no_result', params: { column: 'title', cell: 'C2' } },
      },
      {
        row: 3,
        column: 'category',
        value: '#DIV/0!',
        message: 'category: formula error #DIV/0! in cell D3: fix the formula',
        reason: { code: 'formula_error', params: { column: 'category', cell: 'D3', error: '#DIV/0!' } },
      },
      {
        row: 5,
        column: 'category',
        value: '#N/A',
        message: 'category: Excel error value #N/A in cell D5',
        reason: { code: 'excel_error_value', params: { column: 'category', cell: 'D5', error: '#N/A' } },
      },
    ])
    expect(p.sample.map((r) => [r.sourceId, r.title, r.priority])).toEqual([
      ['G-3', '링크 제목', 'P3'],
      ['G-5', '제목 5', 'P2'],
    ])
  })

  it('a cell is an error by its type, not its text: "#N/A" typed as text or a formula giving the text "#REF!" is read as text', async () => {
    const path = join(tmp, 'error-lookalikes.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('SR')
    ws.addRow(['id', 'tenant', 'title', 'category', 'priority', 'status', 'created_at'])
    for (let i = 1; i <= 5; i++)
      ws.addRow([`L-${i}`, '조달청', `제목 ${i}`, '분류', 'P3', 'OPEN', '2026-03-02T09:00:00'])
    ws.getCell('C2').value = '#N/A' // a shared string (t="s")
    ws.getCell('C3').value = { formula: '"#REF!"', result: '#REF!' } // a text result (t="str")
    ws.getCell('D4').value = { error: '#N/A' } // an error value (t="e")
    ws.getCell('D5').value = { formula: 'NA()', result: { error: '#N/A' } } // an error result (t="e")
    ws.getCell('D6').value = { formula: 'D2&"!"', result: '분류!' }
    await wb.xlsx.writeFile(path)
    const p = await previewImport(path, { timeZone: SEOUL })
    expect(p.errors).toEqual([
      {
        row: 4,
        column: 'category',
        value: '#N/A',
        message: 'category: Excel error value #N/A in cell D4',
        reason: { code: 'excel_error_value', params: { column: 'category', cell: 'D4', error: '#N/A' } },
      },
      {
        row: 5,
        column: 'category',
        value: '#N/A',
        message: 'category: formula error #N/A in cell D5: fix the formula',
        reason: { code: 'formula_error', params: { column: 'category', cell: 'D5', error: '#N/A' } },
      },
    ])
    expect(p.sample.map((r) => [r.sourceId, r.title, r.category])).toEqual([
      ['L-1', '#N/A', '분류'],
      ['L-2', '#REF!', '분류'],
      ['L-5', '제목 5', '분류!'],
    ])
  })

  it('reads a workbook far larger than the heap the whole-workbook reader needed', async () => {
    // 60,000 rows: reading the whole workbook took about 400 MB of heap and died at 256 MB; the
    // streaming reader keeps one row at a time (plus the valid rows an import writes).
    const path = join(tmp, 'large.xlsx')
    await writeGeneratedXlsx(path, 60_000)
    const r = await cli(['import', path, '--data-dir', join(tmp, 'large-ws'), '--dry-run'], {
      NODE_OPTIONS: '--max-old-space-size=200',
    })
    expect(r.stderr).not.toMatch(/heap out of memory/)
    expect(r.stdout).toMatch(
      /^dry run: 60,000 of 60,000 rows would be written \(xlsx, binary\); 0 row errors/,
    )
    expect(r.code).toBe(0)
  }, 120_000)

  it('uses the first sheet by default and names an unknown sheet', async () => {
    const path = join(tmp, 'srs2.xlsx')
    await workbook(path)
    // The first sheet is an explanation page: the error says which sheet was read and names the other.
    await expect(previewImport(path, { timeZone: SEOUL })).rejects.toThrow(
      /Missing required columns: id, tenant.*\(read sheet "안내"; the workbook also has "SR": choose one with --sheet/s,
    )
    await expect(previewImport(path, { timeZone: SEOUL, sheet: '없음' })).rejects.toThrow(
      /no sheet named "없음". Sheets: "안내", "SR"/,
    )
  })
})
