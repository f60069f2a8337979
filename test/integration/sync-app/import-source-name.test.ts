// The import wizard's source name: the rows of a file are kept under `import:<sourceName>` and
// upserted by (source, id), so two systems whose exports both number their SRs 1..N need two names,
// and the same system's next export goes under the same name to update its SRs (idempotent).
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { appContext, type AppContext } from './app-context'

let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

const HEADER = 'id,tenant,title,priority,status,created_at,updated_at'
// System A (서울시's ITSM): SRs 1–3, last changed on 5 March.
const SYSTEM_A = [
  HEADER,
  '1,서울특별시청,A 로그인 오류,P2,OPEN,2026-03-02T09:00:00+09:00,2026-03-05T09:00:00+09:00',
  '2,서울특별시청,A 메일 지연,P3,OPEN,2026-03-02T10:00:00+09:00,2026-03-05T09:00:00+09:00',
  '3,서울특별시청,A VPN 불가,P2,OPEN,2026-03-02T11:00:00+09:00,2026-03-05T09:00:00+09:00',
].join('\n')
// System B (another agency's tool): SRs 1–4, numbered from 1 as well. Its 1 and 2 were last changed
// before A's (1 March), its 3 after (10 March), its 4 is not in A at all.
const SYSTEM_B = [
  HEADER,
  '1,부산광역시청,B 프린터 고장,P3,OPEN,2026-02-20T09:00:00+09:00,2026-03-01T09:00:00+09:00',
  '2,부산광역시청,B 계정 잠김,P2,OPEN,2026-02-21T09:00:00+09:00,2026-03-01T09:00:00+09:00',
  '3,부산광역시청,B 서버 점검,P1,OPEN,2026-02-22T09:00:00+09:00,2026-03-10T09:00:00+09:00',
  '4,부산광역시청,B 권한 요청,P4,OPEN,2026-02-23T09:00:00+09:00,2026-03-01T09:00:00+09:00',
].join('\n')

/** What the shell's open dialog does: register the chosen file and hand out its token. */
function choose(ctx: AppContext, fileName: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ops-import-source-')), fileName)
  writeFileSync(path, text)
  return ctx.sync.files.register({ path, fileName, size: statSync(path).size, owned: true }).token
}

type Row = { source: string; source_id: string; title: string; updated_at: number }
const rows = (ctx: AppContext): Row[] =>
  ctx.ws.store.sqlite
    .prepare('SELECT source, source_id, title, updated_at FROM service_requests ORDER BY source, source_id')
    .all() as Row[]

const AT = Date.parse('2026-03-18T06:00:00Z')

