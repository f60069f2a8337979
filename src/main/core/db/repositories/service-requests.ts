// Bulk writer for service requests. Plain prepared better-sqlite3 statements in one transaction: a
// query builder rebuilt per row is about ten times slower, and syncs and the demo write up to 1M rows.
// resolved_at / finished_at are derived here, once, with deriveInstants (SPEC §2), so every metric
// reads the same stored value.
import {
  PRIORITIES,
  RESOLVED_LIKE,
  SR_STATUSES,
  type Priority,
  type SrStatus,
} from '../../../../shared/domain'
import { deriveInstants, type StatusEvent } from '../../metrics/derive'
import { judgeSr, loadPolicySet, type StatusChange } from '../../metrics/sla-judge'
import { openRollupTracker } from '../../rollups/rollups'
import type { Store } from '../open-database'
import type { SrEventKind } from '../schema'
import { createLookups, type Lookups } from './lookups'

/** One event of an SR's history as a source reports it (people by name or source id). */
export type SrEventInput = {
  at: number
  kind: SrEventKind
  fromStatus?: SrStatus | null
  toStatus?: SrStatus | null
  actor?: string | null
  assignee?: string | null
  note?: string | null
}

/** An SR as a source reports it: names instead of ids, instants as epoch ms (UTC). */
export type SrInput = {
  source: string
  sourceId: string
  number?: string | null
  tenant: string
  title: string
  category?: string | null
  priority: Priority
  status: SrStatus
  requester?: string | null
  assignee?: string | null
  createdAt: number
  firstResponseAt?: number | null
  /** resolved_at as the source gave it (null when it lacks one: derived from events/closed_at/updated_at). */
  resolvedAt?: number | null
  closedAt?: number | null
  updatedAt: number
  reassignmentCount?: number
  reopenCount?: number
  /** The source's record for provenance: JSON text, or a value to serialise. */
  raw?: unknown
  /** The SR's full history when the source provides it; replaces the stored events of this SR. */
  events?: readonly SrEventInput[]
}

export type UpsertOptions = {
  /** Overwrite even when the stored row has a later updated_at (default: keep the newer row). */
  force?: boolean
}

export type UpsertResult = { written: number; skippedStale: number; eventsWritten: number }

const STATUS_SET: ReadonlySet<string> = new Set(SR_STATUSES)
const PRIORITY_SET: ReadonlySet<string> = new Set(PRIORITIES)

const SR_COLUMNS = `source, source_id, number, tenant_id, title, category_id, priority, status, requester,
  assignee_id, created_at, first_response_at, resolved_at, resolved_at_source, resolved_at_estimated, closed_at,
  finished_at, updated_at, reassignment_count, reopen_count, raw, mttr_ms, sla_target_ms, sla_elapsed_ms, sla_met`
const INSERT_SR_SQL = `INSERT INTO service_requests (${SR_COLUMNS}) VALUES (${Array(25).fill('?').join(', ')})`
// Same column order as INSERT (source and source_id are the key and stay unchanged), then the id.
const UPDATE_SR_SQL = `UPDATE service_requests SET source = ?, source_id = ?, number = ?, tenant_id = ?, title = ?,
  category_id = ?, priority = ?, status = ?, requester = ?, assignee_id = ?, created_at = ?, first_response_at = ?,
  resolved_at = ?, resolved_at_source = ?, resolved_at_estimated = ?, closed_at = ?, finished_at = ?, updated_at = ?,
  reassignment_count = ?, reopen_count = ?, raw = ?, mttr_ms = ?, sla_target_ms = ?, sla_elapsed_ms = ?,
  sla_met = ? WHERE id = ?`

