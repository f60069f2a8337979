// The header row said by the user: a file with column names of its own (none known, no mapping yet)
// below a title block had its title taken as the header, and neither the wizard nor the CLI could be
// told otherwise. The row asked for wins over the search, the rows above it are skipped as a title,
// row numbers stay the file's own; a row past the end, a blank one, or any for JSON is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { previewImport, runImport } from '../../../src/main/core/sources/file-import/import'
import { wizardPreview } from '../../../src/main/core/sync/import-wizard'
import {
  OWN_COLUMNS,
  OWN_HEADER,
  OWN_TITLE,
  ownHeadersCsvLines,
  writeOwnHeadersWorkbook,
} from '../../helpers/own-headers-files'
import { tempWorkspace } from '../../helpers/workspace'

const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-header-row-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Seoul wall time on 2026-03-06 as epoch ms. */
const mar6 = (h: number, m = 0): number => Date.UTC(2026, 2, 6, h - 9, m)

const FILES = {
  xlsx: async (): Promise<string> => {
    const path = join(tmp, '요청목록.xlsx')
    await writeOwnHeadersWorkbook(path)
    return path
  },
  csv: async (): Promise<string> => {
    const path = join(tmp, '요청목록.csv')
    writeFileSync(path, '\uFEFF' + ownHeadersCsvLines().join('\r\n') + '\r\n')
    return path
  },
}

/** What `work` was refused with: its reason's code and params, and its English message. */
async function refusal(
  work: Promise<unknown>,
): Promise<{ code?: string; params?: unknown; message: string }> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(CoreError)
  const e = err as CoreError
  expect(e.code).toBe('BAD_REQUEST')
  return { code: e.reason?.code, params: e.reason?.params, message: e.message }
}

