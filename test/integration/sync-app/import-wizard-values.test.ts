// The import wizard's value translation (SPEC §10): the check names every status and priority the
// file spells its own way, not only those among the row errors it lists, and writes nothing.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appContext, type AppContext } from './app-context'

let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

/** Registers a CSV written from `lines` as the shell's open dialog would; returns its token. */
function chooseCsv(ctx: AppContext, name: string, lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-import-values-'))
  const path = join(dir, name)
  writeFileSync(path, lines.join('\n') + '\n')
  return ctx.sync.files.register({ path, fileName: name, size: statSync(path).size, owned: true }).token
}

const TIMES = '2026-03-02T09:00:00+09:00,2026-03-02T10:00:00+09:00'
const count = (ctx: AppContext): number =>
  (ctx.ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

describe('import wizard: unknown values', () => {
  it('lists a value first seen after the errors the check lists, and translates it', async () => {
    app = appContext()
    const lines = ['id,tenant,title,priority,status,created_at,resolved_at']
    for (let i = 0; i < 600; i++) lines.push(`S-${i},통계청,요청 ${i},P2,Solved,${TIMES}`)
    for (let i = 0; i < 5; i++) lines.push(`W-${i},통계청,요청 ${i},Sev-1,Closed-Won,${TIMES}`)
    // An empty status is a missing value, not one to translate.
    lines.push(`E-1,통계청,빈 상태,P2,,${TIMES}`)
    const token = chooseCsv(app, 'export.csv', lines)

    const preview = await app.ok('import:preview', { token })
    const check = preview.check
    expect(check?.errorsTotal).toBeGreaterThan(check?.errors.length ?? 0)
    // Neither of the values seen only in the last rows is among the errors listed…
    expect(check?.errors.some((e) => e.value === 'Closed-Won' || e.value === 'Sev-1')).toBe(false)
    // …yet both are offered, each once.
    expect(check?.unknownValues).toEqual({ status: ['Solved', 'Closed-Won'], priority: ['Sev-1'] })
    expect(count(app)).toBe(0)

    const values = { status: { Solved: 'RESOLVED', 'Closed-Won': 'DONE' }, priority: { 'Sev-1': 'P1' } }
    const translated = await app.ok('import:preview', { token, mapping: { values } })
    expect(translated.check).toMatchObject({ rowCount: 606, validCount: 605, errorCount: 1 })
    expect(translated.check?.unknownValues).toEqual({ status: [], priority: [] })
    expect(count(app)).toBe(0)
  })
})
