// The CLI's `import` as a user runs it (a real process): dry runs, error reports, what it says.
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { cli } from '../../helpers/cli'
import { writeGeneratedCsv } from '../../helpers/generated-csv'
import { writeTitleBlockWorkbook } from '../../helpers/title-block-files'
import { OWN_COLUMNS, OWN_TITLE, writeOwnHeadersWorkbook } from '../../helpers/own-headers-files'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')
const fixture = (name: string): string => join(FIXTURES, name)
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('import --dry-run', () => {
  it('reads and reports without creating or touching a workspace, whatever the outcome', async () => {
    const dir = join(tmp, 'never-created')
    const bad = await cli(['import', fixture('bad-dates.csv'), '--dry-run', '--data-dir', dir])
    expect(bad.stdout).toMatch(/^rejected: 0 written of 5 rows \(csv, utf-8\); 6 row errors/)
    expect(bad.code).toBe(1)
    const missing = await cli(['import', join(tmp, 'missing.csv'), '--dry-run', '--data-dir', dir])
    expect(missing.stderr).toMatch(/Cannot read/)
    expect(missing.code).toBe(2)
    const good = await cli(['import', fixture('excel-cp949.csv'), '--dry-run', '--data-dir', dir])
    // What a real import would write, not the "0 written" every dry run has.
    expect(good.stdout).toBe(
      'dry run: 3 of 3 rows would be written (csv, cp949); 0 row errors; nothing was written\n',
    )
    expect(good.code).toBe(0)
    expect(existsSync(dir)).toBe(false)
  }, 60_000)

  it('a file rejected for its rows says how to go on, the dry run as the import itself', async () => {
    // Before, both ended with the row errors: neither --allow-errors nor --error-report was named.
    const advice =
      'nothing was written; to import this file, either\n' +
      '  - correct the 4 rows with errors in the file and import it again (add --error-report FILE to have every error in a CSV), or\n' +
      '  - import the 1 valid row alone, leaving out the 4 rows with errors: add --allow-errors\n'
    const dry = await cli(['import', fixture('bad-dates.csv'), '--dry-run'])
    expect(dry.code).toBe(1)
    // Last, after the errors listed.
    expect(dry.stdout.slice(dry.stdout.indexOf('("B-1")\n') + 8)).toBe(advice)
    const dir = join(tmp, 'ws-advice')
    const real = await cli(['import', fixture('bad-dates.csv'), '--data-dir', dir])
    expect(real.code).toBe(1)
    expect(real.stdout).toBe(dry.stdout)
    // With a report asked for, the advice points at it; and following the advice imports the one row.
    const report = join(tmp, 'advice-errors.csv')
    const reported = await cli([
      'import',
      fixture('bad-dates.csv'),
      '--error-report',
      report,
      '--data-dir',
      dir,
    ])
    expect(reported.stdout).toContain(
      `error report: ${report}\nnothing was written; to import this file, either\n` +
        '  - correct the 4 rows with errors in the file and import it again (the error report lists every error), or\n',
    )
    const allowed = await cli([
      'import',
      fixture('bad-dates.csv'),
      '--allow-errors',
      '--data-dir',
      join(tmp, 'ws-allowed'),
    ])
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toMatch(/^imported: 1 written of 5 rows/)
    expect(allowed.stdout).not.toContain('nothing was written')
  }, 60_000)
})