describe('import source name', () => {
  it('keeps two systems with overlapping ids apart under two names; the same file again changes nothing', async () => {
    app = appContext({ now: () => AT })
    const seoul = '서울시 ITSM'
    const tokenA = choose(app, 'seoul.csv', SYSTEM_A)
    const preview = await app.ok('import:preview', { token: tokenA })
    expect(preview.check).toMatchObject({ rowCount: 3, validCount: 3, errorCount: 0 })
    expect(await app.ok('import:run', { token: tokenA, sourceName: seoul })).toMatchObject({
      status: 'imported',
      sourceName: seoul,
      written: 3,
      skippedStale: 0,
    })
    // The name is trimmed, as the CLI trims it.
    const tokenB = choose(app, 'busan.csv', SYSTEM_B)
    await app.ok('import:preview', { token: tokenB })
    expect(await app.ok('import:run', { token: tokenB, sourceName: ' busan-tool ' })).toMatchObject({
      status: 'imported',
      sourceName: 'busan-tool',
      written: 4,
      skippedStale: 0,
    })
    // 3 SRs of A + 4 of B: ids 1–3 are in both files, and neither overwrote the other.
    const both = rows(app)
    expect(both).toHaveLength(7)
    expect(both.filter((r) => r.source === 'import:busan-tool').map((r) => r.title)).toEqual([
      'B 프린터 고장',
      'B 계정 잠김',
      'B 서버 점검',
      'B 권한 요청',
    ])
    expect(both.filter((r) => r.source === `import:${seoul}`).map((r) => r.title)).toEqual([
      'A 로그인 오류',
      'A 메일 지연',
      'A VPN 불가',
    ])
    // Each run is in the sync log under its source.
    const log = await app.ok('sync:log', {})
    expect(log.map((e) => [e.source, e.status, e.rows])).toEqual([
      ['import:busan-tool', 'ok', 4],
      [`import:${seoul}`, 'ok', 3],
    ])

    // A's export again under its name: the same SRs are updated, nothing added, nothing skipped.
    const again = choose(app, 'seoul.csv', SYSTEM_A)
    expect(await app.ok('import:run', { token: again, sourceName: seoul })).toMatchObject({
      status: 'imported',
      sourceName: seoul,
      written: 3,
      skippedStale: 0,
    })
    expect(rows(app)).toEqual(both)

    // The wizard offers the names already used, with their SR counts and when a file last went there.
    expect(await app.ok('import:sources', {})).toEqual([
      { name: 'busan-tool', srCount: 4, lastImportAt: AT },
      { name: seoul, srCount: 3, lastImportAt: AT },
    ])
  })

  it('without a name both files go to import:file: the second overwrites or is skipped (why names exist)', async () => {
    app = appContext({ now: () => AT })
    expect(await app.ok('import:sources', {})).toEqual([])
    const tokenA = choose(app, 'seoul.csv', SYSTEM_A)
    expect(await app.ok('import:run', { token: tokenA })).toMatchObject({ sourceName: 'file', written: 3 })
    const tokenB = choose(app, 'busan.csv', SYSTEM_B)
    // B's 1 and 2 are older than A's stored 1 and 2: skipped as "the stored data is newer". B's 3 is
    // newer: it overwrites A's SR 3. B's 4 is new. So 2 written, 2 skipped, 4 SRs where 7 were meant.
    expect(await app.ok('import:run', { token: tokenB })).toMatchObject({
      status: 'imported',
      sourceName: 'file',
      written: 2,
      skippedStale: 2,
    })
    expect(rows(app).map((r) => [r.source, r.source_id, r.title])).toEqual([
      ['import:file', '1', 'A 로그인 오류'],
      ['import:file', '2', 'A 메일 지연'],
      ['import:file', '3', 'B 서버 점검'],
      ['import:file', '4', 'B 권한 요청'],
    ])
    expect(await app.ok('import:sources', {})).toEqual([{ name: 'file', srCount: 4, lastImportAt: AT }])
  })

  it('the name reaches the import worker the app runs the wizard in', async () => {
    const bootstrap = new URL('../../helpers/ts-worker.mjs', import.meta.url)
    const tsEntry = new URL('../../../src/main/core/workers/import-worker.ts', import.meta.url).href
    app = appContext({
      now: () => AT,
      runtime: (ws) => ({
        importWorker: { file: bootstrap, workspace: { dataDir: ws.dataDir }, extraData: { tsEntry } },
      }),
    })
    const tokenA = choose(app, 'seoul.csv', SYSTEM_A)
    await app.ok('import:preview', { token: tokenA })
    expect(await app.ok('import:run', { token: tokenA, sourceName: 'seoul' })).toMatchObject({
      sourceName: 'seoul',
      written: 3,
    })
    expect(app.sync.imports.lastThread()).not.toBe(threadId)
    const tokenB = choose(app, 'busan.csv', SYSTEM_B)
    expect(await app.ok('import:run', { token: tokenB, sourceName: 'busan' })).toMatchObject({
      sourceName: 'busan',
      written: 4,
      skippedStale: 0,
    })
    expect(await app.ok('import:sources', {})).toEqual([
      // The worker's clock is this one's plus the offset measured when the run started: about AT.
      { name: 'busan', srCount: 4, lastImportAt: expect.closeTo(AT, -4) },
      { name: 'seoul', srCount: 3, lastImportAt: expect.closeTo(AT, -4) },
    ])
  }, 120_000)

  it('refuses a name that cannot be used, on the import, with nothing written', async () => {
    app = appContext()
    const token = choose(app, 'seoul.csv', SYSTEM_A)
    const refusals: [Parameters<AppContext['invoke']>, string][] = [
      [['import:run', { token, sourceName: 'agency:a' }], 'A source name cannot contain ":"'],
      [['import:run', { token, sourceName: 'x'.repeat(41) }], 'A source name is at most 40 characters'],
      [
        ['import:run', { token, sourceName: 'tab\there' }],
        'A source name cannot contain line breaks, tabs or other control or invisible characters',
      ],
      [['import:run', { token, sourceName: '  ' }], 'A source name cannot be blank'],
    ]
    for (const [[channel, request], message] of refusals) {
      const answer = await app.invoke(channel, request as never)
      expect(answer, channel).toMatchObject({
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: expect.stringContaining(`sourceName: ${message}`),
          issues: [{ path: 'sourceName', message: expect.stringContaining(message) }],
        },
      })
    }
    expect(rows(app)).toEqual([])
    // 40 characters, Korean ones too, are a name; the token is still good after the refusals.
    expect(await app.ok('import:run', { token, sourceName: '가'.repeat(40) })).toMatchObject({
      sourceName: '가'.repeat(40),
      written: 3,
    })
  })

  it('refuses a name that differs from one in use only in capitals, naming the one in use; a decomposed 한글 name is the same name', async () => {
    app = appContext()
    await app.ok('import:run', { token: choose(app, 'seoul.csv', SYSTEM_A), sourceName: 'Seoul-ITSM' })
    await app.ok('import:run', { token: choose(app, 'busan.csv', SYSTEM_B), sourceName: '부산 시스템' })
    const before = rows(app)
    const token = choose(app, 'seoul-next.csv', SYSTEM_A)
    // The same export again, its name typed in other capitals: it would be kept a second time beside
    // the first, doubling its SRs.
    for (const typed of ['seoul-itsm', ' SEOUL-ITSM ']) {
      const name = typed.trim()
      expect(await app.invoke('import:run', { token, sourceName: typed }), typed).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: `The source name "${name}" differs from the existing source "Seoul-ITSM" only in capitals: for a file of the same system give "Seoul-ITSM" as it is, for another system a clearly different name. Nothing was imported`,
          reason: { code: 'import_source_lookalike', params: { name, existing: 'Seoul-ITSM' } },
        },
      })
    }
    expect(rows(app)).toEqual(before)
    expect((await app.ok('import:sources', {})).map((s) => s.name)).toEqual(['Seoul-ITSM', '부산 시스템'])
    // The name as it is in use, or a clearly different one, is taken with the same token; so is the
    // default, whatever names are in use.
    expect(await app.ok('import:run', { token, sourceName: 'Seoul-ITSM' })).toMatchObject({
      status: 'imported',
      sourceName: 'Seoul-ITSM',
    })
    expect(
      await app.ok('import:run', { token: choose(app, 'c.csv', SYSTEM_A), sourceName: 'seoul-itsm-2' }),
    ).toMatchObject({ status: 'imported', sourceName: 'seoul-itsm-2' })
    expect(await app.ok('import:run', { token: choose(app, 'd.csv', SYSTEM_A) })).toMatchObject({
      status: 'imported',
      sourceName: 'file',
    })
    // 부산 시스템 pasted from a macOS file name (decomposed, NFD) is the name in use: its SRs are updated.
    expect(
      await app.ok('import:run', {
        token: choose(app, 'busan-next.csv', SYSTEM_B),
        sourceName: '부산 시스템'.normalize('NFD'),
      }),
    ).toMatchObject({ status: 'imported', sourceName: '부산 시스템' })
    expect((await app.ok('import:sources', {})).map((s) => [s.name, s.srCount])).toEqual([
      ['Seoul-ITSM', 3],
      ['file', 3],
      ['seoul-itsm-2', 3],
      ['부산 시스템', 4],
    ])
  })

  it('the check takes no name: its rows and errors do not depend on it, so a name is refused there', async () => {
    app = appContext()
    const token = choose(app, 'seoul.csv', SYSTEM_A)
    // The check and the error list are the same whatever the rows would be kept under: a name sent
    // with them is a caller's mistake, refused by name rather than silently ignored.
    for (const channel of ['import:preview', 'import:error-report'] as const) {
      const answer = await app.invoke(channel, { token, sourceName: 'seoul' } as never)
      expect(answer, channel).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('sourceName') },
      })
    }
    expect(await app.ok('import:preview', { token })).toMatchObject({
      check: { rowCount: 3, validCount: 3, errorCount: 0 },
    })
    expect(await app.ok('import:run', { token, sourceName: 'seoul' })).toMatchObject({
      sourceName: 'seoul',
      written: 3,
    })
  })
})