describe.each(['xlsx', 'csv'] as const)('%s: custom headers on row 3 below a title', (format) => {
  const fileName = `요청목록.${format}`

  it('the search takes the title (nothing known): the wizard says so and lists the rows to choose from', async () => {
    const path = await FILES[format]()
    const v = await wizardPreview({ path, fileName }, undefined, SEOUL)
    expect(v.headers.filter((h) => h !== '')).toEqual(
      format === 'xlsx' ? Array(6).fill(OWN_TITLE) : [OWN_TITLE],
    )
    expect(v.headerRow).toBe(1)
    expect(v.headerFallback).toBe(true)
    // The non-blank rows, each by its first cells (a merged title once); the blank row 2 is not offered.
    expect(v.headerChoices).toEqual([
      { row: 1, cells: [OWN_TITLE] },
      { row: 3, cells: [...OWN_HEADER] },
      { row: 4, cells: ['T-1', '통계청', '포털 로그인 오류', 'P1', 'OPEN', '2026-03-06 09:00'] },
      { row: 5, cells: ['T-2', '통계청', '계정 잠금 해제', 'P3', 'IN_PROGRESS', '2026-03-06 10:30'] },
      { row: 6, cells: ['T-3', '조달청', '인증서 갱신', 'P2', 'OPEN', '어제 오후'] },
    ])
  })

  it('header row 3 asked for: its names are offered, then the mapping applies and rows keep their numbers', async () => {
    const path = await FILES[format]()
    // The wizard asks with no columns mapped yet (a row chosen starts the mapping over).
    const chosen = await wizardPreview({ path, fileName }, { columns: {}, values: {}, headerRow: 3 }, SEOUL)
    expect(chosen.headers).toEqual([...OWN_HEADER])
    expect(chosen).toMatchObject({
      headerRow: 3,
      headerFallback: false,
      titleSkipped: { headerRow: 3, rows: 2 },
    })
    expect(chosen.missingRequired).toEqual(['id', 'tenant', 'priority', 'status', 'created_at'])
    // The same rows to choose from, whichever was chosen.
    expect(chosen.headerChoices.map((c) => c.row)).toEqual([1, 3, 4, 5, 6])
    // Mapped in the wizard, and checked.
    const checked = await wizardPreview(
      { path, fileName },
      { columns: OWN_COLUMNS, values: {}, headerRow: 3 },
      SEOUL,
    )
    expect(checked.check).toMatchObject({ rowCount: 3, validCount: 2, errorCount: 1 })
    expect(checked.check?.sample.map((r) => r.row)).toEqual([4, 5])
    expect(checked.check?.errors.map((e) => [e.row, e.column, e.value])).toEqual([[6, 'Opened', '어제 오후']])

    // The core's own request: headerRow wins, mapping or not.
    const p = await previewImport(path, {
      timeZone: SEOUL,
      headerRow: 3,
      mapping: { columns: OWN_COLUMNS, values: {} },
    })
    expect(p.headers).toEqual([...OWN_HEADER])
    expect(p.titleSkipped).toEqual({ headerRow: 3, rows: 2 })
    expect(p.sample.map((r) => [r.row, r.sourceId, r.tenant, r.createdAt])).toEqual([
      [4, 'T-1', '통계청', mar6(9)],
      [5, 'T-2', '통계청', mar6(10, 30)],
    ])
    const ws = tempWorkspace()
    try {
      // The mapping file's headerRow does the same as the option.
      const r = await runImport(ws.store, path, {
        timeZone: SEOUL,
        mapping: { columns: OWN_COLUMNS, values: {}, headerRow: 3 },
        allowErrors: true,
      })
      expect(r).toMatchObject({ status: 'imported', written: 2, errorCount: 1 })
      expect(r.errors.map((e) => e.row)).toEqual([6])
      const ids = ws.store.sqlite
        .prepare('SELECT source_id FROM service_requests ORDER BY source_id')
        .pluck()
        .all()
      expect(ids).toEqual(['T-1', 'T-2'])
    } finally {
      ws.dispose()
    }
  })

  it('the row asked for wins over a mapping that would find another', async () => {
    const path = await FILES[format]()
    // Row 4 (the first request) read as the header: the mapping's columns are then missing.
    const r = await refusal(
      previewImport(path, { timeZone: SEOUL, headerRow: 4, mapping: { columns: OWN_COLUMNS, values: {} } }),
    )
    expect(r.code).toBe('mapped_columns_missing')
    expect(r.message).toContain('"T-1", "통계청"')
  })

  it('a blank row or one past the end is refused, saying why', async () => {
    const path = await FILES[format]()
    const blank = await refusal(previewImport(path, { timeZone: SEOUL, headerRow: 2 }))
    expect(blank).toEqual({
      code: 'header_row_blank',
      params: { row: 2 },
      message: 'Header row 2 is blank: choose the row that holds the column names',
    })
    const past = await refusal(previewImport(path, { timeZone: SEOUL, headerRow: 40 }))
    expect(past).toEqual({
      code: 'header_row_past_end',
      params: { row: 40, last: 6 },
      message: 'Header row 40 is past the end of the file: its last row is 6',
    })
    // The wizard refuses it the same way (its error banner words the reason).
    const wizard = await refusal(
      wizardPreview({ path, fileName }, { columns: {}, values: {}, headerRow: 40 }, SEOUL),
    )
    expect(wizard.code).toBe('header_row_past_end')
  })
})

describe('a header row where there is none to choose', () => {
  it('JSON refuses it, as an option or in the mapping', async () => {
    const path = join(tmp, 'requests.json')
    writeFileSync(
      path,
      JSON.stringify([
        {
          id: 'S-1',
          tenant: '조달청',
          title: '요청',
          priority: 'P2',
          status: 'OPEN',
          created_at: '2026-03-02T09:00:00+09:00',
        },
      ]),
    )
    const asked = await refusal(previewImport(path, { timeZone: SEOUL, headerRow: 1 }))
    expect(asked.code).toBe('header_row_json')
    expect(asked.message).toMatch(/^A JSON file has no header row to choose/)
    expect(
      (
        await refusal(
          previewImport(path, { timeZone: SEOUL, mapping: { columns: {}, values: {}, headerRow: 2 } }),
        )
      ).code,
    ).toBe('header_row_json')
    const wizard = await refusal(
      wizardPreview({ path, fileName: 'requests.json' }, { columns: {}, values: {}, headerRow: 1 }, SEOUL),
    )
    expect(wizard.code).toBe('header_row_json')
    // Without one it reads as before.
    expect((await previewImport(path, { timeZone: SEOUL })).rowCount).toBe(1)
  })

  it('a mapping whose headerRow is no row number is refused', async () => {
    const path = await FILES.csv()
    for (const headerRow of [0, 2.5]) {
      const r = await refusal(
        previewImport(path, { timeZone: SEOUL, mapping: { columns: {}, values: {}, headerRow } }),
      )
      expect(r.code).toBe('mapping_invalid')
      expect(r.message).toContain('headerRow: a row number (1 or more), as the file counts its rows')
    }
  })
})
