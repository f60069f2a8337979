// Events that reached the store before their SR (SPEC §10: a sync loses nothing). The sync pulls SRs
// and then their events; an SR created upstream between the two passes is not stored when its events
// come, and the event pass's cursor moves past them, so they are never sent again. They wait here
// until a later SR pass brings their SR, and are written then as if they had come with it.
import type { Store } from '../open-database'
import { insertSrEvents, type SrEventRecord } from './service-requests'
import { writeTransaction } from '../write-transaction'

/** How long an event waits for its SR (one deleted upstream never comes). */
export const PARKED_EVENT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000

/** Writes `events` (of SRs not stored yet) to wait for their SR. Call inside the page's transaction. */
export function parkSrEvents(store: Store, events: readonly SrEventRecord[], now: number): void {
  if (events.length === 0) return
  const park = store.sqlite.prepare(
    'INSERT INTO sr_events_parked (source, source_id, event, parked_at) VALUES (?, ?, ?, ?)',
  )
  for (const e of events) park.run(e.source, e.sourceId, JSON.stringify(e), now)
}

/**
 * Drops the parked copies of events stored since on an SR that is (call inside the page's
 * transaction). An event waiting for a new SR and then moved on upstream to a stored one would
 * otherwise be moved back to the new SR when it arrives.
 */
export function dropParkedCopies(store: Store, written: readonly SrEventRecord[]): void {
  const ids = written.filter((e) => e.eventId)
  if (ids.length === 0) return
  const { sqlite } = store
  // Almost always empty: then the page costs one query.
  if (sqlite.prepare('SELECT 1 FROM sr_events_parked LIMIT 1').get() === undefined) return
  const drop = sqlite.prepare(
    "DELETE FROM sr_events_parked WHERE source = ? AND json_extract(event, '$.eventId') = ?",
  )
  for (const e of ids) drop.run(e.source, e.eventId)
}

export type AdoptResult = {
  /** Parked events whose SR is now stored, written (duplicates of stored events are skipped). */
  adopted: number
  /** Events that waited longer than PARKED_EVENT_MAX_AGE_MS, dropped. */
  dropped: number
  /** Still waiting. */
  waiting: number
}

/**
 * Writes the parked events of `source` whose SR is stored by now, and drops those that waited too
 * long, in one transaction.
 */
export function adoptParkedSrEvents(store: Store, source: string, now: number): AdoptResult {
  const { sqlite } = store
  return writeTransaction(sqlite, (): AdoptResult => {
    const dropped = sqlite
      .prepare('DELETE FROM sr_events_parked WHERE source = ? AND parked_at < ?')
      .run(source, now - PARKED_EVENT_MAX_AGE_MS).changes
    const ready = sqlite
      .prepare(
        `SELECT p.id, p.event FROM sr_events_parked p
         WHERE p.source = ? AND EXISTS (
           SELECT 1 FROM service_requests s WHERE s.source = p.source AND s.source_id = p.source_id)
         ORDER BY p.id`,
      )
      .all(source) as { id: number; event: string }[]
    if (ready.length > 0) {
      insertSrEvents(
        store,
        ready.map((r) => JSON.parse(r.event) as SrEventRecord),
      )
      const forget = sqlite.prepare('DELETE FROM sr_events_parked WHERE id = ?')
      for (const r of ready) forget.run(r.id)
    }
    const waiting = (
      sqlite.prepare('SELECT count(*) AS n FROM sr_events_parked WHERE source = ?').get(source) as {
        n: number
      }
    ).n
    return { adopted: ready.length, dropped, waiting }
  })()
}
