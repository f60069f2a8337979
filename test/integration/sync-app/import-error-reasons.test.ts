// The import wizard's channels answer a file that cannot be checked or imported with the error's
// reason next to its English message, whether the step runs in the import worker (the app: the
// error crosses from the worker thread as plain data) or in-process (the browser harness); a
// problem found once the columns are mapped comes with its reason in the preview too.
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeTwoSheetWorkbook } from '../../helpers/two-sheet-workbook'
import { appContext, type AppContext } from './app-context'

const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
const tsEntry = new URL('../../../src/main/core/workers/import-worker.ts', import.meta.url).href
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-reasons-app-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
const file = (name: string, content: string | Buffer): string => {
  const path = join(tmp, name)
  writeFileSync(path, content)
  return path
}
const HEADER_ONLY = 'id,tenant,title,priority,status,created_at\n'
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])

let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})
const choose = (ctx: AppContext, path: string): string =>
  ctx.sync.files.register({ path, fileName: basename(path), size: statSync(path).size }).token

const contexts = {
  'in the import worker': (): AppContext =>
    appContext({
      runtime: (ws) => ({
        importWorker: { file: bootstrap, workspace: { dataDir: ws.dataDir }, extraData: { tsEntry } },
      }),
    }),
  'in-process': (): AppContext => appContext(),
}

describe.each(Object.entries(contexts))('import wizard errors with their reason (%s)', (where, context) => {
  it('a file refused as soon as it is chosen: empty, old Excel, bad JSON, an unknown sheet', async () => {
    app = context()
    const empty = file('empty.csv', '')
    expect(await app.invoke('import:preview', { token: choose(app, empty) })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `The file ${empty} is empty`,
        reason: { code: 'file_empty', params: { file: 'empty.csv' } },
      },
    })
    expect(await app.invoke('import:preview', { token: choose(app, file('old.xls', OLE)) })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'Old Excel .xls files are not supported: save the sheet as .xlsx or CSV',
        reason: { code: 'xls_file' },
      },
    })
    const json = await app.invoke('import:preview', { token: choose(app, file('bad.json', '[{"id": 1,')) })
    expect(json).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', reason: { code: 'json_invalid' } },
    })
    const detail = json.ok ? '' : String(json.error.reason?.params?.['detail'])
    expect(json.ok ? '' : json.error.message).toBe(`The file is not valid JSON: ${detail}`)
    const book = join(tmp, `report-${where.length}.xlsx`)
    await writeTwoSheetWorkbook(book)
    expect(
      await app.invoke('import:preview', { token: choose(app, book), mapping: { sheet: '4월' } }),
    ).toMatchObject({
      ok: false,
      error: { reason: { code: 'sheet_not_found', params: { sheet: '4월', sheets: '"요약", "SR 목록"' } } },
    })
  })

  it('a file with a header row only: the check says why with a reason, the error list and the import too', async () => {
    app = context()
    const token = choose(app, file('header-only.csv', HEADER_ONLY))
    const preview = await app.ok('import:preview', { token })
    expect(preview).toMatchObject({
      check: null,
      problem: 'The file has a header row but no data rows',
      problemReason: { code: 'no_data_rows' },
    })
    expect(await app.invoke('import:error-report', { token })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'The file has a header row but no data rows',
        reason: { code: 'no_data_rows' },
      },
    })
    expect(await app.invoke('import:run', { token })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'The file has a header row but no data rows',
        reason: { code: 'no_data_rows' },
      },
    })
  })

  it('a file the mapping leaves without a required column cannot give an error list', async () => {
    app = context()
    const token = choose(app, file('short.csv', 'id,tenant\nS-1,조달청\n'))
    expect(await app.invoke('import:error-report', { token })).toMatchObject({
      ok: false,
      error: {
        reason: {
          code: 'required_columns_unmapped',
          params: { columns: 'title, priority, status, created_at' },
        },
      },
    })
  })

  it('a chosen file moved away, or a folder in its place, is said by the name it was chosen under, without its path', async () => {
    app = context()
    const csv =
      'id,tenant,title,priority,status,created_at\nSR-1,서울특별시청,로그인 오류,P2,OPEN,2026-03-02 09:00\n'
    // The harness keeps an upload under a temporary name: the user knows the file as '3월 SR.csv'.
    const dir = mkdtempSync(join(tmp, 'moved-'))
    const path = join(dir, 'upload-7.tmp')
    writeFileSync(path, csv)
    const { token } = app.sync.files.register({ path, fileName: '3월 SR.csv', size: statSync(path).size })
    const moved = {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'The chosen file "3월 SR.csv" is no longer where it was chosen (moved, renamed or deleted). Nothing was imported: choose the file again',
        reason: { code: 'import_file_moved', params: { file: '3월 SR.csv' } },
      },
    }
    rmSync(path)
    expect(await app.invoke('import:preview', { token })).toEqual(moved)
    expect(await app.invoke('import:run', { token })).toEqual(moved)
    expect(await app.invoke('import:error-report', { token })).toEqual(moved)
    // A folder now where the file was: the same, not "upload-7.tmp: not a file".
    mkdirSync(path)
    expect(await app.invoke('import:run', { token })).toEqual(moved)
    rmSync(path, { recursive: true })
    // A path the OS will not open (here a link to itself): its error code, not its sentence with the path.
    symlinkSync(path, path)
    const refused = await app.invoke('import:preview', { token })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        reason: { code: 'import_file_unreadable', params: { file: '3월 SR.csv', detail: 'ELOOP' } },
      },
    })
    expect(JSON.stringify(refused)).not.toContain(dir)
    rmSync(path)
    const count = (): number =>
      (app?.ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
    expect(count()).toBe(0)
    // The file back where it was: the same token imports it (nothing was left half-done).
    writeFileSync(path, csv)
    expect(await app.invoke('import:run', { token })).toMatchObject({ ok: true, data: { written: 1 } })
    expect(count()).toBe(1)
  })

  it('a file no longer registered', async () => {
    app = context()
    expect(await app.invoke('import:preview', { token: 'no-such-token-0123456789' })).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'The chosen file is no longer available: choose it again',
        reason: { code: 'import_file_gone' },
      },
    })
  })
})

describe('the import worker', () => {
  it('a worker that finds no workspace says which one, with a reason', async () => {
    const dataDir = join(tmp, 'no-such-workspace')
    app = appContext({
      runtime: { importWorker: { file: bootstrap, workspace: { dataDir }, extraData: { tsEntry } } },
    })
    const result = await app.invoke('import:run', { token: choose(app, file('x.csv', HEADER_ONLY)) })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        reason: { code: 'workspace_missing', params: { path: expect.stringContaining('no-such-workspace') } },
      },
    })
  })
})
