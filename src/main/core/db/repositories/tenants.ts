// Tenants (기관) and categories: small dimension tables, usually created on the fly by the SR writer.
import type { Store } from '../open-database'
import { writeTransaction } from '../write-transaction'

export type TenantRow = { id: number; name: string; createdAt: number }

/** Inserts tenants that do not exist yet (by name); existing ones keep their created_at. */
export function ensureTenants(store: Store, rows: readonly { name: string; createdAt: number }[]): void {
  const insert = store.sqlite.prepare(
    'INSERT INTO tenants (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING',
  )
  writeTransaction(store.sqlite, () => {
    for (const r of rows) insert.run(r.name, r.createdAt)
  })()
}

/** Inserts categories that do not exist yet (by name). */
export function ensureCategories(store: Store, names: readonly string[]): void {
  const insert = store.sqlite.prepare('INSERT INTO categories (name) VALUES (?) ON CONFLICT(name) DO NOTHING')
  writeTransaction(store.sqlite, () => {
    for (const n of names) insert.run(n)
  })()
}

/** All tenants, by name. */
export function listTenants(store: Store): TenantRow[] {
  return store.sqlite
    .prepare('SELECT id, name, created_at AS createdAt FROM tenants ORDER BY name')
    .all() as TenantRow[]
}
