// The BI rollups' life cycle: which zone they are built for, whether they can be trusted, the
// writer's tracker that keeps them current, and a full rebuild (after the demo generator, an
// untracked delete or update, or a change of the workspace zone).
//
// Contract with writers: every INSERT into service_requests goes through the SR writer
// (db/repositories/service-requests.ts), which opens a tracker per transaction. Deletes and updates
// of the rollup columns by anyone else are caught by guard triggers (migration 0002) that mark the
// rollups stale; the next widget request for the workspace zone rebuilds them (about 2 s at 1M SRs).
import type Database from 'better-sqlite3'
import type { Store } from '../db/open-database'
import { ROLLUP_SR_SELECT, RollupAccumulator, tupleToSr, type RollupSr, type RollupSrTuple } from './deltas'
import { writeTransaction } from '../db/write-transaction'

export type RollupState = { zone: string | null; stale: boolean; builtAt: number | null }

/** Reads the rollups' state row. */
export function readRollupState(sqlite: Database.Database): RollupState {
  const row = sqlite.prepare('SELECT zone, stale, built_at FROM sr_rollup_state WHERE id = 1').get() as
    { zone: string | null; stale: number; built_at: number | null } | undefined
  if (!row) return { zone: null, stale: true, builtAt: null }
  return { zone: row.zone, stale: row.stale !== 0, builtAt: row.built_at }
}

/** Marks the rollups untrustworthy (bulk writers that bypass the tracker call this). */
export function markRollupsStale(store: Store): void {
  store.sqlite.prepare('UPDATE sr_rollup_state SET stale = 1 WHERE id = 1').run()
}

const FLUSH_AT = 50_000

/** Rebuilds all four rollup tables from the stored SRs for `zone`, in one transaction. */
export function rebuildRollups(store: Store, zone: string, now: number = Date.now()): { ms: number } {
  const started = performance.now()
  const { sqlite } = store
  writeTransaction(sqlite, () => {
    sqlite.exec(`DELETE FROM sr_rollup_tenant_daily; DELETE FROM sr_rollup_category_daily;
      DELETE FROM sr_rollup_status_daily; DELETE FROM sr_rollup_assignee_daily;`)
    const acc = new RollupAccumulator(zone)
    // better-sqlite3 cannot write while a statement iterates, so read in id-ordered chunks.
    const chunk = sqlite
      .prepare(`SELECT id, ${ROLLUP_SR_SELECT} FROM service_requests WHERE id > ? ORDER BY id LIMIT ?`)
      .raw()
    let after = 0
    for (;;) {
      const rows = chunk.all(after, FLUSH_AT) as [number, ...RollupSrTuple][]
      const last = rows[rows.length - 1]
      if (!last) break
      for (const r of rows) acc.apply(tupleToSr(r.slice(1) as RollupSrTuple), 1)
      after = last[0]
    }
    // Everything in one flush: plain INSERTs into the emptied tables (a few hundred thousand keys
    // at most: days × tenants × categories/assignees).
    acc.flush(sqlite, true)
    sqlite
      .prepare('UPDATE sr_rollup_state SET zone = ?, stale = 0, tracking = 0, built_at = ? WHERE id = 1')
      .run(zone, now)
  })()
  return { ms: Math.round(performance.now() - started) }
}

/**
 * True when the rollups answer for `zone`. When they are stale or built for another zone and
 * `zone` is the workspace zone, they are rebuilt first; any other zone (a one-off `--tz`) is
 * answered from the SRs themselves, so the rollups never flip between zones.
 */
export function ensureRollups(store: Store, zone: string, workspaceZone: string): boolean {
  const state = readRollupState(store.sqlite)
  if (state.zone === zone && !state.stale) return true
  if (zone !== workspaceZone) return false
  try {
    rebuildRollups(store, zone)
    return true
  } catch {
    // E.g. SQLITE_BUSY while a long sync transaction holds the write lock: answer from the rows
    // now (correct, slower) and try again on the next request.
    return false
  }
}

/** What the SR writer calls inside its transaction to keep the rollups current. */
export type RollupTracker = {
  /** False while the rollups are not built or stale: the writer may skip building `after` inputs. */
  readonly active: boolean
  /** Before an existing SR is rewritten: takes away its stored contribution. */
  before(srId: number): void
  /** Like `before`, with the stored columns the writer already read (ROLLUP_SR_SELECT order). */
  beforeStored(stored: RollupSrTuple): void
  /** After an SR is written, with the values written. */
  after(sr: RollupSr): void
  /** After an SR was rewritten by SQL: adds its stored contribution. */
  afterStored(srId: number): void
  /** At the end of the transaction: applies the deltas. */
  finish(): void
}

const INACTIVE: RollupTracker = {
  active: false,
  before() {},
  beforeStored() {},
  after() {},
  afterStored() {},
  finish() {},
}

/**
 * Opens a tracker for one writer transaction (call inside it). While the rollups are not built or
 * stale, it does nothing: the next rebuild counts everything anyway.
 */
export function openRollupTracker(sqlite: Database.Database): RollupTracker {
  const state = readRollupState(sqlite)
  if (state.zone === null || state.stale) return INACTIVE
  sqlite.prepare('UPDATE sr_rollup_state SET tracking = 1 WHERE id = 1').run()
  const acc = new RollupAccumulator(state.zone)
  const read = sqlite.prepare(`SELECT ${ROLLUP_SR_SELECT} FROM service_requests WHERE id = ?`).raw()
  const stored = (id: number, sign: 1 | -1) => {
    const t = read.get(id) as RollupSrTuple | undefined
    if (t) acc.apply(tupleToSr(t), sign)
  }
  return {
    active: true,
    before: (id) => stored(id, -1),
    beforeStored: (t) => acc.apply(tupleToSr(t), -1),
    after: (sr) => {
      acc.apply(sr, 1)
      if (acc.size > FLUSH_AT) acc.flush(sqlite)
    },
    afterStored: (id) => stored(id, 1),
    finish: () => {
      acc.flush(sqlite)
      sqlite.prepare('UPDATE sr_rollup_state SET tracking = 0 WHERE id = 1').run()
    },
  }
}
