// People as sources (or the demo) describe them: engineers, requesters, managers, admins.
import type Database from 'better-sqlite3'
import { readRollupState } from '../../rollups/rollups'
import type { Store } from '../open-database'
import type { PersonRole } from '../schema'
import { createLookups } from './lookups'
import { writeTransaction } from '../write-transaction'

export type PersonInput = {
  source: string
  sourceId: string
  name: string
  email?: string | null
  role: PersonRole
  /** Tenant name; null for staff not tied to one institution. */
  tenant?: string | null
  createdAt: number
  lastActiveAt?: number | null
}

/**
 * Inserts or updates people by (source, source_id) in one transaction; returns sourceId → id.
 *
 * A person the source names in an SR or event before serving them (one added upstream after the
 * run's people pass, so the SR pass meets the name first) was created then with the name as its
 * source_id (lookups.ts). When the person comes with their own id, that row becomes theirs (same
 * row id, so the SRs and events already pointing at it stay theirs), instead of a second person of
 * the same name beside it: the first holding the SRs without e-mail, tenant or activity, the second
 * holding those without SRs, and both counted by the user-retention cohorts.
 *
 * A known person served under a new name is renamed in place (same row id, so their SRs and events
 * follow). SRs that named them by the old name as requester (a text column, matched to people by
 * name), and events still waiting for their SR, are rewritten to the new name, as a fresh sync of
 * the renamed server would have them, when the old name was theirs alone. And when a person created from the new name exists (SRs or events
 * read with the new name before /people served the rename: renamed between a sync's people and SR
 * passes), it is the same person: it is merged into the renamed one (mergePerson).
 */
export function upsertPeople(store: Store, rows: readonly PersonInput[]): Map<string, number> {
  const { sqlite } = store
  // A row created from a name alone: source_id is the name, and nothing a people feed sets is there.
  const adopt = sqlite.prepare(`UPDATE people SET source_id = @sourceId
    WHERE source = @source AND source_id = @name AND name = @name AND email IS NULL
      AND last_active_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM people WHERE source = @source AND source_id = @sourceId)`)
  const findServed = sqlite.prepare(
    'SELECT id, name, tenant_id FROM people WHERE source = ? AND source_id = ?',
  )
  const findNameOnly = sqlite
    .prepare(
      `SELECT id FROM people WHERE source = @source AND source_id = @name AND name = @name
         AND email IS NULL AND last_active_at IS NULL AND id <> @id`,
    )
    .pluck()
  const upsert =
    sqlite.prepare(`INSERT INTO people (source, source_id, tenant_id, name, email, role, created_at,
      last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(source, source_id) DO UPDATE SET tenant_id = excluded.tenant_id, name = excluded.name,
      email = excluded.email, role = excluded.role, created_at = excluded.created_at,
      last_active_at = COALESCE(excluded.last_active_at, people.last_active_at)
    RETURNING id`)
  return writeTransaction(sqlite, () => {
    const lookups = createLookups(sqlite)
    const ids = new Map<string, number>()
    // Ids served in this call: a row whose id is its name and is served here is a person of its own.
    const servedKeys = new Set(rows.map((p) => `${p.source}\u0000${p.sourceId}`))
    // Per source, how many people held each name (or source id) before this call: a requester's old
    // name is rewritten only when it was one person's, so no other person's SRs change hands.
    const namesBefore = new Map<string, Map<string, number>>()
    for (const source of new Set(rows.map((p) => p.source)))
      namesBefore.set(source, holdersOf(sqlite, source))
    const renamed: RequesterRename[] = []
    for (const p of rows) {
      const served = findServed.get(p.source, p.sourceId) as
        { id: number; name: string; tenant_id: number | null } | undefined
      if (served === undefined) {
        if (p.sourceId !== p.name) adopt.run({ source: p.source, sourceId: p.sourceId, name: p.name })
      } else if (served.name !== p.name) {
        if (namesBefore.get(p.source)?.get(served.name) === 1)
          renamed.push({ source: p.source, from: served.name, to: p.name, tenantId: served.tenant_id })
        const nameOnly = findNameOnly.get({ source: p.source, name: p.name, id: served.id }) as
          number | undefined
        if (nameOnly !== undefined && !servedKeys.has(`${p.source}\u0000${p.name}`))
          mergePerson(sqlite, nameOnly, served.id)
      }
      const tenantId = p.tenant ? lookups.tenantId(p.tenant, p.createdAt) : null
      const row = upsert.get(
        p.source,
        p.sourceId,
        tenantId,
        p.name,
        p.email ?? null,
        p.role,
        p.createdAt,
        p.lastActiveAt ?? null,
      ) as { id: number }
      ids.set(p.sourceId, row.id)
    }
    renameRequesters(sqlite, renamed)
    return ids
  })()
}

/** Per name (and source id) of `source`'s people, how many people it names. */
function holdersOf(sqlite: Database.Database, source: string): Map<string, number> {
  const counts = new Map<string, number>()
  const rows = sqlite.prepare('SELECT source_id, name FROM people WHERE source = ?').raw().all(source) as [
    string,
    string,
  ][]
  for (const [sourceId, name] of rows) {
    counts.set(name, (counts.get(name) ?? 0) + 1)
    if (sourceId !== name) counts.set(sourceId, (counts.get(sourceId) ?? 0) + 1)
  }
  return counts
}

