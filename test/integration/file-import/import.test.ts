// Writing imports: one transaction, idempotent on re-import, dry-run writes nothing, watermark and
// workspace kind set; and a 200,000-row CSV imports with the right count (throughput printed).
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ImportCancelled,
  previewImport,
  runImport,
  type ImportProgress,
  type ImportRunRecord,
} from '../../../src/main/core/sources/file-import/import'
import { CoreError } from '../../../src/main/core/errors'
import { countServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { getWatermark, getWorkspaceKind } from '../../../src/main/core/db/meta'
import type { Store } from '../../../src/main/core/db/open-database'
import { wizardPreview } from '../../../src/main/core/sync/import-wizard'
import { writeGeneratedCsv, writeGeneratedXlsx } from '../../helpers/generated-csv'
import { tempWorkspace } from '../../helpers/workspace'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')
const fixture = (name: string): string => join(FIXTURES, name)
const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-run-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * A zip (an XLSX workbook) with `comment` in its end-of-central-directory record (its last 22 bytes
 * when it has none, the comment's length in their last two). Readers skip it: the same workbook,
 * other bytes.
 */
function withZipComment(zip: Buffer, comment: string): Buffer {
  const end = zip.length - 22
  expect(zip.readUInt32LE(end)).toBe(0x06054b50)
  expect(zip.readUInt16LE(end + 20)).toBe(0)
  const out = Buffer.concat([zip, Buffer.from(comment, 'latin1')])
  out.writeUInt16LE(comment.length, end + 20)
  return out
}

function snapshot(store: Store): unknown {
  const q = (sql: string): unknown[] => store.sqlite.prepare(sql).all()
  return {
    srs: q('SELECT * FROM service_requests ORDER BY id'),
    tenants: q('SELECT * FROM tenants ORDER BY id'),
    people: q('SELECT * FROM people ORDER BY id'),
    categories: q('SELECT * FROM categories ORDER BY id'),
  }
}

describe('runImport', () => {
  it('dry-run validates and writes nothing', async () => {
    const ws = tempWorkspace()
    try {
      const r = await runImport(ws.store, fixture('excel-cp949.csv'), { timeZone: SEOUL, dryRun: true })
      expect(r).toMatchObject({ status: 'dry-run', written: 0, validCount: 3, watermark: null })
      expect(countServiceRequests(ws.store)).toBe(0)
      expect(getWatermark(ws.store)).toBeNull()
      expect(getWorkspaceKind(ws.store)).toBeNull()
    } finally {
      ws.dispose()
    }
  })

  it('imports, sets watermark and kind, and a second import of the same file leaves the same state', async () => {
    const ws = tempWorkspace()
    try {
      const opts = { timeZone: SEOUL, now: () => 1772500000000 }
      const first = await runImport(ws.store, fixture('canonical-utf8.csv'), opts)
      expect(first).toMatchObject({
        status: 'imported',
        written: 3,
        skippedStale: 0,
        watermark: 1772500000000,
      })
      expect(getWatermark(ws.store)).toBe(1772500000000)
      expect(getWorkspaceKind(ws.store)).toBe('live')
      const before = snapshot(ws.store)
      const second = await runImport(ws.store, fixture('canonical-utf8.csv'), opts)
      expect(second).toMatchObject({ status: 'imported', written: 3 })
      expect(snapshot(ws.store)).toEqual(before)
      // The BOM variant is the same data under the same source: still the same three rows.
      await runImport(ws.store, fixture('canonical-utf8-bom.csv'), opts)
      expect(snapshot(ws.store)).toEqual(before)
      const row = ws.store.sqlite
        .prepare(
          "SELECT source, resolved_at, finished_at, raw FROM service_requests WHERE source_id = 'SR-3'",
        )
        .get() as { source: string; resolved_at: number; finished_at: number; raw: string }
      expect(row.source).toBe('import:file')
      expect(row.resolved_at).toBe(1772586000000) // DONE without resolved_at: derived from closed_at
      expect(JSON.parse(row.raw)).toMatchObject({ id: 'SR-3', tenant: '서울특별시청' })
    } finally {
      ws.dispose()
    }
  })

  it('imports a generated 200,000-row CSV with the right count', async () => {
    const path = join(tmp, 'huge.csv')
    await writeGeneratedCsv(path, 200_000)
    const ws = tempWorkspace()
    try {
      const progress: ImportProgress[] = []
      const t0 = performance.now()
      const r = await runImport(ws.store, path, { timeZone: SEOUL, onProgress: (p) => progress.push(p) })
      const seconds = (performance.now() - t0) / 1000
      expect(r).toMatchObject({ status: 'imported', rowCount: 200_000, written: 200_000, errorsTotal: 0 })
      expect(countServiceRequests(ws.store)).toBe(200_000)
      // Reading reports every 1,000 rows, then the whole count once the end of the file is known;
      // writing reports each chunk of 5,000 out of the valid rows.
      const reading = progress.filter((p) => p.phase === 'reading')
      expect(reading).toHaveLength(200 + 1)
      expect(reading[0]).toEqual({ phase: 'reading', rows: 1000, total: null })
      expect(reading.at(-1)).toEqual({ phase: 'reading', rows: 200_000, total: 200_000 })
      const writing = progress.filter((p) => p.phase === 'writing')
      expect(writing[0]).toEqual({ phase: 'writing', rows: 0, total: 200_000 })
      expect(writing).toHaveLength(1 + 200_000 / 5000)
      expect(writing.at(-1)).toEqual({ phase: 'writing', rows: 200_000, total: 200_000 })
      expect(progress.indexOf(writing[0]!)).toBe(reading.length)
      console.log(
        `file import: 200,000 rows in ${seconds.toFixed(2)} s = ${Math.round(200_000 / seconds).toLocaleString('en-US')} rows/s`,
      )
    } finally {
      ws.dispose()
    }
  }, 120_000)

  describe('the run record (the sync log)', () => {
    const recorded = (): { runs: ImportRunRecord[]; record: (s: Store, r: ImportRunRecord) => void } => {
      const runs: ImportRunRecord[] = []
      return { runs, record: (_s, r) => void runs.push(r) }
    }
    let t = 0
    const now = (): number => (t += 1000)
    beforeEach(() => {
      t = 0
    })

    it('imported, dry run, refused and unreadable: what each run records', async () => {
      const ws = tempWorkspace()
      try {
        const { runs, record } = recorded()
        const opts = { timeZone: SEOUL, now, record }
        await runImport(ws.store, fixture('canonical-utf8.csv'), { ...opts, sourceName: 'hr' })
        // The clock is read at the start, for the watermark, and at the end.
        expect(runs).toEqual([
          {
            source: 'import:hr',
            status: 'ok',
            rows: 3,
            startedAt: 1000,
            finishedAt: 3000,
            error: null,
            reason: null,
          },
        ])
        await runImport(ws.store, fixture('canonical-utf8.csv'), { ...opts, dryRun: true })
        expect(runs).toHaveLength(1)
        await runImport(ws.store, fixture('bad-dates.csv'), opts)
        expect(runs[1]).toMatchObject({
          source: 'import:file',
          status: 'failed',
          rows: 0,
          error: '4 rows have errors; nothing was written',
          // The same as a code, for the Sync screen to word in its language.
          reason: { code: 'import_rejected', params: { count: 4 } },
        })
        // The reason the caller is told is the one the log keeps.
        const refused = await runImport(ws.store, fixture('garbage.csv'), opts).catch((e: Error) => e)
        expect(refused).toBeInstanceOf(CoreError)
        expect((refused as Error).message).toMatch(/binary/)
        expect((refused as CoreError).reason?.code).toBe('binary_file')
        expect(runs[2]).toMatchObject({
          status: 'failed',
          rows: 0,
          error: (refused as Error).message,
          reason: (refused as CoreError).reason,
        })
      } finally {
        ws.dispose()
      }
    })

    it('a dry run records nothing: not when its rows have errors, not when the file cannot be read', async () => {
      const ws = tempWorkspace()
      try {
        const { runs, record } = recorded()
        const opts = { timeZone: SEOUL, now, record, dryRun: true }
        expect((await runImport(ws.store, fixture('bad-dates.csv'), opts)).status).toBe('rejected')
        await expect(runImport(ws.store, fixture('garbage.csv'), opts)).rejects.toThrow(/binary/)
        await expect(runImport(ws.store, join(tmp, 'missing.csv'), opts)).rejects.toThrow(/Cannot read/)
        expect(runs).toEqual([])
      } finally {
        ws.dispose()
      }
    })

    it('a successful run is recorded inside its write: a record that fails undoes the import', async () => {
      const ws = tempWorkspace()
      try {
        const failing = (): void => {
          throw new Error('log full')
        }
        await expect(
          runImport(ws.store, fixture('canonical-utf8.csv'), { timeZone: SEOUL, record: failing }),
        ).rejects.toThrow('log full')
        expect(countServiceRequests(ws.store)).toBe(0)
        expect(getWatermark(ws.store)).toBeNull()
      } finally {
        ws.dispose()
      }
    })
  })

  describe('cancelled', () => {
    const big = join(tmp, 'cancel.csv')
    const rows = 30_000
    beforeAll(() => writeGeneratedCsv(big, rows))

    it('while reading: nothing is written and the answer says so', async () => {
      const ws = tempWorkspace()
      try {
        let read = 0
        const r = await runImport(ws.store, big, {
          timeZone: SEOUL,
          onProgress: (p) => (read = p.rows),
          cancelled: () => read >= 5000,
        })
        expect(r).toMatchObject({ status: 'cancelled', written: 0, watermark: null })
        expect(countServiceRequests(ws.store)).toBe(0)
        expect(getWatermark(ws.store)).toBeNull()
      } finally {
        ws.dispose()
      }
    })

    it('while writing: the chunks already written roll back with the rest', async () => {
      const ws = tempWorkspace()
      try {
        // A first import of the same file, so a rolled-back second one would show as changed rows.
        await runImport(ws.store, fixture('canonical-utf8.csv'), { timeZone: SEOUL, now: () => 1000 })
        const before = snapshot(ws.store)
        let written = 0
        const r = await runImport(ws.store, big, {
          timeZone: SEOUL,
          now: () => 2000,
          onProgress: (p) => (written = p.phase === 'writing' ? p.rows : 0),
          // Two chunks of 5,000 are in the transaction when the import is cancelled.
          cancelled: () => written >= 10_000,
        })
        expect(written).toBe(10_000)
        expect(r).toMatchObject({ status: 'cancelled', written: 0, rowCount: rows, validCount: rows })
        expect(snapshot(ws.store)).toEqual(before)
        expect(getWatermark(ws.store)).toBe(1000)
      } finally {
        ws.dispose()
      }
    })

    it('yielding while writing: a timer fires between chunks and its cancel rolls the chunks back', async () => {
      const ws = tempWorkspace()
      try {
        await runImport(ws.store, fixture('canonical-utf8.csv'), { timeZone: SEOUL, now: () => 1000 })
        const before = snapshot(ws.store)
        const storedBefore = countServiceRequests(ws.store)
        let stop = false
        let seenAt: number | null = null
        let written = 0
        const r = await runImport(ws.store, big, {
          timeZone: SEOUL,
          now: () => 2000,
          yieldWhileWriting: true,
          onProgress: (p) => {
            if (p.phase !== 'writing') return
            written = p.rows
            // What a signal handler does (the CLI's Ctrl-C): it can only run once the loop is free.
            if (p.rows === 5000)
              setImmediate(() => {
                seenAt = written
                stop = true
              })
          },
          cancelled: () => stop,
        })
        // The callback ran right after the first chunk, not after the whole write.
        expect(seenAt).toBe(5000)
        expect(written).toBe(5000)
        expect(r).toMatchObject({ status: 'cancelled', written: 0, rowCount: rows })
        expect(snapshot(ws.store)).toEqual(before)
        expect(getWatermark(ws.store)).toBe(1000)
        expect(ws.store.sqlite.inTransaction).toBe(false)

        // Not cancelled, the same yielding write commits the whole file with its watermark.
        const whole = await runImport(ws.store, big, {
          timeZone: SEOUL,
          now: () => 3000,
          yieldWhileWriting: true,
        })
        expect(whole).toMatchObject({ status: 'imported', written: rows })
        expect(countServiceRequests(ws.store)).toBe(storedBefore + rows)
        expect(getWatermark(ws.store)).toBe(3000)
      } finally {
        ws.dispose()
      }
    })
  })

  describe("an XLSX workbook's first pass (the whole sheet is read for its merged cells before any row)", () => {
    const book = join(tmp, 'first-pass.xlsx')
    const rows = 5_000
    beforeAll(() => writeGeneratedXlsx(book, rows))
    /**
     * A copy of its own, with other bytes (a zip comment), so no first pass of another test is
     * remembered for it: first passes are kept by the file's content.
     */
    let copies = 0
    const copy = (): string => {
      const path = join(tmp, `first-pass-${++copies}.xlsx`)
      writeFileSync(path, withZipComment(readFileSync(book), `copy ${copies}`))
      return path
    }
    const opening = (progress: ImportProgress[]): number[] =>
      progress.filter((p) => p.phase === 'opening').map((p) => p.rows)

    it('reports the rows it has seen before any row is read, and is not repeated for the same file', async () => {
      const path = copy()
      const progress: ImportProgress[] = []
      const p = await previewImport(path, { timeZone: SEOUL, onProgress: (e) => progress.push(e) })
      expect(p).toMatchObject({ rowCount: rows, validCount: rows })
      const seen = opening(progress)
      // The sheet has 5,001 rows (the header and the data): reported every 1,000 or more, then in full.
      expect(seen.at(-1)).toBe(rows + 1)
      expect(seen.length).toBeGreaterThanOrEqual(5)
      for (let i = 1; i < seen.length - 1; i++) expect(seen[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(1000)
      // All of it before the first row read.
      expect(progress.slice(0, seen.length).every((e) => e.phase === 'opening')).toBe(true)
      expect(progress[seen.length]).toEqual({ phase: 'reading', rows: 1000, total: null })

      // The same file again (the wizard's import after its check, in one process): not read twice.
      const again: ImportProgress[] = []
      await previewImport(path, { timeZone: SEOUL, onProgress: (e) => again.push(e) })
      expect(opening(again)).toEqual([])
      expect(again.at(-1)).toEqual({ phase: 'reading', rows, total: rows })

      // Touched (a new modification time, the same bytes): still not read twice.
      const later = new Date(Date.now() + 60_000)
      utimesSync(path, later, later)
      const touched: ImportProgress[] = []
      await previewImport(path, { timeZone: SEOUL, onProgress: (e) => touched.push(e) })
      expect(opening(touched)).toEqual([])

      // Saved again with other rows: read again.
      await writeGeneratedXlsx(path, rows - 1)
      const changed: ImportProgress[] = []
      const p2 = await previewImport(path, { timeZone: SEOUL, onProgress: (e) => changed.push(e) })
      expect(opening(changed).at(-1)).toBe(rows)
      expect(p2.rowCount).toBe(rows - 1)
    })

    it('a workbook saved again in place to the same size and time is read anew, not from the old pass', async () => {
      // Two workbooks of the same size (the smaller padded with a zip comment, which readers skip):
      // the first's first sheet is "Old", the second has only "New" with one row more.
      const header = ['id', 'tenant', 'title', 'category', 'priority', 'status', 'created_at']
      const book = async (sheet: string, count: number): Promise<Buffer> => {
        const wb = new ExcelJS.Workbook()
        const ws = wb.addWorksheet(sheet)
        ws.addRow(header)
        for (let i = 1; i <= count; i++)
          ws.addRow([`SR-${i}`, '기관 A', `요청 ${i}`, '계정', 'P3', 'OPEN', '2025-01-02 09:00'])
        return Buffer.from(await wb.xlsx.writeBuffer())
      }
      const [before, after] = [await book('Old', 2), await book('New', 3)]
      const size = Math.max(before.length, after.length)
      const padded = (zip: Buffer): Buffer => withZipComment(zip, ' '.repeat(size - zip.length))
      const path = join(tmp, 'saved-in-place.xlsx')
      // A modification time in whole seconds, as FAT keeps it (2 s) and as a copy may set it.
      const saved = Math.floor(Date.now() / 2000) * 2
      writeFileSync(path, padded(before))
      utimesSync(path, saved, saved)
      const was = statSync(path)
      expect((await previewImport(path, { timeZone: SEOUL })).rowCount).toBe(2)

      writeFileSync(path, padded(after)) // the same inode, truncated and rewritten
      utimesSync(path, saved, saved)
      const now = statSync(path)
      expect([now.ino, now.size, now.mtimeMs]).toEqual([was.ino, was.size, was.mtimeMs])
      // Before, the old pass (sheet "Old") was used: "The sheet "Old" could not be read".
      const p = await previewImport(path, { timeZone: SEOUL })
      expect(p.rowCount).toBe(3)
    })

    it("the wizard's check reads the header and then the rows with one first pass", async () => {
      const progress: ImportProgress[] = []
      const view = await wizardPreview({ path: copy(), fileName: 'srs.xlsx' }, undefined, SEOUL, {
        onProgress: (e) => progress.push(e),
      })
      expect(view.check).toMatchObject({ rowCount: rows, errorCount: 0 })
      expect(opening(progress).filter((n) => n === rows + 1)).toHaveLength(1)
    })

    it('a cancel during it stops the check and the import there, before any row is read', async () => {
      let asked = false
      const progress: ImportProgress[] = []
      const watch = {
        timeZone: SEOUL,
        onProgress: (e: ImportProgress) => {
          progress.push(e)
          asked = true
        },
        cancelled: () => asked,
      }
      await expect(previewImport(copy(), watch)).rejects.toBeInstanceOf(ImportCancelled)
      expect(progress).toEqual([{ phase: 'opening', rows: expect.any(Number), total: null }])
      expect(progress[0]!.rows).toBeLessThan(rows)

      const ws = tempWorkspace()
      try {
        const path = copy()
        asked = false
        progress.length = 0
        const r = await runImport(ws.store, path, watch)
        expect(r).toMatchObject({ status: 'cancelled', written: 0, watermark: null })
        expect(progress.map((e) => e.phase)).toEqual(['opening'])
        expect(countServiceRequests(ws.store)).toBe(0)
        // A cancelled first pass is not remembered: the next check reads the file in full.
        const next: ImportProgress[] = []
        const p = await previewImport(path, { timeZone: SEOUL, onProgress: (e) => next.push(e) })
        expect(p.rowCount).toBe(rows)
        expect(opening(next).at(-1)).toBe(rows + 1)
      } finally {
        ws.dispose()
      }
    })
  })
})
