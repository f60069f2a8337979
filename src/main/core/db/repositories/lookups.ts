// Name → id resolution for bulk writers. Sources speak in names (tenant "행정안전부", assignee "김민준");
// the store keys by integer ids. Caches are loaded once per write call and missing rows are created
// on the spot, so a 200k-row batch costs a Map lookup per name instead of a query.
import type Database from 'better-sqlite3'
import type { PersonRole } from '../schema'

export type Lookups = {
  /** Id of tenant `name`, created (with created_at = `seenAt`) when missing. */
  tenantId(name: string, seenAt: number): number
  /** Id of category `name`, created when missing. */
  categoryId(name: string): number
  /** Id of the person `key` of `source` (matched by source_id, then by name), created when missing. */
  personId(source: string, key: string, role: PersonRole, seenAt: number, tenantId: number | null): number
  /** Id of tenant `name`, or undefined (nothing is created). */
  findTenantId(name: string): number | undefined
  /** Id of category `name`, or undefined (nothing is created). */
  findCategoryId(name: string): number | undefined
  /** Id of the person `key` of `source`, or undefined (nothing is created). */
  findPersonId(source: string, key: string): number | undefined
}

type PersonRow = { id: number; source: string; source_id: string; name: string }

/** Builds caching resolvers over `sqlite`; use inside the caller's transaction. */
export function createLookups(sqlite: Database.Database): Lookups {
  const tenants = new Map<string, number>()
  for (const r of sqlite.prepare('SELECT id, name FROM tenants').all() as { id: number; name: string }[]) {
    tenants.set(r.name, r.id)
  }
  const categories = new Map<string, number>()
  for (const r of sqlite.prepare('SELECT id, name FROM categories').all() as { id: number; name: string }[]) {
    categories.set(r.name, r.id)
  }
  // Per source: source_id → id and name → id (the first person with that name wins).
  const peopleBySource = new Map<string, { byKey: Map<string, number>; byName: Map<string, number> }>()
  const selectPeople = sqlite.prepare('SELECT id, source, source_id, name FROM people WHERE source = ?')
  const insertTenant = sqlite.prepare('INSERT INTO tenants (name, created_at) VALUES (?, ?)')
  const insertCategory = sqlite.prepare('INSERT INTO categories (name) VALUES (?)')
  const insertPerson = sqlite.prepare(
    'INSERT INTO people (source, source_id, tenant_id, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )

  function peopleOf(source: string) {
    let entry = peopleBySource.get(source)
    if (!entry) {
      entry = { byKey: new Map(), byName: new Map() }
      for (const r of selectPeople.all(source) as PersonRow[]) {
        entry.byKey.set(r.source_id, r.id)
        if (!entry.byName.has(r.name)) entry.byName.set(r.name, r.id)
      }
      peopleBySource.set(source, entry)
    }
    return entry
  }

  return {
    findTenantId: (name) => tenants.get(name),
    findCategoryId: (name) => categories.get(name),
    findPersonId(source, key) {
      const entry = peopleOf(source)
      return entry.byKey.get(key) ?? entry.byName.get(key)
    },
    tenantId(name, seenAt) {
      const hit = tenants.get(name)
      if (hit !== undefined) return hit
      const id = Number(insertTenant.run(name, seenAt).lastInsertRowid)
      tenants.set(name, id)
      return id
    },
    categoryId(name) {
      const hit = categories.get(name)
      if (hit !== undefined) return hit
      const id = Number(insertCategory.run(name).lastInsertRowid)
      categories.set(name, id)
      return id
    },
    personId(source, key, role, seenAt, tenantId) {
      const entry = peopleOf(source)
      const hit = entry.byKey.get(key) ?? entry.byName.get(key)
      if (hit !== undefined) return hit
      // Sources that only give a display name get that name as their stable source_id.
      const id = Number(insertPerson.run(source, key, tenantId, key, role, seenAt).lastInsertRowid)
      entry.byKey.set(key, id)
      if (!entry.byName.has(key)) entry.byName.set(key, id)
      return id
    },
  }
}
