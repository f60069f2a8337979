// The records the delimiter guess looks at: the first non-blank records of a CSV file's head (its first
// 64 KiB, decoded), split by one candidate delimiter as the import's parser reads the whole file, and
// none of a record the head cuts short.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { detectDelimiter, sampleRecords } from '../../../src/main/core/sources/file-import/read-csv'

const DELIMITERS = [',', ';', '\t', '|']

/** The non-blank records of the whole `text` as the import reads it with `delimiter`, the first `max`. */
function importRecords(text: string, delimiter: string, max = 30): string[][] {
  const all = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    relax_quotes: true,
  }) as string[][]
  return all.filter((r) => r.some((f) => f.trim() !== '')).slice(0, max)
}

describe('sampleRecords of a whole file: the records the import reads', () => {
  const files: Record<string, string> = {
    'quoted delimiters and line breaks': 'a,"b;c,d|e\tf"\n"x\ny"\nz|"p;q"\n',
    'doubled quotes': 'a,"he said ""hi"""\nb;""""\n"x""y"\n',
    'CRLF, a blank line and a line of bare delimiters': 'a;b\r\nc;"d\r\ne"\r\n\r\n;;\r\n,,\r\ne;f',
    'blank and whitespace lines': '\n\n  \n\t\n,,\n;;\n||\na,b\n',
    'a sep= line': 'sep=;\na;b\nc;d\n',
    'a BOM before a quote': '\uFEFF"a",b\nc,d\n',
    "quotes that open no field (not at a field's start)": 'ab"c,d\n24" 모니터;y\na, "b,c"\n',
    'Korean text (a CP949 file, decoded)':
      '번호;제목;기관\r\nS-1;"나라장터; 접속, 오류";조달청\r\nS-2;홈택스;국세청\r\n',
    'CR line ends': 'a,b\rc,"d\re"\r',
    'no line break at the end': 'a,b\nc,"d"',
    'an empty quoted last field': 'a,""',
  }
  for (const [name, text] of Object.entries(files)) {
    it(name, () => {
      for (const d of DELIMITERS)
        expect(sampleRecords(text, d, 30), JSON.stringify(d)).toEqual(importRecords(text, d))
    })
  }

  it('quoted fields keep delimiters, quotes and line breaks; blank records are left out', () => {
    const text = 'Key;Note\r\n\r\n;;\r\nK-1;"a; b ""c""\r\nd"\r\nK-2;e\r\n'
    expect(sampleRecords(text, ';', 30)).toEqual([
      ['Key', 'Note'],
      ['K-1', 'a; b "c"\r\nd'],
      ['K-2', 'e'],
    ])
  })

  it('gives the first `max` non-blank records, whatever follows them', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `K-${i},v${i}`)
    const text = ['', ...rows.slice(0, 5), ',,', ...rows.slice(5), 'x,"never closed'].join('\n')
    expect(sampleRecords(text, ',', 30)).toEqual(rows.slice(0, 30).map((r) => r.split(',')))
    expect(sampleRecords(text, ',', 3)).toEqual(rows.slice(0, 3).map((r) => r.split(',')))
  })
})

describe('sampleRecords reads what the import reads where a hand-written reading differed', () => {
  it('a closing quote followed by more text keeps its quotes, as the import keeps them', () => {
    // Split by a delimiter that is not the file's, a quoted field runs on after its closing quote.
    const text = '"ab"cd,e\n"x\ny",z\n'
    expect(sampleRecords(text, ';', 30)).toEqual([['"ab"cd,e'], ['"x\ny",z']])
    for (const d of DELIMITERS)
      expect(sampleRecords(text, d, 30), JSON.stringify(d)).toEqual(importRecords(text, d))
  })

  it('the line break of the first line ends records, a lone LF in a CRLF file is text', () => {
    const text = 'a,b\r\nc\nd,e\r\n'
    expect(sampleRecords(text, ',', 30)).toEqual([
      ['a', 'b'],
      ['c\nd', 'e'],
    ])
    for (const d of DELIMITERS)
      expect(sampleRecords(text, d, 30), JSON.stringify(d)).toEqual(importRecords(text, d))
  })

  it('a quote not closed by the end of the file: the records before it, where the import stops', () => {
    expect(() => importRecords('a,b\nc,"d\ne', ',')).toThrow(/Quote Not Closed/)
    expect(sampleRecords('a,b\nc,"d\ne', ',', 30)).toEqual([['a', 'b']])
  })

  it('a semicolon CRLF file whose cells hold unquoted LF line breaks is told as semicolons', () => {
    // Split at each LF too, its header and rows had no fields in common under semicolons, and
    // commas won; the import reads each row as one record of three fields.
    const rows = Array.from({ length: 4 }, (_, i) => `K-${i};a, b\nc, d;${i}`)
    expect(detectDelimiter(['Key;Note;Value', ...rows].join('\r\n') + '\r\n', new Set())).toBe(';')
  })
})

