// Names for the ids the counting engine groups by (category_id, assignee_id; 0 = none).
import type { Store } from '../../db/open-database'

/** category_id → name for every category. */
export function categoryNames(store: Store): Map<number, string> {
  const rows = store.sqlite.prepare('SELECT id, name FROM categories').raw().all() as [number, string][]
  return new Map(rows)
}

/** people.id → name for the given ids. */
export function peopleNames(store: Store, ids: readonly number[]): Map<number, string> {
  const wanted = ids.filter((id) => id > 0)
  if (wanted.length === 0) return new Map()
  const rows = store.sqlite
    .prepare(`SELECT id, name FROM people WHERE id IN (${wanted.map(() => '?').join(', ')})`)
    .raw()
    .all(...wanted) as [number, string][]
  return new Map(rows)
}

/** The category id of a name (null = no category, undefined = unknown name). */
export function categoryIdOf(store: Store, name: string | null): number | null | undefined {
  if (name === null) return null
  const row = store.sqlite.prepare('SELECT id FROM categories WHERE name = ?').get(name) as
    { id: number } | undefined
  return row?.id
}

/** Compares labels the way a Korean operator reads a list. */
export const byLabel = new Intl.Collator('ko').compare
