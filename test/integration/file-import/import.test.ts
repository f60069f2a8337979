// Writing imports: one transaction, idempotent on re-import, dry-run writes nothing, watermark and
// workspace kind set; and a 200,000-row CSV imports with the right count (throughput printed).
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runImport } from '../../../src/main/core/sources/file-import/import'
import { countServiceRequests } from '../../../src/main/core/db/repositories/service-requests'
import { getWatermark, getWorkspaceKind } from '../../../src/main/core/db/meta'
import type { Store } from '../../../src/main/core/db/open-database'
import { tempWorkspace } from '../../helpers/workspace'

const FIXTURES = join(import.meta.dirname, '../../fixtures/import')
const fixture = (name: string): string => join(FIXTURES, name)
const SEOUL = 'Asia/Seoul'
const tmp = mkdtempSync(join(tmpdir(), 'ops-import-run-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

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
    const out = createWriteStream(path)
    out.write('id,tenant,title,category,priority,status,assignee,created_at,resolved_at,reassignment_count\n')
    const statuses = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE', 'CANCELLED']
    const base = Date.UTC(2025, 0, 1)
    for (let i = 0; i < 200_000; i++) {
      const status = statuses[i % 6]!
      const created = new Date(base + i * 97_000).toISOString().slice(0, 19) // no offset: Seoul wall time
      const resolved = status === 'RESOLVED' ? new Date(base + i * 97_000 + 3_600_000).toISOString() : ''
      const line = `H-${i},기관 ${i % 40},"요청 ${i}, 상세",분류 ${i % 12},P${(i % 4) + 1},${status},담당 ${i % 25},${created},${resolved},${i % 3}\n`
      if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()))
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    )
    const ws = tempWorkspace()
    try {
      const t0 = performance.now()
      const r = await runImport(ws.store, path, { timeZone: SEOUL })
      const seconds = (performance.now() - t0) / 1000
      expect(r).toMatchObject({ status: 'imported', rowCount: 200_000, written: 200_000, errorsTotal: 0 })
      expect(countServiceRequests(ws.store)).toBe(200_000)
      console.log(
        `file import: 200,000 rows in ${seconds.toFixed(2)} s = ${Math.round(200_000 / seconds).toLocaleString('en-US')} rows/s`,
      )
    } finally {
      ws.dispose()
    }
  }, 120_000)
})