/**
 * Moves everything of person `from` (a row created from a name alone) to person `to`, and deletes
 * `from`: SRs assigned to them, events they did or were assigned in. The assignee rollups, when
 * built, move along in the same transaction (their rows are per assignee id, so they add up
 * exactly), instead of being marked stale and rebuilt.
 */
export function mergePerson(sqlite: Database.Database, from: number, to: number): void {
  const state = readRollupState(sqlite)
  const tracked = state.zone !== null && !state.stale
  // Tracking on: the guard trigger (migration 0002) leaves the rollups trusted, as they are kept here.
  if (tracked) {
    sqlite.prepare('UPDATE sr_rollup_state SET tracking = 1 WHERE id = 1').run()
    sqlite
      .prepare(
        `INSERT INTO sr_rollup_assignee_daily (day, tenant_id, assignee_id, total, resolved, open)
         SELECT day, tenant_id, @to, total, resolved, open FROM sr_rollup_assignee_daily WHERE assignee_id = @from
         ON CONFLICT (day, tenant_id, assignee_id) DO UPDATE SET total = total + excluded.total,
           resolved = resolved + excluded.resolved, open = open + excluded.open`,
      )
      .run({ from, to })
    sqlite.prepare('DELETE FROM sr_rollup_assignee_daily WHERE assignee_id = ?').run(from)
  }
  sqlite.prepare('UPDATE service_requests SET assignee_id = ? WHERE assignee_id = ?').run(to, from)
  if (tracked) sqlite.prepare('UPDATE sr_rollup_state SET tracking = 0 WHERE id = 1').run()
  sqlite
    .prepare(
      `UPDATE sr_events SET actor_id = CASE WHEN actor_id = @from THEN @to ELSE actor_id END,
         assignee_id = CASE WHEN assignee_id = @from THEN @to ELSE assignee_id END
       WHERE actor_id = @from OR assignee_id = @from`,
    )
    .run({ from, to })
  sqlite.prepare('DELETE FROM people WHERE id = ?').run(from)
}

type RequesterRename = { source: string; from: string; to: string; tenantId: number | null }

/**
 * SRs of each renamed person's source naming them as requester by their old name now name them by
 * the new one (a person of a tenant: on SRs of that tenant, as user-retention matches requesters),
 * and so do parked events naming them as actor or assignee. All renames at once (a chain A → B,
 * B → C moves each SR once), in one pass over the SRs.
 */
function renameRequesters(sqlite: Database.Database, renames: readonly RequesterRename[]): void {
  if (renames.length === 0) return
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS people_renamed (source TEXT NOT NULL, old TEXT NOT NULL,
    new TEXT NOT NULL, tenant_id INTEGER, PRIMARY KEY (source, old)) WITHOUT ROWID`)
  sqlite.exec('DELETE FROM temp.people_renamed')
  const insert = sqlite.prepare('INSERT OR IGNORE INTO temp.people_renamed VALUES (?, ?, ?, ?)')
  for (const r of renames) insert.run(r.source, r.from, r.to, r.tenantId)
  sqlite.exec(`UPDATE service_requests SET requester = (SELECT r.new FROM temp.people_renamed r
      WHERE r.source = service_requests.source AND r.old = service_requests.requester)
    WHERE requester IS NOT NULL AND EXISTS (SELECT 1 FROM temp.people_renamed r
      WHERE r.source = service_requests.source AND r.old = service_requests.requester
        AND (r.tenant_id IS NULL OR r.tenant_id = service_requests.tenant_id))`)
  // Events still waiting for their SR name people as the source sent them: by the old name they
  // would make a person of it again when their SR comes.
  sqlite.exec(`UPDATE sr_events_parked SET event = json_set(event,
      '$.actor', coalesce((SELECT r.new FROM temp.people_renamed r WHERE r.source = sr_events_parked.source
        AND r.old = json_extract(sr_events_parked.event, '$.actor')), json_extract(event, '$.actor')),
      '$.assignee', coalesce((SELECT r.new FROM temp.people_renamed r WHERE r.source = sr_events_parked.source
        AND r.old = json_extract(sr_events_parked.event, '$.assignee')), json_extract(event, '$.assignee')))
    WHERE EXISTS (SELECT 1 FROM temp.people_renamed r WHERE r.source = sr_events_parked.source
      AND r.old IN (json_extract(sr_events_parked.event, '$.actor'), json_extract(sr_events_parked.event, '$.assignee')))`)
  sqlite.exec('DELETE FROM temp.people_renamed')
}

/** Raises people's last_active_at to the given instants (never lowers it). */
export function touchLastActive(store: Store, activity: ReadonlyMap<number, number>): void {
  const update = store.sqlite.prepare(
    'UPDATE people SET last_active_at = MAX(COALESCE(last_active_at, 0), ?) WHERE id = ?',
  )
  writeTransaction(store.sqlite, () => {
    for (const [id, at] of activity) update.run(at, id)
  })()
}
