// One writer per entity: how a page of canonical rows reaches the store.
import type { Store } from '../db/open-database'
import { upsertDeployments, upsertFeatureUsage } from '../db/repositories/ops-feeds'
import { upsertPeople } from '../db/repositories/people'
import { dropParkedCopies, parkSrEvents } from '../db/repositories/parked-events'
import {
  insertSrEvents,
  upsertServiceRequests,
  type SrEventRecord,
} from '../db/repositories/service-requests'
import { ensureCategories, ensureTenants } from '../db/repositories/tenants'
import type { EntityRows, SyncEntity } from '../sources/types'

type Writers = { [E in SyncEntity]: (store: Store, rows: EntityRows[E], now: number) => void }

const WRITERS: Writers = {
  tenants: (store, rows) => ensureTenants(store, rows),
  categories: (store, rows) => ensureCategories(store, rows),
  people: (store, rows) => void upsertPeople(store, rows),
  // A source serves each SR as it is now, so its copy replaces the stored one even when stamped
  // earlier: a row stamped in the future by a wrong clock and then corrected upstream (as the ITSM
  // protocol asks, §3), or a source restored from a backup. Kept as "newer", the future copy hid
  // every change until its stamp. (A file import keeps the newer row: an old export may come late.)
  srs: (store, rows) => void upsertServiceRequests(store, rows, { force: true }),
  // Events of an SR created upstream after this run's SR pass wait for it (parked-events.ts). An
  // event is where its last copy in the page puts it: parked for its new SR, or stored, and then
  // no parked copy of it is left to move it back when the SR it waited for arrives.
  sr_events: (store, rows, now) => {
    const early = new Set<SrEventRecord>()
    insertSrEvents(store, rows, (e) => early.add(e))
    const last = new Map<string, SrEventRecord>()
    for (const e of rows) if (e.eventId) last.set(e.eventId, e)
    const final = (e: SrEventRecord): boolean => !e.eventId || last.get(e.eventId) === e
    dropParkedCopies(
      store,
      rows.filter((e) => !early.has(e) && final(e)),
    )
    parkSrEvents(store, [...early].filter(final), now)
  },
  deployments: (store, rows) => void upsertDeployments(store, rows),
  feature_usage: (store, rows) => void upsertFeatureUsage(store, rows),
}

/** Writes `rows` of `entity` (called inside the page's transaction). */
export function writeRows<E extends SyncEntity>(
  store: Store,
  entity: E,
  rows: EntityRows[E],
  now: number,
): void {
  ;(WRITERS[entity] as (store: Store, rows: EntityRows[E], now: number) => void)(store, rows, now)
}