describe('sampleRecords of a head cut short (whole = false)', () => {
  const full = 'Key;Note;Org\nK-1;"one; two\nthree";A\nK-2;"four\nfive; six";B\nK-3;plain;C\n'
  const kept = (n: number): string[][] => importRecords(full, ';').slice(0, n)

  it('leaves out the record cut by the end of the head, quoted or not', () => {
    // Cut inside the quoted field of K-2 (after its line break): K-2 is left out.
    const inQuote = full.slice(0, full.indexOf('five') + 2)
    expect(sampleRecords(inQuote, ';', 30, false)).toEqual(kept(2))
    // Cut right after the opening quote.
    expect(sampleRecords(full.slice(0, full.indexOf('"four') + 1), ';', 30, false)).toEqual(kept(2))
    // Cut inside the unquoted K-3 line.
    expect(sampleRecords(full.slice(0, full.indexOf('plain') + 3), ';', 30, false)).toEqual(kept(3))
    // Cut just after K-2's closing quote, before its last field: K-2 is still cut.
    expect(sampleRecords(full.slice(0, full.indexOf('six"') + 4), ';', 30, false)).toEqual(kept(2))
    // The same head read as a whole file keeps what follows the last line break.
    expect(sampleRecords(full.slice(0, full.indexOf('plain') + 3), ';', 30, true)).toEqual([
      ...kept(3),
      ['K-3', 'pla'],
    ])
  })

  it('keeps the last record when the head ends at its line break, CRLF cut between CR and LF too', () => {
    expect(sampleRecords(full, ';', 30, false)).toEqual(kept(4))
    const crlf = full.replace(/\n/g, '\r\n')
    const atCr = crlf.slice(0, crlf.indexOf('K-3') - 1)
    expect(atCr.endsWith('B\r')).toBe(true)
    expect(sampleRecords(atCr, ';', 30, false)).toEqual(importRecords(crlf, ';').slice(0, 3))
  })

  it('a cut quote whose text holds the other delimiters and Korean, ending in a broken character', () => {
    const file =
      '번호,제목,기관\r\nS-1,"나라장터, 접속",조달청\r\nS-2,"홈택스; 인증서|오류\r\n두 번째 줄",국세청\r\n'
    // A head cut in a multi-byte character decodes to U+FFFD at its end.
    const head = file.slice(0, file.indexOf('줄')) + '\uFFFD'
    // Split by commas the S-2 record is cut in its quoted field; split by the others (its quote
    // then opens no field) the S-2 line ends before the cut.
    const whole = { ',': 2, ';': 3, '\t': 3, '|': 3 }
    for (const d of DELIMITERS) {
      expect(sampleRecords(head, d, 30, false), JSON.stringify(d)).toEqual(
        importRecords(file, d).slice(0, whole[d as keyof typeof whole]),
      )
    }
  })

  it('gives nothing for a head that is one record longer than itself', () => {
    // A quoted title holding line breaks, not closed within the head.
    const title = '"2026년 3월 서비스 요청 보고서\n' + '작성: 운영팀; 검토, 승인\n'.repeat(3000)
    for (const d of DELIMITERS) expect(sampleRecords(title, d, 30, false)).toEqual([])
    // A single line with no line break at all.
    const line = 'a;b,c|d\t'.repeat(9000)
    for (const d of DELIMITERS) expect(sampleRecords(line, d, 30, false)).toEqual([])
    // So no split tells anything: comma, as for a one-column file.
    expect(detectDelimiter(title, new Set(), false)).toBe(',')
  })

  it('a semicolon head cut inside a quoted field holding commas and line breaks', () => {
    const rows = Array.from({ length: 3 }, (_, i) => `K-${i};"${'가, 나, 다\n'.repeat(2)}";${i}`)
    const file = ['Key;Note;Value', ...rows, `K-9;"${'a, b, c\n'.repeat(50)}";9`, ''].join('\r\n')
    const head = file.slice(0, file.indexOf('";9') - 10)
    expect(sampleRecords(head, ';', 30, false)).toEqual(importRecords(file, ';').slice(0, 4))
    expect(sampleRecords(head, ';', 30, false)).toHaveLength(4)
  })
})
