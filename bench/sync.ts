// Sync figures: raw SR upsert throughput, and a 200,000-SR incremental sync from the loopback ITSM
// simulator through the real connector and engine into a fresh workspace.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { upsertServiceRequests, type SrInput } from '../src/main/core/db/repositories/service-requests'
import { SR_INSERT_COLUMNS, SLOT } from '../src/main/core/db/repositories/sr-statements'
import { defaultHttpDeps } from '../src/main/core/sources/http'
import { createItsmConnector } from '../src/main/core/sources/itsm-rest/connector'
import { syncSource } from '../src/main/core/sync/engine'
import { openWorkspace } from '../src/main/core/workspace'
import { dropSecondaryIndexes, OPEN_SR_INDEX_SQL } from './index-tradeoff'
import { startItsmSimulator } from '../src/main/simulators/itsm/server'

const N = 200_000
const T0 = Date.parse('2025-01-01T00:00:00Z')

function withWorkspace<T>(fn: (ws: ReturnType<typeof openWorkspace>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-bench-sync-'))
  const ws = openWorkspace({ dataDir: dir })
  return fn(ws).finally(() => {
    ws.close()
    rmSync(dir, { recursive: true, force: true })
  })
}

/** Rows for the measurement table. */
export async function syncBench(): Promise<[string, string, string][]> {
  const out: [string, string, string][] = []
  for (const indexes of ['all', 'key+open', 'key'] as const) out.push(...(await upsertRows(indexes)))
  out.push(...(await insertFloor()))
  const sim = await startItsmSimulator({ srCount: N, events: false })
  try {
    await withWorkspace(async (ws) => {
      const connector = createItsmConnector(
        { name: 'bench', url: sim.url, token: sim.token },
        defaultHttpDeps(),
      )
      const outcome = await syncSource(ws.store, connector, {
        entities: ['tenants', 'categories', 'people', 'srs'],
      })
      const s = (outcome.finishedAt - outcome.startedAt) / 1000
      out.push([
        `sync from the ITSM REST simulator (loopback), ${N.toLocaleString('en-US')} SRs`,
        `${s.toFixed(1)} s`,
        `${outcome.status}, ${outcome.rows.toLocaleString('en-US')} rows in ${outcome.pages} pages (goal < 10 s)`,
      ])
    })
  } finally {
    await sim.close()
  }
  return out
}

const INDEX_SETS = {
  all: 'all 8 indexes',
  'key+open': 'only the key and a partial index of open SRs',
  key: 'only the (source, source_id) key',
} as const

const RUNS = 3

/** Median of `runs` timings (seconds), and all of them for the note. */
function medianOf(times: number[]): { s: number; all: string } {
  const sorted = [...times].sort((a, b) => a - b)
  return {
    s: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    all: times.map((t) => t.toFixed(2)).join(', '),
  }
}

/**
 * The SR writer's throughput: 200,000 new SRs, then the same SRs again as a re-sync, each the median
 * of three runs in fresh workspaces (one run varies by ±15 %). With every index (the product), and
 * for the upsert goal's trade-off with the secondary indexes dropped (index-tradeoff.ts times what
 * the reads lose).
 */
async function upsertRows(indexes: keyof typeof INDEX_SETS): Promise<[string, string, string][]> {
  // A re-sync: every SR again with a later updated_at; a tenth (the open ones) now resolved.
  const rows = (resync: boolean): SrInput[] =>
    Array.from({ length: N }, (_, i) => {
      const open = !resync && i % 10 === 0
      return {
        source: 'bench',
        sourceId: `SR-${i}`,
        tenant: `기관 ${i % 8}`,
        title: `요청 ${i}`,
        category: `분류 ${i % 12}`,
        priority: 'P3',
        status: open ? 'OPEN' : 'DONE',
        assignee: `엔지니어 ${i % 20}`,
        createdAt: T0 + i * 60_000,
        resolvedAt: open ? null : T0 + i * 60_000 + 3_600_000,
        updatedAt: T0 + i * 60_000 + 3_600_000 + (resync ? 60_000 : 0),
      }
    })
  const kinds = [
    ['new rows', rows(false)],
    ['updates of stored rows (a tenth change status)', rows(true)],
  ] as const
  const times: number[][] = kinds.map(() => [])
  for (let run = 0; run < RUNS; run++) {
    await withWorkspace(async (ws) => {
      if (indexes !== 'all') dropSecondaryIndexes(ws.store)
      if (indexes === 'key+open') ws.store.sqlite.exec(OPEN_SR_INDEX_SQL)
      kinds.forEach(([, input], k) => {
        const t = performance.now()
        upsertServiceRequests(ws.store, input)
        times[k]?.push((performance.now() - t) / 1000)
      })
    })
  }
  return kinds.map(([what], k) => {
    const { s, all } = medianOf(times[k] ?? [])
    return [
      `SR upsert, ${N.toLocaleString('en-US')} ${what}, one transaction${indexes === 'all' ? '' : `, ${INDEX_SETS[indexes]}`}`,
      `${s.toFixed(2)} s`,
      `${Math.round(N / s).toLocaleString('en-US')} SRs/s, median of ${RUNS} (${all} s); goal ≥ 200,000/s`,
    ]
  })
}

/**
 * What SQLite itself allows for the SR row, without the writer: one plain prepared INSERT per row of
 * the writer's 25 columns in one transaction, into a copy of the SR table with no index, with only
 * the (source, source_id) key the upsert needs, and with all eight indexes. The upsert goal is to be
 * read against these.
 */
async function insertFloor(): Promise<[string, string, string][]> {
  const out: [string, string, string][] = []
  for (const indexes of ['none', 'key', 'all'] as const) {
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      await withWorkspace(async (ws) => {
        const db = ws.store.sqlite
        db.exec('CREATE TABLE sr_floor AS SELECT * FROM service_requests WHERE 0')
        const all = db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'service_requests' AND sql IS NOT NULL",
          )
          .all() as { name: string; sql: string }[]
        for (const { name, sql } of all) {
          if (indexes === 'all' || (indexes === 'key' && name === 'sr_source_uq'))
            db.exec(sql.replace(name, `${name}_floor`).replace('`service_requests`', 'sr_floor'))
        }
        const insert = db.prepare(
          `INSERT INTO sr_floor (${SR_INSERT_COLUMNS.join(', ')}) VALUES (${SR_INSERT_COLUMNS.map(() => '?').join(', ')})`,
        )
        const v = new Array<unknown>(SR_INSERT_COLUMNS.length).fill(null)
        const t = performance.now()
        db.transaction(() => {
          for (let i = 0; i < N; i++) {
            const created = T0 + i * 60_000
            v[SLOT.source] = 'bench'
            v[SLOT.source_id] = `SR-${i}`
            v[SLOT.tenant_id] = 1 + (i % 8)
            v[SLOT.title] = `요청 ${i}`
            v[SLOT.category_id] = 1 + (i % 12)
            v[SLOT.priority] = 'P3'
            v[SLOT.status] = i % 10 === 0 ? 'OPEN' : 'DONE'
            v[SLOT.assignee_id] = 1 + (i % 20)
            v[SLOT.created_at] = created
            v[SLOT.resolved_at] = i % 10 === 0 ? null : created + 3_600_000
            v[SLOT.resolved_at_estimated] = 0
            v[SLOT.finished_at] = v[SLOT.resolved_at]
            v[SLOT.updated_at] = created + 3_600_000
            v[SLOT.reassignment_count] = 0
            v[SLOT.reopen_count] = 0
            v[SLOT.sla_target_ms] = 86_400_000
            insert.run(v)
          }
        })()
        times.push((performance.now() - t) / 1000)
      })
    }
    const { s, all: runs } = medianOf(times)
    const what = { none: 'no index', key: 'only the (source, source_id) key', all: 'all 8 indexes' }[indexes]
    out.push([
      `plain INSERT of the SR row (25 columns), ${N.toLocaleString('en-US')} rows, ${what}`,
      `${s.toFixed(2)} s`,
      `${Math.round(N / s).toLocaleString('en-US')} rows/s, median of ${RUNS} (${runs} s): SQLite alone, no writer work`,
    ])
  }
  return out
}
