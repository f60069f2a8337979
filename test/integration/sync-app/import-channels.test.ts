// The import wizard's channels: a file known only by its token, automatic column matches, a
// mapping for other layouts, row errors before anything is written, and the import itself.
import { copyFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeTwoSheetWorkbook } from '../../helpers/two-sheet-workbook'
import { appContext, type AppContext } from './app-context'

const FIXTURES = resolve('test/fixtures/import')
let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

/** What the shell's open dialog does: register the chosen file and hand out its token. */
function choose(ctx: AppContext, fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-import-pick-'))
  const path = join(dir, basename(fixture))
  copyFileSync(join(FIXTURES, fixture), path)
  return ctx.sync.files.register({
    path,
    fileName: basename(fixture),
    size: statSync(path).size,
    owned: true,
  }).token
}
const count = (ctx: AppContext): number =>
  (ctx.ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

describe('import wizard channels', () => {
  it('previews and imports a canonical CSV, then announces the change', async () => {
    app = appContext()
    const token = choose(app, 'canonical-utf8.csv')
    const preview = await app.ok('import:preview', { token })
    expect(preview.missingRequired).toEqual([])
    expect(preview.matched['id']).toBe('id')
    expect(preview.check?.errorCount).toBe(0)
    const rows = preview.check?.rowCount ?? 0
    expect(rows).toBeGreaterThan(0)
    expect(count(app)).toBe(0)
    const result = await app.ok('import:run', { token })
    expect(result).toMatchObject({ status: 'imported', written: rows, errorCount: 0 })
    expect(count(app)).toBe(rows)
    expect(app.events).toContainEqual({
      event: 'data:changed',
      payload: expect.objectContaining({ reason: 'import' }),
    })
    // The token is spent once the file is imported.
    expect(await app.invoke('import:preview', { token })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('every import run goes into the sync log under the chosen file name: refused, then imported', async () => {
    const at = Date.parse('2026-03-18T06:00:00Z')
    app = appContext({ now: () => at })
    const dir = mkdtempSync(join(tmpdir(), 'ops-import-log-'))
    const path = join(dir, 'upload-1.tmp')
    copyFileSync(join(FIXTURES, 'bad-dates.csv'), path)
    // The name the user chose, not the path the main process reads (the harness uploads to a temp file).
    const { token } = app.sync.files.register({ path, fileName: '3월 SR.csv', size: statSync(path).size })
    const entry = {
      source: 'import:file',
      entity: 'srs',
      startedAt: at,
      finishedAt: at,
      pages: 0,
      detail: '3월 SR.csv',
      // An import's refusal has no cause of a sync failure: its message (and reason) says it.
      cause: null,
    }
    expect((await app.ok('import:run', { token })).status).toBe('rejected')
    expect(await app.ok('sync:log', {})).toEqual([
      // bad-dates.csv: four of its five rows are wrong.
      {
        ...entry,
        id: 1,
        status: 'failed',
        rows: 0,
        error: '4 rows have errors; nothing was written',
        // Worded in the UI's language from its code (before: English in the Korean log).
        reason: { code: 'import_rejected', params: { count: 4 } },
      },
    ])
    // A check writes nothing and logs nothing.
    await app.ok('import:preview', { token })
    expect(await app.ok('sync:log', {})).toHaveLength(1)
    expect((await app.ok('import:run', { token, allowErrors: true })).written).toBe(1)
    const log = await app.ok('sync:log', {})
    expect(log[0]).toEqual({ ...entry, id: 2, status: 'ok', rows: 1, error: null, reason: null })
    expect(log).toHaveLength(2)
  })

  it('a column mapped to null is not read, though its header would match automatically', async () => {
    app = appContext()
    const token = choose(app, 'canonical-utf8.csv')
    expect((await app.ok('import:preview', { token })).matched['category']).toBe('category')
    const mapping = { columns: { category: null } }
    const preview = await app.ok('import:preview', { token, mapping })
    expect(preview.matched['category']).toBeNull()
    expect(preview.check?.errorCount).toBe(0)
    // A required column cannot be left out: the wizard lists it, the import refuses it.
    const noTitle = { columns: { title: null } }
    expect((await app.ok('import:preview', { token, mapping: noTitle })).missingRequired).toEqual(['title'])
    expect(await app.invoke('import:run', { token, mapping: noTitle })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: "title is required: map it to one of the file's columns" },
    })
    expect(count(app)).toBe(0)
    const result = await app.ok('import:run', { token, mapping })
    expect(result.written).toBe(preview.check?.rowCount)
    const categorised = app.ws.store.sqlite
      .prepare('SELECT count(*) AS n FROM service_requests WHERE category_id IS NOT NULL')
      .get() as { n: number }
    expect(categorised.n).toBe(0)
  })

  it('asks for a mapping when required columns are not found, and checks the file once mapped', async () => {
    app = appContext()
    const token = choose(app, 'custom-layout.csv')
    const first = await app.ok('import:preview', { token })
    expect(first.check).toBeNull()
    expect(first.headers).toEqual([
      'Ticket No',
      'Customer',
      'Subject',
      'Urgency',
      'State',
      'Opened',
      'Solved',
      'Engineer',
    ])
    // "Ticket No", "Subject" and "State" are known aliases; the other three need the mapping step.
    expect(first.matched).toMatchObject({ id: 'Ticket No', title: 'Subject', status: 'State' })
    expect(first.missingRequired).toEqual(['tenant', 'priority', 'created_at'])
    const columns = {
      id: 'Ticket No',
      tenant: 'Customer',
      title: 'Subject',
      priority: 'Urgency',
      status: 'State',
      created_at: 'Opened',
      resolved_at: 'Solved',
      assignee: 'Engineer',
    }
    const mapped = await app.ok('import:preview', { token, mapping: { columns } })
    // Common Korean words (진행중, 긴급, 보통) are known; "해결됨" needs the value mapping.
    expect(mapped.check?.errorCount).toBe(1)
    expect(mapped.check?.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'State', value: '해결됨' }),
    ])
    const values = {
      status: { 진행중: 'IN_PROGRESS', 해결됨: 'RESOLVED' },
      priority: { 긴급: 'P1', 보통: 'P3' },
    }
    const clean = await app.ok('import:preview', { token, mapping: { columns, values } })
    expect(clean.check).toMatchObject({ rowCount: 2, validCount: 2, errorCount: 0 })
    expect(await app.ok('import:run', { token, mapping: { columns, values } })).toMatchObject({
      status: 'imported',
      written: 2,
    })
    expect(count(app)).toBe(2)
  })

  it('lists row errors and writes nothing when any row is wrong', async () => {
    app = appContext()
    const token = choose(app, 'bad-dates.csv')
    const preview = await app.ok('import:preview', { token })
    // B-1 is fine; B-2 (date), B-3 (resolved before created), B-4 (values) and the duplicate B-1 are not.
    expect(preview.check).toMatchObject({ rowCount: 5, validCount: 1, errorCount: 4 })
    expect(preview.check?.errors.some((e) => e.row === 3 && e.column === 'created_at')).toBe(true)
    const result = await app.ok('import:run', { token })
    expect(result.status).toBe('rejected')
    expect(count(app)).toBe(0)
    // On request, the valid rows go in.
    expect(await app.ok('import:run', { token, allowErrors: true })).toMatchObject({
      status: 'imported',
      written: 1,
    })
  })

  it('a workbook with its SRs on the second sheet: lists the sheets, reads the one chosen, imports it', async () => {
    app = appContext()
    const dir = mkdtempSync(join(tmpdir(), 'ops-import-sheets-'))
    const path = join(dir, 'monthly-report.xlsx')
    await writeTwoSheetWorkbook(path)
    const { token } = app.sync.files.register({
      path,
      fileName: 'monthly-report.xlsx',
      size: statSync(path).size,
      owned: true,
    })

    // The first sheet is read by default: a cover page, so nothing matches.
    const first = await app.ok('import:preview', { token })
    expect([first.sheets, first.sheet, first.headers]).toEqual([
      ['요약', 'SR 목록'],
      '요약',
      ['3월 운영 보고서'],
    ])
    expect(first.check).toBeNull()
    expect(first.missingRequired).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])

    const second = await app.ok('import:preview', { token, mapping: { sheet: 'SR 목록' } })
    expect(second.sheet).toBe('SR 목록')
    expect(second.headers).toEqual(['id', 'tenant', 'title', 'priority', 'status', 'created_at'])
    expect(second.check).toMatchObject({ rowCount: 2, validCount: 2, errorCount: 0 })
    expect(second.check?.sample.map((r) => [r.sourceId, r.status])).toEqual([
      ['SR-1', 'OPEN'],
      ['SR-2', 'IN_PROGRESS'],
    ])

    const unknown = await app.invoke('import:preview', { token, mapping: { sheet: '없는 시트' } })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(JSON.stringify(unknown)).toContain('SR 목록')

    expect(count(app)).toBe(0)
    const result = await app.ok('import:run', { token, mapping: { sheet: 'SR 목록' } })
    expect(result).toMatchObject({ status: 'imported', written: 2, errorCount: 0 })
    expect(count(app)).toBe(2)
  })

  it('rejects an unknown token and a malformed one', async () => {
    app = appContext()
    expect(await app.invoke('import:preview', { token: 'A'.repeat(24) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await app.invoke('import:preview', { token: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
  })

  describe('the error list to save (import:error-report)', () => {
    /** Registers a CSV written here: `bad` rows with an impossible creation time, then one good row. */
    function withBadRows(ctx: AppContext, bad: number): string {
      const dir = mkdtempSync(join(tmpdir(), 'ops-import-report-'))
      const path = join(dir, 'upload.tmp')
      const lines = ['id,tenant,title,priority,status,created_at']
      for (let i = 1; i <= bad; i++) lines.push(`E-${i},국방부,"제목, ${i}",P3,OPEN,2026-13-${i}`)
      lines.push('E-ok,국방부,정상,P3,OPEN,2026-03-02T09:00:00+09:00')
      writeFileSync(path, lines.join('\n'))
      return ctx.sync.files.register({ path, fileName: '3월 SR.csv', size: statSync(path).size, owned: true })
        .token
    }

    it('holds every row error, past the 500 a check lists, and writes nothing anywhere else', async () => {
      app = appContext()
      const token = withBadRows(app, 620)
      const preview = await app.ok('import:preview', { token })
      expect(preview.check).toMatchObject({ errorCount: 620, errorsTotal: 620 })
      expect(preview.check?.errors).toHaveLength(500)

      const report = await app.ok('import:error-report', { token })
      expect(report).toMatchObject({ fileName: '3월 SR-errors.csv', errors: 620, rows: 620 })
      // UTF-8 with BOM (Excel opens Korean text right), a header, then one CSV line per error.
      expect(report.csv.startsWith('\uFEFFrow,column,value,message\r\n')).toBe(true)
      const lines = report.csv.slice(1).trimEnd().split('\r\n')
      expect(lines).toHaveLength(1 + 620)
      // Row 2 is the file's first data row (the header is row 1); the 620th bad row is row 621.
      expect(lines[1]).toMatch(/^2,created_at,2026-13-1,/)
      expect(lines[620]).toMatch(/^621,created_at,2026-13-620,/)
      expect(count(app)).toBe(0)
      expect(await app.ok('sync:log', {})).toEqual([])
      // The token stays good for the import that follows.
      expect((await app.ok('import:run', { token, allowErrors: true })).written).toBe(1)
    })

    it('a clean file has an empty list; a file that cannot be checked says why', async () => {
      app = appContext()
      const clean = choose(app, 'canonical-utf8.csv')
      expect(await app.ok('import:error-report', { token: clean })).toMatchObject({
        fileName: 'canonical-utf8-errors.csv',
        csv: '',
        errors: 0,
        rows: 0,
      })
      const unmapped = choose(app, 'canonical-utf8.csv')
      const refused = await app.invoke('import:error-report', {
        token: unmapped,
        mapping: { columns: { title: null } },
      })
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('title') },
      })
      expect(await app.invoke('import:error-report', { token: 'x'.repeat(24) })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })
})