const INSERT_EVENT_SQL = `INSERT INTO sr_events (sr_id, at, kind, from_status, to_status, actor_id, assignee_id, note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

/** Inserts or updates `rows` by (source, source_id) in one transaction, deriving resolved_at/finished_at. */
export function upsertServiceRequests(
  store: Store,
  rows: readonly SrInput[],
  opts: UpsertOptions = {},
): UpsertResult {
  const { sqlite } = store
  // A separate lookup + INSERT/UPDATE instead of INSERT … ON CONFLICT … RETURNING: RETURNING costs
  // more than the index probe, and knowing "new row" lets us skip deleting events that cannot exist.
  const findExisting = sqlite.prepare(
    'SELECT id, updated_at FROM service_requests WHERE source = ? AND source_id = ?',
  )
  const insertSr = sqlite.prepare(INSERT_SR_SQL)
  const updateSr = sqlite.prepare(UPDATE_SR_SQL)
  const deleteEvents = sqlite.prepare('DELETE FROM sr_events WHERE sr_id = ?')
  const insertEvent = sqlite.prepare(INSERT_EVENT_SQL)
  // Only for resolved-like rows without a source resolved_at and no events in the input: the stored
  // history (from an earlier sync or insertSrEvents) may still say when it was resolved.
  const storedFirstResolved = sqlite.prepare(
    "SELECT MIN(at) AS at FROM sr_events WHERE sr_id = ? AND kind = 'status' AND to_status IN ('RESOLVED', 'DONE')",
  )
  // SLA/MTTR judgement (metrics/sla-judge.ts): the policy is loaded once per call; a resolved row
  // updated without events is judged on its stored status history (PENDING pauses the SLA clock).
  const policies = loadPolicySet(store)
  const storedStatusEvents = sqlite.prepare(
    "SELECT at, from_status AS fromStatus, to_status AS toStatus FROM sr_events WHERE sr_id = ? AND kind = 'status'",
  )

  const run = sqlite.transaction((): UpsertResult => {
    const lookups = createLookups(sqlite)
    // BI rollups (core/rollups): each SR's old contribution out, its new one in, applied at the end.
    const rollups = openRollupTracker(sqlite)
    let written = 0
    let skippedStale = 0
    let eventsWritten = 0
    for (const row of rows) {
      validate(row)
      const existing = findExisting.get(row.source, row.sourceId) as
        { id: number; updated_at: number } | undefined
      if (existing && !opts.force && existing.updated_at > row.updatedAt) {
        skippedStale++
        continue
      }
      const tenantId = lookups.tenantId(row.tenant, row.createdAt)
      const categoryId = row.category ? lookups.categoryId(row.category) : null
      // Engineers serve every tenant, so an engineer first seen here is not tied to this SR's tenant.
      const assigneeId = row.assignee
        ? lookups.personId(row.source, row.assignee, 'engineer', row.createdAt, null)
        : null
      const sourceResolved = row.resolvedAt ?? null
      let statusEvents: StatusEvent[] = []
      if (row.events) {
        statusEvents = statusEventsOf(row.events)
      } else if (existing && sourceResolved === null && RESOLVED_LIKE.includes(row.status)) {
        const stored = storedFirstResolved.get(existing.id) as { at: number | null } | undefined
        if (stored?.at != null) statusEvents = [{ at: stored.at, toStatus: 'RESOLVED' }]
      }
      const derived = deriveInstants(
        {
          status: row.status,
          createdAt: row.createdAt,
          resolvedAt: sourceResolved,
          closedAt: row.closedAt ?? null,
          updatedAt: row.updatedAt,
        },
        statusEvents,
      )
      let judgeEvents: readonly StatusChange[] | null = row.events ?? null
      if (!judgeEvents && existing && derived.resolvedAt !== null) {
        judgeEvents = storedStatusEvents.all(existing.id) as StatusChange[]
      }
      const judged = judgeSr(policies, {
        createdAt: row.createdAt,
        resolvedAt: derived.resolvedAt,
        priority: row.priority,
        category: row.category ?? null,
        statusEvents: judgeEvents,
      })
      const params = [
        row.source,
        row.sourceId,
        row.number ?? null,
        tenantId,
        row.title,
        categoryId,
        row.priority,
        row.status,
        row.requester ?? null,
        assigneeId,
        row.createdAt,
        row.firstResponseAt ?? null,
        derived.resolvedAt,
        sourceResolved,
        derived.resolvedAtEstimated ? 1 : 0,
        row.closedAt ?? null,
        derived.finishedAt,
        row.updatedAt,
        row.reassignmentCount ?? 0,
        row.reopenCount ?? 0,
        rawText(row.raw),
        judged.mttrMs,
        judged.slaTargetMs,
        judged.slaElapsedMs,
        judged.slaMet,
      ]
      let srId: number
      if (existing) {
        rollups.before(existing.id)
        updateSr.run(...params, existing.id)
        srId = existing.id
      } else {
        srId = Number(insertSr.run(...params).lastInsertRowid)
      }
      rollups.after({
        tenantId,
        categoryId,
        assigneeId,
        status: row.status,
        priority: row.priority,
        createdAt: row.createdAt,
        resolvedAt: derived.resolvedAt,
        mttrMs: judged.mttrMs,
        slaMet: judged.slaMet,
      })
      written++
      if (row.events) {
        if (existing) deleteEvents.run(srId)
        for (const e of row.events) {
          insertEvent.run(...eventParams(srId, e, row, tenantId, lookups))
          eventsWritten++
        }
      }
    }
    rollups.finish()
    return { written, skippedStale, eventsWritten }
  })
  return run()
}

/** An event to append to an already stored SR, found by (source, sourceId). */
export type SrEventRecord = SrEventInput & { source: string; sourceId: string }

export type InsertEventsResult = { inserted: number; duplicates: number; missingSr: number }

/**
 * Appends events (skipping exact duplicates, so a re-run is harmless) and re-derives resolved_at /
 * finished_at of the SRs they belong to. Events of SRs not in the store are counted, not written.
 */
export function insertSrEvents(store: Store, events: readonly SrEventRecord[]): InsertEventsResult {
  const { sqlite } = store
  const findSr =
    sqlite.prepare(`SELECT id, tenant_id, status, created_at, resolved_at_source, closed_at, updated_at,
    requester, priority, (SELECT name FROM categories WHERE id = category_id) AS category
    FROM service_requests WHERE source = ? AND source_id = ?`)
  const findDuplicate = sqlite.prepare(`SELECT 1 FROM sr_events WHERE sr_id = ? AND at = ? AND kind = ?
    AND from_status IS ? AND to_status IS ? AND actor_id IS ? AND assignee_id IS ? AND note IS ? LIMIT 1`)
  const insertEvent = sqlite.prepare(INSERT_EVENT_SQL)
  const statusHistory = sqlite.prepare(
    "SELECT at, from_status AS fromStatus, to_status AS toStatus FROM sr_events WHERE sr_id = ? AND kind = 'status' AND to_status IS NOT NULL",
  )
  const updateDerived = sqlite.prepare(
    `UPDATE service_requests SET resolved_at = ?, resolved_at_estimated = ?, finished_at = ?, mttr_ms = ?,
     sla_target_ms = ?, sla_elapsed_ms = ?, sla_met = ? WHERE id = ?`,
  )
  const policies = loadPolicySet(store)
  type SrRow = {
    id: number
    tenant_id: number
    status: SrStatus
    created_at: number
    resolved_at_source: number | null
    closed_at: number | null
    updated_at: number
    requester: string | null
    priority: Priority
    category: string | null
  }

  const run = sqlite.transaction((): InsertEventsResult => {
    const lookups = createLookups(sqlite)
    const rollups = openRollupTracker(sqlite)
    const srs = new Map<string, SrRow | null>()
    const touched = new Map<number, SrRow>()
    let inserted = 0
    let duplicates = 0
    let missingSr = 0
    for (const e of events) {
      const key = `${e.source}\u0000${e.sourceId}`
      let sr = srs.get(key)
      if (sr === undefined) {
        sr = (findSr.get(e.source, e.sourceId) as SrRow | undefined) ?? null
        srs.set(key, sr)
      }
      if (sr === null) {
        missingSr++
        continue
      }
      const params = eventParams(
        sr.id,
        e,
        { source: e.source, requester: sr.requester, createdAt: sr.created_at },
        sr.tenant_id,
        lookups,
      )
      if (findDuplicate.get(...params)) {
        duplicates++
        continue
      }
      insertEvent.run(...params)
      inserted++
      touched.set(sr.id, sr)
    }
    for (const sr of touched.values()) {
      const history = statusHistory.all(sr.id) as (StatusEvent & StatusChange)[]
      const derived = deriveInstants(
        {
          status: sr.status,
          createdAt: sr.created_at,
          resolvedAt: sr.resolved_at_source,
          closedAt: sr.closed_at,
          updatedAt: sr.updated_at,
        },
        history,
      )
      const judged = judgeSr(policies, {
        createdAt: sr.created_at,
        resolvedAt: derived.resolvedAt,
        priority: sr.priority,
        category: sr.category,
        statusEvents: history,
      })
      rollups.before(sr.id)
      updateDerived.run(
        derived.resolvedAt,
        derived.resolvedAtEstimated ? 1 : 0,
        derived.finishedAt,
        judged.mttrMs,
        judged.slaTargetMs,
        judged.slaElapsedMs,
        judged.slaMet,
        sr.id,
      )
      rollups.afterStored(sr.id)
    }
    rollups.finish()
    return { inserted, duplicates, missingSr }
  })
  return run()
}

/** Number of SRs in the store (all sources). */
export function countServiceRequests(store: Store): number {
  const row = store.sqlite.prepare('SELECT COUNT(*) AS n FROM service_requests').get() as { n: number }
  return row.n
}

type EventParams = [
  number,
  number,
  string,
  string | null,
  string | null,
  number | null,
  number | null,
  string | null,
]

function eventParams(
  srId: number,
  e: SrEventInput,
  sr: { source: string; requester?: string | null; createdAt: number },
  tenantId: number,
  lookups: Lookups,
): EventParams {
  // An unknown actor who is the SR's requester is a requester of its tenant; anyone else is staff.
  const isRequester = e.actor != null && e.actor === sr.requester
  const actorId = e.actor
    ? lookups.personId(
        sr.source,
        e.actor,
        isRequester ? 'requester' : 'engineer',
        e.at,
        isRequester ? tenantId : null,
      )
    : null
  const assigneeId = e.assignee ? lookups.personId(sr.source, e.assignee, 'engineer', e.at, null) : null
  return [srId, e.at, e.kind, e.fromStatus ?? null, e.toStatus ?? null, actorId, assigneeId, e.note ?? null]
}

function statusEventsOf(events: readonly SrEventInput[]): StatusEvent[] {
  const out: StatusEvent[] = []
  for (const e of events) {
    if (e.kind === 'status' && e.toStatus) out.push({ at: e.at, toStatus: e.toStatus })
  }
  return out
}

function rawText(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null
  return typeof raw === 'string' ? raw : JSON.stringify(raw)
}

function validate(row: SrInput): void {
  if (!STATUS_SET.has(row.status))
    throw new Error(`SR ${row.source}/${row.sourceId}: unknown status "${row.status}"`)
  if (!PRIORITY_SET.has(row.priority)) {
    throw new Error(`SR ${row.source}/${row.sourceId}: unknown priority "${row.priority}"`)
  }
  if (!Number.isFinite(row.createdAt) || !Number.isFinite(row.updatedAt)) {
    throw new Error(`SR ${row.source}/${row.sourceId}: created_at and updated_at must be epoch milliseconds`)
  }
}
