// Tenants (기관) and categories: small dimension tables, usually created on the fly by the SR writer.
import type { Store } from '../open-database'
import { writeTransaction } from '../write-transaction'

export type TenantRow = { id: number; name: string; createdAt: number }

/**
 * Inserts tenants that do not exist yet (by name). An existing one takes the earlier created_at: a
 * tenant first met in a row naming it (an SR, a person or a deployment of a tenant added upstream
 * after the run's tenants pass) was stored with that row's instant as a guess, or with 0 (unknown)
 * when met in the feature-usage feed, and the tenants feed's own date replaces the guess (a second
 * source serving the same tenant does not move it later).
 */
export function ensureTenants(store: Store, rows: readonly { name: string; createdAt: number }[]): void {
  const insert = store.sqlite.prepare(
    `INSERT INTO tenants (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET created_at =
      CASE WHEN tenants.created_at = 0 THEN excluded.created_at
        ELSE MIN(tenants.created_at, excluded.created_at) END`,
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
