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
import { judgeSr, loadPolicySet, type Judgement, type StatusChange } from '../../metrics/sla-judge'
import type { RollupSrTuple } from '../../rollups/deltas'
import { openRollupTracker } from '../../rollups/rollups'
import type { Store } from '../open-database'
import type { SrEventKind } from '../schema'
import { createLookups, type Lookups } from './lookups'
import {
  INSERT_EVENT_SQL,
  PROBE_ID,
  PROBE_UPDATED_AT,
  SLOT,
  SR_INSERT_COLUMNS,
  changedMask,
  runMaskedUpdate,
  srWriterStatements,
  type ProbedSr,
} from './sr-statements'
import { writeTransaction } from '../write-transaction'

/** One event of an SR's history as a source reports it (people by name or source id). */
export type SrEventInput = {
  at: number
  kind: SrEventKind
  fromStatus?: SrStatus | null
  toStatus?: SrStatus | null
  actor?: string | null
  assignee?: string | null
  note?: string | null
  /** The source's id of the event, when it has one: an edited event then replaces its stored copy. */
  eventId?: string | null
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

/** Inserts or updates `rows` by (source, source_id) in one transaction, deriving resolved_at/finished_at. */
export function upsertServiceRequests(
  store: Store,
  rows: readonly SrInput[],
  opts: UpsertOptions = {},
): UpsertResult {
  const { sqlite } = store
  const st = srWriterStatements(sqlite)
  // SLA/MTTR judgement (metrics/sla-judge.ts): the policy is loaded once per call; a resolved row
  // updated without events is judged on its stored status history (PENDING pauses the SLA clock).
  const policies = loadPolicySet(store)

  const run = writeTransaction(sqlite, (): UpsertResult => {
    const lookups = createLookups(sqlite)
    // BI rollups (core/rollups): each SR's old contribution out, its new one in, applied at the end.
    const rollups = openRollupTracker(sqlite)
    // Stored histories are looked up per updated SR only when some SR has one (a sync without
    // events never does).
    let eventsMayExist = st.anyEvent.get() !== undefined
    // One reused array of column values (SLOT order) instead of an array per row.
    const v: unknown[] = new Array<unknown>(SR_INSERT_COLUMNS.length)
    let tenantId = 0
    let categoryId: number | null = null
    let assigneeId: number | null = null
    let resolvedAt: number | null = null
    let judged: Judgement = NOT_JUDGED

    // Fills `v` for `row`; `storedId` is the id of the stored SR it replaces (null for a new SR).
    // With `create` false it creates no tenant, category or person and returns false when one is
    // missing: an SR inserted on a guess may turn out to be a stale copy, which must change nothing.
    const fill = (row: SrInput, storedId: number | null, create: boolean): boolean => {
      if (create) {
        tenantId = lookups.tenantId(row.tenant, row.createdAt)
        categoryId = row.category ? lookups.categoryId(row.category) : null
        // Engineers serve every tenant, so an engineer first seen here is not tied to this SR's tenant.
        assigneeId = row.assignee
          ? lookups.personId(row.source, row.assignee, 'engineer', row.createdAt, null)
          : null
      } else {
        const t = lookups.findTenantId(row.tenant)
        const c = row.category ? lookups.findCategoryId(row.category) : null
        const a = row.assignee ? lookups.findPersonId(row.source, row.assignee) : null
        if (t === undefined || c === undefined || a === undefined) return false
        tenantId = t
        categoryId = c
        assigneeId = a
      }
      const sourceResolved = row.resolvedAt ?? null
      let statusEvents: StatusEvent[] = NO_EVENTS
      if (row.events) {
        statusEvents = statusEventsOf(row.events)
      } else if (
        storedId !== null &&
        eventsMayExist &&
        sourceResolved === null &&
        RESOLVED_LIKE.includes(row.status)
      ) {
        const stored = st.storedFirstResolved.get(storedId) as { at: number | null } | undefined
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
      resolvedAt = derived.resolvedAt
      let judgeEvents: readonly StatusChange[] | null = row.events ?? null
      if (!judgeEvents && storedId !== null && eventsMayExist && resolvedAt !== null) {
        judgeEvents = st.storedStatusEvents.all(storedId) as StatusChange[]
      }
      judged = judgeSr(policies, {
        createdAt: row.createdAt,
        resolvedAt,
        priority: row.priority,
        category: row.category ?? null,
        statusEvents: judgeEvents,
      })
      v[SLOT.source] = row.source
      v[SLOT.source_id] = row.sourceId
      v[SLOT.number] = row.number ?? null
      v[SLOT.tenant_id] = tenantId
      v[SLOT.title] = row.title
      v[SLOT.category_id] = categoryId
      v[SLOT.priority] = row.priority
      v[SLOT.status] = row.status
      v[SLOT.requester] = row.requester ?? null
      v[SLOT.assignee_id] = assigneeId
      v[SLOT.created_at] = row.createdAt
      v[SLOT.first_response_at] = row.firstResponseAt ?? null
      v[SLOT.resolved_at] = resolvedAt
      v[SLOT.resolved_at_source] = sourceResolved
      v[SLOT.resolved_at_estimated] = derived.resolvedAtEstimated ? 1 : 0
      v[SLOT.closed_at] = row.closedAt ?? null
      v[SLOT.finished_at] = derived.finishedAt
      v[SLOT.updated_at] = row.updatedAt
      v[SLOT.reassignment_count] = row.reassignmentCount ?? 0
      v[SLOT.reopen_count] = row.reopenCount ?? 0
      v[SLOT.raw] = rawText(row.raw)
      v[SLOT.mttr_ms] = judged.mttrMs
      v[SLOT.sla_target_ms] = judged.slaTargetMs
      v[SLOT.sla_elapsed_ms] = judged.slaElapsedMs
      v[SLOT.sla_met] = judged.slaMet
      return true
    }

    let written = 0
    let skippedStale = 0
    let eventsWritten = 0
    // Whether the previous row was new. New rows are inserted straight away (the unique index
    // answers "exists?" as part of the INSERT); after a row that existed, rows are probed first.
    // Sync pages and demo batches are runs of one kind, so the guess is rarely wrong.
    let expectNew = true
    for (const row of rows) {
      validate(row)
      let srId = 0
      let isNew = false
      let stored: ProbedSr | undefined
      if (expectNew && fill(row, null, false)) {
        const info = st.insert.run(v)
        if (info.changes > 0) {
          isNew = true
          srId = Number(info.lastInsertRowid)
        } else expectNew = false
      }
      if (!isNew) {
        stored = st.probe.get(row.source, row.sourceId) as ProbedSr | undefined
        if (stored === undefined) {
          expectNew = true
          fill(row, null, true)
          srId = Number(st.insert.run(v).lastInsertRowid)
          isNew = true
        } else {
          if (!opts.force && (stored[PROBE_UPDATED_AT] as number) > row.updatedAt) {
            skippedStale++
            continue
          }
          srId = stored[PROBE_ID] as number
          fill(row, srId, true)
          rollups.beforeStored(stored as RollupSrTuple)
          runMaskedUpdate(st.update(changedMask(v, stored)), v, srId)
        }
      }
      if (rollups.active) {
        rollups.after({
          tenantId,
          categoryId,
          assigneeId,
          status: row.status,
          priority: row.priority,
          createdAt: row.createdAt,
          resolvedAt,
          mttrMs: judged.mttrMs,
          slaMet: judged.slaMet,
        })
      }
      written++
      if (row.events) {
        if (!isNew) st.deleteEvents.run(srId)
        for (const e of row.events) {
          st.insertEvent.run(...eventParams(srId, e, row, tenantId, lookups), e.eventId ?? null)
          eventsWritten++
        }
        if (row.events.length > 0) eventsMayExist = true
      }
    }
    rollups.finish()
    return { written, skippedStale, eventsWritten }
  })
  return run()
}

const NO_EVENTS: StatusEvent[] = []
const NOT_JUDGED: Judgement = { mttrMs: null, slaTargetMs: 0, slaElapsedMs: null, slaMet: null }

/** An event to append to an already stored SR, found by (source, sourceId). */
export type SrEventRecord = SrEventInput & { source: string; sourceId: string }

export type InsertEventsResult = {
  inserted: number
  /** Events with a source id whose stored copy differed (edited upstream): rewritten in place. */
  updated: number
  duplicates: number
  missingSr: number
}

/**
 * Appends events and re-derives resolved_at / finished_at of the SRs they belong to; a re-run is
 * harmless. An event with a source id (`eventId`) is matched by it, so an event edited upstream
 * replaces its stored copy; one without is matched by content (an exact duplicate is skipped).
 * Events of SRs not in the store are counted, not written, and handed to `onMissing` (the sync parks
 * them until their SR arrives: parked-events.ts).
 */
export function insertSrEvents(
  store: Store,
  events: readonly SrEventRecord[],
  onMissing?: (event: SrEventRecord) => void,
): InsertEventsResult {
  const { sqlite } = store
  const findSr =
    sqlite.prepare(`SELECT id, tenant_id, status, created_at, resolved_at_source, closed_at, updated_at,
    requester, priority, (SELECT name FROM categories WHERE id = category_id) AS category
    FROM service_requests WHERE source = ? AND source_id = ?`)
  const findDuplicate = sqlite.prepare(`SELECT 1 FROM sr_events WHERE sr_id = ? AND at = ? AND kind = ?
    AND from_status IS ? AND to_status IS ? AND actor_id IS ? AND assignee_id IS ? AND note IS ? LIMIT 1`)
  const insertEvent = sqlite.prepare(INSERT_EVENT_SQL)
  // Every stored copy of a source event, whichever SR of the source it is on (an event moved to
  // another SR upstream keeps its id). CROSS JOIN keeps sr_events outer: the lookup goes through
  // sr_events_event_sr_uq (source_event_id first), never through all the SRs of the source.
  const findBySourceId = sqlite
    .prepare(
      `SELECT e.id, e.sr_id, e.at, e.kind, e.from_status, e.to_status, e.actor_id, e.assignee_id, e.note
       FROM sr_events e CROSS JOIN service_requests s ON s.id = e.sr_id
       WHERE e.source_event_id = ? AND s.source = ?`,
    )
    .raw()
  const deleteEvent = sqlite.prepare('DELETE FROM sr_events WHERE id = ?')
  const findSrById =
    sqlite.prepare(`SELECT id, tenant_id, status, created_at, resolved_at_source, closed_at, updated_at,
    requester, priority, (SELECT name FROM categories WHERE id = category_id) AS category
    FROM service_requests WHERE id = ?`)
  // A stored copy without a source id (written before events kept theirs) is adopted, not doubled.
  const findUnnamedCopy = sqlite
    .prepare(
      `SELECT id FROM sr_events WHERE sr_id = ? AND at = ? AND kind = ? AND from_status IS ?
      AND to_status IS ? AND actor_id IS ? AND assignee_id IS ? AND note IS ? AND source_event_id IS NULL LIMIT 1`,
    )
    .pluck()
  const adopt = sqlite.prepare('UPDATE sr_events SET source_event_id = ? WHERE id = ?')
  const rewrite = sqlite.prepare(
    `UPDATE sr_events SET at = ?, kind = ?, from_status = ?, to_status = ?, actor_id = ?, assignee_id = ?,
     note = ? WHERE id = ?`,
  )
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

  const run = writeTransaction(sqlite, (): InsertEventsResult => {
    const lookups = createLookups(sqlite)
    const rollups = openRollupTracker(sqlite)
    const srs = new Map<string, SrRow | null>()
    const touched = new Map<number, SrRow>()
    let inserted = 0
    let updated = 0
    let duplicates = 0
    let missingSr = 0
    /** Deletes stored copies of an event that are not on `keepSr`; returns the copy on it, if any. */
    const leaveOtherSrs = (copies: unknown[][], keepSr: number | null): unknown[] | undefined => {
      let kept: unknown[] | undefined
      for (const copy of copies) {
        const srId = copy[1] as number
        if (srId === keepSr && kept === undefined) {
          kept = copy
          continue
        }
        deleteEvent.run(copy[0])
        // The SR it left is re-derived below without it (resolved_at, SLA pauses).
        if (!touched.has(srId)) {
          const old = findSrById.get(srId) as SrRow | undefined
          if (old) touched.set(srId, old)
        }
      }
      return kept
    }
    for (const e of events) {
      const key = `${e.source}\u0000${e.sourceId}`
      let sr = srs.get(key)
      if (sr === undefined) {
        sr = (findSr.get(e.source, e.sourceId) as SrRow | undefined) ?? null
        srs.set(key, sr)
      }
      if (sr === null) {
        // Moved upstream to an SR not stored yet: it leaves its old SR now and waits for the new one.
        if (e.eventId) leaveOtherSrs(findBySourceId.all(e.eventId, e.source) as unknown[][], null)
        missingSr++
        onMissing?.(e)
        continue
      }
      const params = eventParams(
        sr.id,
        e,
        { source: e.source, requester: sr.requester, createdAt: sr.created_at },
        sr.tenant_id,
        lookups,
      )
      if (e.eventId) {
        const copies = findBySourceId.all(e.eventId, e.source) as unknown[][]
        const stored = copies.length > 0 ? leaveOtherSrs(copies, sr.id) : undefined
        if (stored) {
          // stored = [id, ...the eight content params]: unchanged, or edited upstream.
          if (params.every((p, i) => p === stored[i + 1])) duplicates++
          else {
            rewrite.run(...params.slice(1), stored[0])
            updated++
            touched.set(sr.id, sr)
          }
          continue
        }
        const copy = findUnnamedCopy.get(...params) as number | undefined
        if (copy !== undefined) {
          adopt.run(e.eventId, copy)
          duplicates++
          continue
        }
      } else if (findDuplicate.get(...params)) {
        duplicates++
        continue
      }
      insertEvent.run(...params, e.eventId ?? null)
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
    return { inserted, updated, duplicates, missingSr }
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