describe('import of a file with a title block above its table', () => {
  it('the dry run says which row is the header, and the error lines name the file’s own rows', async () => {
    const path = join(tmp, '3월-처리현황.xlsx')
    await writeTitleBlockWorkbook(path)
    const dir = join(tmp, 'ws-title')
    const r = await cli(['import', path, '--dry-run', '--allow-errors', '--data-dir', dir])
    expect(r.stdout).toBe(
      'dry run: 3 of 4 rows would be written (xlsx, binary); 1 row error; nothing was written\n' +
        'header: row 4 (the 3 rows above it were taken as a title and skipped)\n' +
        '  row 7, 접수일시 (created_at): not a valid date/time; use ISO 8601 such as ' +
        '2026-03-02T09:30:00+09:00 (no offset = workspace time zone) or an Excel date ("2026-13-45 10:00")\n',
    )
    expect(r.code).toBe(0)
    const json = await cli(['import', path, '--dry-run', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({
      titleSkipped: { headerRow: 4, rows: 3 },
      errors: [expect.objectContaining({ row: 7 })],
    })
    // One title line: said in the singular. The import itself says it too.
    const one = join(tmp, 'one-title-line.csv')
    writeFileSync(
      one,
      '3월 요청,,,,,\nid,tenant,title,priority,status,created_at\nC-1,조달청,제목,P2,OPEN,2026-03-02 09:00\n',
    )
    const imported = await cli(['import', one, '--data-dir', dir])
    expect(imported.stdout).toBe(
      'imported: 1 written of 1 row (csv, utf-8); 0 row errors\n' +
        'header: row 2 (the row above it was taken as a title and skipped)\n',
    )
  }, 60_000)

  it('a file whose first row is the header says nothing about it', async () => {
    const r = await cli(['import', fixture('excel-cp949.csv'), '--dry-run'])
    expect(r.stdout).toBe(
      'dry run: 3 of 3 rows would be written (csv, cp949); 0 row errors; nothing was written\n',
    )
  }, 60_000)
})

describe('import --header-row', () => {
  it('reads the column names of the row given, below a title the search cannot tell from them', async () => {
    const path = join(tmp, '요청목록.xlsx')
    await writeOwnHeadersWorkbook(path)
    // Without it, the title is the header: its columns are all the refusal can name.
    const guessed = await cli(['import', path, '--dry-run'])
    expect(guessed.code).toBe(2)
    expect(guessed.stderr).toContain(`Headers found: "${OWN_TITLE}"`)
    // … and it says the row can be named.
    expect(guessed.stderr).toContain(
      'If the column names are on a later row (below a title), say which with --header-row N.',
    )
    const given = await cli(['import', path, '--dry-run', '--header-row', '3'])
    expect(given.code).toBe(2)
    expect(given.stderr).toContain(
      'Headers found: "Ref", "Customer", "Subject", "Urgency", "Stage", "Opened".',
    )
    // Given already: not suggested again.
    expect(given.stderr).not.toContain('--header-row N')
    // With a mapping for those names: the dry run says which row is the header, rows keep their numbers.
    const mapping = join(tmp, 'own-mapping.json')
    writeFileSync(mapping, JSON.stringify({ columns: OWN_COLUMNS }))
    const dir = join(tmp, 'ws-header-row')
    const args = [
      'import',
      path,
      '--header-row',
      '3',
      '--mapping',
      mapping,
      '--allow-errors',
      '--data-dir',
      dir,
    ]
    const dry = await cli([...args, '--dry-run'])
    expect(dry.stdout).toBe(
      'dry run: 2 of 3 rows would be written (xlsx, binary); 1 row error; nothing was written\n' +
        'header: row 3 (the 2 rows above it were taken as a title and skipped)\n' +
        '  row 6, Opened (created_at): not a valid date/time; use ISO 8601 such as ' +
        '2026-03-02T09:30:00+09:00 (no offset = workspace time zone) or an Excel date ("어제 오후")\n',
    )
    expect(dry.code).toBe(0)
    const real = await cli(args)
    expect(real.stdout).toMatch(/^imported: 2 written of 3 rows \(xlsx, binary\); 1 row error\n/)
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true })
    try {
      expect(db.prepare('SELECT source_id FROM service_requests ORDER BY source_id').pluck().all()).toEqual([
        'T-1',
        'T-2',
      ])
    } finally {
      db.close()
    }
    // A mapping file may say it instead, as "headerRow".
    const withRow = join(tmp, 'own-mapping-row.json')
    writeFileSync(withRow, JSON.stringify({ columns: OWN_COLUMNS, headerRow: 3 }))
    const byMapping = await cli(['import', path, '--mapping', withRow, '--dry-run', '--allow-errors'])
    expect(byMapping.stdout).toBe(dry.stdout)
  }, 90_000)

  it('a row number that is none, a row past the end, or one for a JSON file is refused (exit 2), no workspace made', async () => {
    const path = join(tmp, '요청목록-bad.xlsx')
    await writeOwnHeadersWorkbook(path)
    const dir = join(tmp, 'ws-header-row-bad')
    for (const n of ['0', 'three', '2.5']) {
      const r = await cli(['import', path, '--header-row', n, '--data-dir', dir])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(
        `--header-row takes a row number (1 or more) as the file counts its rows, such as --header-row 3: got "${n}"`,
      )
    }
    const past = await cli(['import', path, '--header-row', '40', '--data-dir', dir])
    expect(past.code).toBe(2)
    expect(past.stderr).toContain('error: Header row 40 is past the end of the file: its last row is 6\n')
    const blank = await cli(['import', path, '--header-row', '2', '--data-dir', dir])
    expect(blank.code).toBe(2)
    expect(blank.stderr).toContain(
      'error: Header row 2 is blank: choose the row that holds the column names\n',
    )
    const json = await cli(['import', fixture('items.json'), '--header-row', '1', '--data-dir', dir])
    expect(json.code).toBe(2)
    expect(json.stderr).toContain('--header-row names the row of column names of a CSV file or a sheet')
    expect(existsSync(dir)).toBe(false)
  }, 90_000)

  it('is in the help', async () => {
    const help = await cli(['import', '--help'])
    expect(help.stdout).toMatch(/--header-row <n> +CSV\/XLSX: the row holding the column names/)
  }, 60_000)
})

