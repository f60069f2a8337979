// Prepared statements of the SR writer, prepared once per connection (a sync writes page after page,
// and preparing seven statements per page costs more than a small page's rows).
//
// UPDATEs set only what can matter: SQLite rewrites an index entry whenever one of its columns is in
// the SET list, even when the value is unchanged, and the rollup guard trigger fires the same way.
// So the indexed and rollup columns are set only when they differ from the stored row (read by the
// same probe that finds it); a re-synced SR whose status, people and instants did not change
// rewrites its row and none of the eight indexes.
import type Database from 'better-sqlite3'

/** Columns in INSERT order; the writer fills a reused array of values in this order. */
export const SR_INSERT_COLUMNS = [
  'source',
  'source_id',
  'number',
  'tenant_id',
  'title',
  'category_id',
  'priority',
  'status',
  'requester',
  'assignee_id',
  'created_at',
  'first_response_at',
  'resolved_at',
  'resolved_at_source',
  'resolved_at_estimated',
  'closed_at',
  'finished_at',
  'updated_at',
  'reassignment_count',
  'reopen_count',
  'raw',
  'mttr_ms',
  'sla_target_ms',
  'sla_elapsed_ms',
  'sla_met',
] as const

/** Slot of each column in the values array. */
export const SLOT = Object.fromEntries(SR_INSERT_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof SR_INSERT_COLUMNS)[number],
  number
>

/**
 * The probe's columns: the rollup columns first, in rollups/deltas.ts ROLLUP_SR_SELECT order (so the
 * probed row is a RollupSrTuple as it stands), then id and updated_at.
 */
const PROBE_COLUMNS = [
  'tenant_id',
  'category_id',
  'assignee_id',
  'status',
  'priority',
  'created_at',
  'resolved_at',
  'mttr_ms',
  'sla_met',
] as const
/** Index of id and updated_at in a probed row. */
export const PROBE_ID = PROBE_COLUMNS.length
export const PROBE_UPDATED_AT = PROBE_COLUMNS.length + 1
/** Values slot of each probed column: bit k of an update mask is PROBE_COLUMNS[k]. */
const PROBE_SLOTS = PROBE_COLUMNS.map((c) => SLOT[c])
/** Columns every UPDATE sets: no index and no rollup depends on them (source/source_id are the key). */
const ALWAYS_SLOTS = SR_INSERT_COLUMNS.map((c, i) => [c, i] as const)
  .filter(([c]) => c !== 'source' && c !== 'source_id' && !(PROBE_COLUMNS as readonly string[]).includes(c))
  .map(([, i]) => i)

/** One stored SR as the probe returns it (raw row). */
export type ProbedSr = unknown[]

export type MaskedUpdate = {
  stmt: Database.Statement
  /** Values slots bound in order; the SR id follows. */
  slots: number[]
  /** Reused parameter array (slots.length + 1). */
  params: unknown[]
}

export type SrWriterStatements = {
  /** Raw row: PROBE_COLUMNS, id, updated_at; by (source, source_id). */
  probe: Database.Statement
  /** INSERT … ON CONFLICT (source, source_id) DO NOTHING: changes 0 means the SR exists. */
  insert: Database.Statement
  deleteEvents: Database.Statement
  insertEvent: Database.Statement
  storedFirstResolved: Database.Statement
  storedStatusEvents: Database.Statement
  anyEvent: Database.Statement
  /** The UPDATE setting the always-set columns plus the probed columns of `mask`. */
  update(mask: number): MaskedUpdate
}

/** Parameters: the eight content columns (eventParams order), then source_event_id. */
const INSERT_EVENT_SQL = `INSERT INTO sr_events (sr_id, at, kind, from_status, to_status, actor_id, assignee_id, note,
source_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

const cache = new WeakMap<Database.Database, SrWriterStatements>()

/** The writer's statements for `sqlite`, prepared on first use. */
export function srWriterStatements(sqlite: Database.Database): SrWriterStatements {
  const hit = cache.get(sqlite)
  if (hit) return hit
  const updates = new Map<number, MaskedUpdate>()
  const statements: SrWriterStatements = {
    probe: sqlite
      .prepare(
        `SELECT ${PROBE_COLUMNS.join(', ')}, id, updated_at FROM service_requests WHERE source = ? AND source_id = ?`,
      )
      .raw(),
    insert: sqlite.prepare(
      `INSERT INTO service_requests (${SR_INSERT_COLUMNS.join(', ')})
       VALUES (${SR_INSERT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (source, source_id) DO NOTHING`,
    ),
    deleteEvents: sqlite.prepare('DELETE FROM sr_events WHERE sr_id = ?'),
    insertEvent: sqlite.prepare(INSERT_EVENT_SQL),
    // Only for resolved-like rows without a source resolved_at and no events in the input: the stored
    // history (from an earlier sync or insertSrEvents) may still say when it was resolved.
    storedFirstResolved: sqlite.prepare(
      "SELECT MIN(at) AS at FROM sr_events WHERE sr_id = ? AND kind = 'status' AND to_status IN ('RESOLVED', 'DONE')",
    ),
    storedStatusEvents: sqlite.prepare(
      "SELECT at, from_status AS fromStatus, to_status AS toStatus FROM sr_events WHERE sr_id = ? AND kind = 'status'",
    ),
    anyEvent: sqlite.prepare('SELECT 1 FROM sr_events LIMIT 1').pluck(),
    update(mask) {
      let u = updates.get(mask)
      if (!u) {
        const slots = [...ALWAYS_SLOTS, ...PROBE_SLOTS.filter((_, k) => (mask & (1 << k)) !== 0)]
        const set = slots.map((s) => `${SR_INSERT_COLUMNS[s]} = ?`).join(', ')
        u = {
          stmt: sqlite.prepare(`UPDATE service_requests SET ${set} WHERE id = ?`),
          slots,
          params: new Array<unknown>(slots.length + 1),
        }
        updates.set(mask, u)
      }
      return u
    },
  }
  cache.set(sqlite, statements)
  return statements
}

/** Bit k set when probed column k differs from the value about to be written. */
export function changedMask(values: readonly unknown[], stored: ProbedSr): number {
  let mask = 0
  for (let k = 0; k < PROBE_SLOTS.length; k++) {
    if (values[PROBE_SLOTS[k] as number] !== stored[k]) mask |= 1 << k
  }
  return mask
}

/** Runs the UPDATE of `mask` for SR `id` with `values`. */
export function runMaskedUpdate(u: MaskedUpdate, values: readonly unknown[], id: number): void {
  const { slots, params } = u
  for (let i = 0; i < slots.length; i++) params[i] = values[slots[i] as number]
  params[slots.length] = id
  u.stmt.run(params)
}

export { INSERT_EVENT_SQL }
