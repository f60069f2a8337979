// Every transaction that writes starts with BEGIN IMMEDIATE. SQLite waits (the busy timeout) for
// another connection's write lock only when a transaction starts writing from nothing: a deferred
// transaction that reads first and then writes fails at once with "database is locked" when another
// connection (a sync page, an import, a KPI calculation in a worker) holds the write lock, because
// upgrading a read transaction never waits. Read-only snapshots (drill-downs) stay deferred.
// Inside another transaction the function runs as a savepoint, as better-sqlite3's do.
import type Database from 'better-sqlite3'

/** Wraps `fn` in a write transaction on `sqlite` (BEGIN IMMEDIATE; a savepoint when nested). */
export function writeTransaction<F extends Parameters<Database.Database['transaction']>[0]>(
  sqlite: Database.Database,
  fn: F,
): Database.Transaction<F>['immediate'] {
  return sqlite.transaction(fn).immediate
}
