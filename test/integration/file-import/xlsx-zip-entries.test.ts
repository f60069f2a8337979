// The XLSX reader reads every part of a workbook, however the unzipping and its copies of the sheets
// are timed. exceljs 4.4's streaming reader copies each sheet that comes before the shared strings
// to a temporary file; meanwhile unzipper goes on through the small parts that follow, and once it
// has taken in the whole file it says 'end' while the parts it parsed meanwhile still wait in its
// buffer. The reader stopped there and every part after the sheet being copied was lost. Where the
// copy was slower than the unzipping (now and then on a loaded machine) import-channels.test.ts
// failed with "Cannot read properties of undefined (reading 'sheets')"; here the copies are held.
import fs, { mkdtempSync, rmSync, writeFileSync, type PathLike } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { previewImport } from '../../../src/main/core/sources/file-import/import'
import { writeTwoSheetWorkbook } from '../../helpers/two-sheet-workbook'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-zip-entries-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * Runs `read` while every temporary sheet copy exceljs writes of `workbook` reports being written
 * only once the unzipper has taken in the whole file (its 'finish'), as a slow disk has it. Returns
 * what `read` gave and how many copies were held, so a test knows the race was run. exceljs calls
 * fs through require('fs'), the same object as this module's `fs`.
 */
async function withSlowSheetCopies<T>(workbook: string, read: () => Promise<T>): Promise<[T, number]> {
  const { createReadStream, createWriteStream } = fs
  // The unzipping of the workbook's latest read (the first pass, then the rows).
  let unzipped: Promise<void> = Promise.resolve()
  let held = 0
  fs.createReadStream = ((path: PathLike, options?: Parameters<typeof createReadStream>[1]) => {
    const stream = createReadStream(path, options)
    if (path === workbook) {
      const pipe = stream.pipe
      unzipped = new Promise((resolve) => {
        // exceljs pipes the file into unzipper's parser: 'finish' is its input taken in.
        stream.pipe = function (this: typeof stream, zip, opts) {
          zip.once('finish', () => resolve())
          return pipe.call(this, zip, opts)
        } as typeof stream.pipe
      })
    }
    return stream
  }) as typeof fs.createReadStream
  fs.createWriteStream = ((path: PathLike, options?: Parameters<typeof createWriteStream>[1]) => {
    const stream = createWriteStream(path, options)
    // tmp's names: tmp-<pid>-<random>.
    if (typeof path === 'string' && basename(path).startsWith(`tmp-${process.pid}-`)) {
      held++
      const emit = stream.emit
      const until = unzipped
      stream.emit = function (this: typeof stream, event: string | symbol, ...args: unknown[]) {
        if (event !== 'finish') return emit.call(this, event, ...args)
        void until.then(() => emit.call(this, event, ...args))
        return true
      } as typeof stream.emit
    }
    return stream
  }) as typeof fs.createWriteStream
  try {
    return [await read(), held]
  } finally {
    fs.createReadStream = createReadStream
    fs.createWriteStream = createWriteStream
  }
}

/** A zip of `parts` in the order given, stored (no compression), as a minimal XLSX needs. */
function zip(parts: [name: string, text: string][]): Buffer {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, text] of parts) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4) // version needed
    head.writeUInt16LE(0x0800, 6) // UTF-8 names
    head.writeUInt32LE(crc32(data), 14)
    head.writeUInt32LE(data.length, 18)
    head.writeUInt32LE(data.length, 22)
    head.writeUInt16LE(nameBytes.length, 26)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x0800, 8)
    dir.writeUInt32LE(crc32(data), 16)
    dir.writeUInt32LE(data.length, 20)
    dir.writeUInt32LE(data.length, 24)
    dir.writeUInt16LE(nameBytes.length, 28)
    dir.writeUInt32LE(offset, 42)
    local.push(head, nameBytes, data)
    central.push(dir, nameBytes)
    offset += head.length + nameBytes.length + data.length
  }
  const size = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(size, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, ...central, end])
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/**
 * A one-sheet workbook in the order Excel stores its parts: the workbook first, the shared strings
 * after the sheet (exceljs stores the workbook last). Every cell is a shared string.
 */
function excelOrderedWorkbook(rows: string[][]): Buffer {
  const strings = [...new Set(rows.flat())]
  const col = (i: number): string => String.fromCharCode(65 + i)
  const sheetRows = rows.map(
    (cells, r) =>
      `<row r="${r + 1}">` +
      cells.map((v, c) => `<c r="${col(c)}${r + 1}" t="s"><v>${strings.indexOf(v)}</v></c>`).join('') +
      '</row>',
  )
  const type = (part: string, kind: string): string =>
    `<Override PartName="/xl/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`
  return zip([
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        type('workbook.xml', 'sheet.main') +
        type('worksheets/sheet1.xml', 'worksheet') +
        type('sharedStrings.xml', 'sharedStrings') +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="SR" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      `${XML}<worksheet xmlns="${MAIN}"><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `${XML}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
        strings.map((s) => `<si><t>${s}</t></si>`).join('') +
        '</sst>',
    ],
    [
      'docProps/app.xml',
      `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>`,
    ],
  ])
}

describe('every part of a workbook is read, however the unzipping and the sheet copies are timed', () => {
  it('a workbook exceljs wrote (its workbook part last), its sheet copies slower than the unzipping', async () => {
    const path = join(tmp, 'monthly-report.xlsx')
    await writeTwoSheetWorkbook(path)
    // Before: "The file is not a readable XLSX workbook: Cannot read properties of undefined (reading 'sheets')".
    const [preview, held] = await withSlowSheetCopies(path, () =>
      previewImport(path, { timeZone: SEOUL, sheet: 'SR 목록' }),
    )
    expect(held).toBeGreaterThan(0)
    expect(preview).toMatchObject({ rowCount: 2, validCount: 2, errorCount: 0 })
    expect(preview.sample.map((r) => [r.sourceId, r.tenant, r.status])).toEqual([
      ['SR-1', '서울특별시청', 'OPEN'],
      ['SR-2', '부산광역시청', 'IN_PROGRESS'],
    ])
  })

  it('a workbook in the order Excel stores it (shared strings after the sheet), uncompressed: every text cell', async () => {
    const path = join(tmp, 'excel-order.xlsx')
    writeFileSync(
      path,
      excelOrderedWorkbook([
        ['id', 'tenant', 'title', 'priority', 'status', 'created_at'],
        ['X-1', '국세청', '홈택스 로그인 오류', 'P2', 'OPEN', '2026-03-02T09:00:00'],
      ]),
    )
    // Nothing held: with no inflating to wait for, the unzipping always outran the sheet's copy, and
    // the shared strings were lost ('Missing required columns … Headers found: "[object Object]", …').
    const preview = await previewImport(path, { timeZone: SEOUL })
    expect(preview.headers).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    expect(preview.sample.map((r) => [r.sourceId, r.tenant, r.title])).toEqual([
      ['X-1', '국세청', '홈택스 로그인 오류'],
    ])
  })
})