describe('import --error-report', () => {
  it('an unwritable report path is refused before anything is read or saved (exit 2)', async () => {
    const dir = join(tmp, 'ws-unwritable')
    const r = await cli([
      'import',
      fixture('bad-dates.csv'),
      '--allow-errors',
      '--error-report',
      join(tmp, 'no-such-folder', 'r.csv'),
      '--data-dir',
      dir,
    ])
    expect(r.stderr).toMatch(
      /Cannot write the error report .*r\.csv: the folder .*no-such-folder does not exist/,
    )
    expect(r.code).toBe(2)
    expect(existsSync(dir)).toBe(false) // nothing imported, nothing logged
  }, 60_000)

  it('holds every row error, past the 1,000 the answer lists', async () => {
    const path = join(tmp, 'many-bad.csv')
    const rows = Array.from({ length: 1_500 }, (_, i) => `B-${i},조달청,제목 ${i},P9,OPEN,2026-03-02 09:00`)
    writeFileSync(path, ['id,tenant,title,priority,status,created_at', ...rows].join('\n'))
    const report = join(tmp, 'many-bad-errors.csv')
    const r = await cli(['import', path, '--error-report', report, '--data-dir', join(tmp, 'ws-report')])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('  … 1,490 more')
    expect(r.stdout).toContain(`error report: ${report}`)
    const lines = readFileSync(report, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(1 + 1_500)
    expect(lines[0]).toBe('row,column,value,message')
    expect(lines[1_500]).toMatch(/^1501,priority,P9,"priority: unknown priority/)
  }, 60_000)
})

describe('import counts', () => {
  it('say "1 row" and "1 row error" for one, with thousands separators for many', async () => {
    const path = join(tmp, 'one-bad.csv')
    writeFileSync(
      path,
      'id,tenant,title,priority,status,created_at\nC-1,조달청,제목,P9,OPEN,2026-03-02 09:00\n',
    )
    const r = await cli(['import', path, '--dry-run', '--data-dir', join(tmp, 'ws-one')])
    expect(r.stdout).toMatch(/^rejected: 0 written of 1 row \(csv, utf-8\); 1 row error\n/)
    // No valid row: --allow-errors is no way on, and is not offered as one.
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'nothing was written: no row is valid, so --allow-errors would import none; correct the 1 row with errors in the file and import it again (add --error-report FILE to have every error in a CSV)',
    )
  }, 60_000)
})

describe('import of an older file', () => {
  it('says how many rows were skipped because the stored data is newer', async () => {
    const dir = join(tmp, 'ws-stale')
    const header = 'id,tenant,title,priority,status,created_at,updated_at'
    const newer = join(tmp, 'newer.csv')
    writeFileSync(newer, `${header}\nK-1,조달청,최신,P2,OPEN,2026-03-02 09:00,2026-03-05 09:00\n`)
    const older = join(tmp, 'older.csv')
    writeFileSync(
      older,
      `${header}\nK-1,조달청,예전,P2,OPEN,2026-03-02 09:00,2026-03-03 09:00\n` +
        'K-2,조달청,새 건,P3,OPEN,2026-03-02 10:00,2026-03-02 10:00\n',
    )
    expect((await cli(['import', newer, '--data-dir', dir])).code).toBe(0)
    const r = await cli(['import', older, '--data-dir', dir])
    expect(r.stdout).toMatch(
      /^imported: 1 written of 2 rows \(csv, utf-8\); 0 row errors; 1 row skipped: the stored data is newer$/m,
    )
    expect(r.code).toBe(0)
  }, 60_000)
})

describe('row error lines', () => {
  it('name the column once', async () => {
    const r = await cli([
      'import',
      fixture('bad-dates.csv'),
      '--dry-run',
      '--data-dir',
      join(tmp, 'ws-lines'),
    ])
    expect(r.stdout).toContain('  row 3, created_at: not a valid date/time')
    expect(r.stdout).toContain('  row 4, resolved_at: is before created_at')
    expect(r.stdout).not.toMatch(/(\w+): \1:/)
  }, 60_000)
})

// The disk refusing the write: the CLI runs under `ulimit -f`, so a database file that would grow past
// the limit cannot (as on a full disk). 1 MB holds a new workspace, not 5,000 more SRs.
describe.skipIf(process.platform === 'win32')('an import the disk refuses', () => {
  const limit = { fileSizeLimitKb: 1024 }
  const diskRefused = (dir: string): string =>
    `The workspace's disk failed to read or write (disk I/O error: the drive or network share holding ${dir} went away or failed, or a file-size limit was reached): check that drive and try again. What this step was writing was not saved; the data saved before it is unchanged.`
  const big = join(tmp, 'five-thousand.csv')
  beforeAll(() => writeGeneratedCsv(big, 5_000))

  it('into a new --data-dir removes the workspace it made, folders included, and says why it failed', async () => {
    const parent = join(tmp, 'disk-full-parent')
    const dir = join(parent, 'ws')
    const r = await cli(['import', big, '--data-dir', dir], {}, limit)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    // Before, the workspace stayed, holding nothing but the failed run's log entry.
    expect(r.stderr).toContain(`note: removed the new workspace in ${dir} again: nothing was imported\n`)
    // What happened and what to do, where SQLite's own words ('error: disk I/O error') were all it said.
    expect(r.stderr.endsWith(`\nerror: ${diskRefused(dir)}\n`)).toBe(true)
    expect(existsSync(parent)).toBe(false)
    // So does one whose tables could not even be made (a disk fuller still): no broken database stays.
    const tiny = await cli(
      ['import', fixture('canonical-utf8.csv'), '--data-dir', dir],
      {},
      { fileSizeLimitKb: 64 },
    )
    expect(tiny.code).toBe(1)
    expect(tiny.stderr).toContain(`note: removed the new workspace in ${dir} again: nothing was imported\n`)
    expect(existsSync(parent)).toBe(false)
  }, 120_000)

  it('into a workspace that was there keeps it, its SRs and the failed run in its log', async () => {
    const dir = join(tmp, 'disk-full-existing')
    expect((await cli(['import', fixture('canonical-utf8.csv'), '--data-dir', dir])).code).toBe(0)
    const r = await cli(['import', big, '--data-dir', dir], {}, limit)
    expect(r.code).toBe(1)
    expect(r.stderr.endsWith(`\nerror: ${diskRefused(dir)}\n`)).toBe(true)
    expect(r.stderr).not.toContain('removed')
    const log = JSON.parse((await cli(['sync', 'log', '--json', '--data-dir', dir])).stdout) as {
      status: string
      rows: number
      detail: string
      error: string | null
    }[]
    expect(log.map((e) => [e.status, e.rows, e.detail])).toEqual([
      ['failed', 0, 'five-thousand.csv'],
      ['ok', 3, 'canonical-utf8.csv'],
    ])
    expect(log[0]?.error).toBe(diskRefused(dir))
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true })
    try {
      expect(db.prepare('SELECT count(*) AS n FROM service_requests').get()).toEqual({ n: 3 })
      // The failed run's entry keeps why as the app words it in the Sync screen's log.
      const entry = db.prepare('SELECT error_reason AS reason FROM sync_log ORDER BY id DESC LIMIT 1').get()
      expect(JSON.parse((entry as { reason: string }).reason)).toEqual({ code: 'store_io', params: { dir } })
    } finally {
      db.close()
    }
  }, 120_000)
})

describe('global options of an import', () => {
  it('a mistyped --as-of is said before the file is read, and no workspace is made', async () => {
    // A file the import would refuse for its columns: before, that refusal came first, and a file it
    // could read was read whole (a large one for minutes) before the mistyped option was said.
    const path = join(tmp, 'no-columns.csv')
    writeFileSync(path, 'a,b\n1,2\n')
    const dir = join(tmp, 'ws-global-options')
    const asOf = await cli(['import', path, '--as-of', 'yesterday-ish', '--data-dir', dir])
    expect(asOf.code).toBe(2)
    expect(asOf.stderr).toMatch(/^error: .*yesterday-ish/)
    expect(asOf.stderr).not.toContain('Missing required column')
    expect(existsSync(dir)).toBe(false)
  }, 60_000)
})
