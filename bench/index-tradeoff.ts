// What the SR table's seven secondary indexes buy on the read side, for the upsert goal's trade-off
// (the write side is in sync.ts: the SR writer with fewer indexes). The same reads are timed with
// every index and with only the (source, source_id) key (once each: they take up to seconds then).
// Runs last in `npm run bench`
// because it drops the bench workspace's indexes; `npx tsx bench/index-tradeoff.ts --data-dir DIR`
// measures a copy of an existing workspace (the workspace itself is left as it is).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tenantBenchmark } from '../src/main/core/analytics/cohorts/benchmark'
import { tenantGrowth } from '../src/main/core/analytics/cohorts/tenant-growth'
import type { Store } from '../src/main/core/db/open-database'
import { DATABASE_FILE, openWorkspace } from '../src/main/core/workspace'
import { benchBi } from './bi-context'
import { median } from './median'

const DAY = 86_400_000

/**
 * A partial index of the open SRs, for the writer's "key + open" row in sync.ts. The condition is
 * written with OR, not IN (…): SQLite evaluates a partial index's IN list per row through an ephemeral
 * table, which cost more than the index itself (+1.2 µs a row; the schema's CHECK constraints are
 * written with OR for the same reason).
 */
export const OPEN_SR_INDEX_SQL = `CREATE INDEX sr_open_floor_idx ON service_requests (status, tenant_id, created_at)
  WHERE status = 'OPEN' OR status = 'IN_PROGRESS' OR status = 'PENDING'`

/** Drops every index of the SR table except the (source, source_id) key. */
export function dropSecondaryIndexes(store: Store): void {
  const names = store.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'service_requests' AND sql IS NOT NULL AND name <> 'sr_source_uq'",
    )
    .pluck()
    .all() as string[]
  for (const name of names) store.sqlite.exec(`DROP INDEX ${name}`)
}

/** Rows for the measurement table: one per read, its median with each index set. */
export function indexTradeoffBench(store: Store, asOf: number): [string, string, string][] {
  const { h, cards, filter, q } = benchBi(store, asOf)
  const { sqlite } = store
  // The busiest engineer and the smallest category of the last 30 days, and the first tenant.
  const since = asOf - 30 * DAY
  const engineer = sqlite
    .prepare(
      'SELECT assignee_id FROM service_requests WHERE created_at >= ? AND assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1',
    )
    .pluck()
    .get(since) as number
  const category = sqlite
    .prepare(
      'SELECT c.name FROM service_requests s JOIN categories c ON c.id = s.category_id WHERE s.created_at >= ? GROUP BY c.id ORDER BY count(*) LIMIT 1',
    )
    .pluck()
    .get(since) as string
  const tenant = sqlite.prepare('SELECT name FROM tenants ORDER BY id LIMIT 1').pluck().get() as string
  const drill = (req: object) => () => h['bi:drill-down']({ ...filter, ...req } as never)
  const reads: [string, () => unknown][] = [
    ['overview cards', () => cards(filter)],
    ['drill-down: open SRs (overview card)', drill({ widget: 'overview', series: 'open_sr' })],
    ["drill-down: busiest engineer's SRs, 30 days", drill({ widget: 'engineer-load', assignee: engineer })],
    ['drill-down: smallest category, 30 days', drill({ widget: 'category-pie', category })],
    [
      'drill-down: SLA late list, 12 weeks (latest resolved first)',
      drill({ widget: 'sla-heatmap', series: 'late' }),
    ],
    ['drill-down: funnel DONE, 30 days', drill({ widget: 'resolution-funnel', stage: 'DONE' })],
    ['cohort benchmark (one tenant against all)', () => tenantBenchmark(store, { ...q, tenants: [tenant] })],
    ['cohort tenant-growth', () => tenantGrowth(store, q)],
  ]
  const all = reads.map(([, fn]) => median(fn, 5, 1))
  dropSecondaryIndexes(store)
  const keyOnly = reads.map(([, fn]) => median(fn, 1, 0))
  const ms = (v: number | undefined): string => `${(v ?? Number.NaN).toFixed(1)} ms`
  return reads.map(([name], i) => [
    `${name}, median: all 8 indexes`,
    ms(all[i]),
    `only the (source, source_id) key (one run): ${ms(keyOnly[i])}, ${((keyOnly[i] ?? 0) / (all[i] ?? 1)).toFixed(0)}× slower`,
  ])
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const i = process.argv.indexOf('--data-dir')
  const source = i >= 0 ? process.argv[i + 1] : undefined
  if (!source) throw new Error('usage: npx tsx bench/index-tradeoff.ts --data-dir DIR [--as-of ISO]')
  const j = process.argv.indexOf('--as-of')
  // A copy: the indexes are dropped. Checkpoint the source first so the copy holds every commit.
  const src = openWorkspace({ dataDir: source })
  src.store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const newest = src.store.sqlite.prepare('SELECT max(created_at) FROM service_requests').pluck().get() as
    number | null
  src.close()
  const asOf = j >= 0 ? Date.parse(process.argv[j + 1] ?? '') : (newest ?? Date.now())
  if (Number.isNaN(asOf)) throw new Error('--as-of takes an ISO instant')
  const dir = mkdtempSync(join(tmpdir(), 'ops-bench-indexes-'))
  try {
    copyFileSync(join(source, DATABASE_FILE), join(dir, DATABASE_FILE))
    const ws = openWorkspace({ dataDir: dir })
    try {
      console.log(`as-of ${new Date(asOf).toISOString()}\n| measurement | result | note |\n|---|---|---|`)
      for (const r of indexTradeoffBench(ws.store, asOf)) console.log(`| ${r.join(' | ')} |`)
    } finally {
      ws.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
