// People as sources (or the demo) describe them: engineers, requesters, managers, admins.
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
 */
export function upsertPeople(store: Store, rows: readonly PersonInput[]): Map<string, number> {
  const { sqlite } = store
  // A row created from a name alone: source_id is the name, and nothing a people feed sets is there.
  const adopt = sqlite.prepare(`UPDATE people SET source_id = @sourceId
    WHERE source = @source AND source_id = @name AND name = @name AND email IS NULL
      AND last_active_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM people WHERE source = @source AND source_id = @sourceId)`)
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
    for (const p of rows) {
      if (p.sourceId !== p.name) adopt.run({ source: p.source, sourceId: p.sourceId, name: p.name })
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
    return ids
  })()
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
