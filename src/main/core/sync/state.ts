// Per-source cursors and the sync log. Cursors are opaque strings owned by the connector.
import type { Store } from '../db/open-database'

/** The stored cursor of `source`/`entity`, or null when nothing was synced yet. */
export function getCursor(store: Store, source: string, entity: string): string | null {
  const row = store.sqlite
    .prepare('SELECT cursor FROM sync_state WHERE source = ? AND entity = ?')
    .get(source, entity) as { cursor: string } | undefined
  return row?.cursor ?? null
}

/** Stores (or clears, with null) a cursor; call inside the transaction that writes the rows it covers. */
export function setCursor(
  store: Store,
  source: string,
  entity: string,
  cursor: string | null,
  now: number,
): void {
  if (cursor === null) {
    store.sqlite.prepare('DELETE FROM sync_state WHERE source = ? AND entity = ?').run(source, entity)
    return
  }
  store.sqlite
    .prepare(
      `INSERT INTO sync_state (source, entity, cursor, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(source, entity) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    )
    .run(source, entity, cursor, now)
}

/** Forgets every cursor of `source` (a full resync starts from the beginning). */
export function clearCursors(store: Store, source: string): void {
  store.sqlite.prepare('DELETE FROM sync_state WHERE source = ?').run(source)
}

export type SyncLogStatus = 'running' | 'ok' | 'failed' | 'cancelled'
export type SyncLogEntry = {
  id: number
  source: string
  entity: string
  startedAt: number
  finishedAt: number | null
  status: SyncLogStatus
  rows: number
  pages: number
  error: string | null
  /** An import's file name; null for a sync. */
  detail: string | null
}

/** Opens a sync-log entry in state running; returns its id. */
export function logStart(store: Store, source: string, entity: string, now: number): number {
  const info = store.sqlite
    .prepare(
      `INSERT INTO sync_log (source, entity, started_at, status, rows, pages) VALUES (?, ?, ?, 'running', 0, 0)`,
    )
    .run(source, entity, now)
  return Number(info.lastInsertRowid)
}

/** Closes a sync-log entry with its counts and outcome. */
export function logFinish(
  store: Store,
  id: number,
  outcome: { status: Exclude<SyncLogStatus, 'running'>; rows: number; pages: number; error?: string | null },
  now: number,
): void {
  store.sqlite
    .prepare('UPDATE sync_log SET finished_at = ?, status = ?, rows = ?, pages = ?, error = ? WHERE id = ?')
    .run(now, outcome.status, outcome.rows, outcome.pages, outcome.error ?? null, id)
}

/** Records a whole run at once (a file import: it has no pages and nothing to resume). */
export function logRun(
  store: Store,
  run: {
    source: string
    entity: string
    startedAt: number
    finishedAt: number
    status: Exclude<SyncLogStatus, 'running'>
    rows: number
    error?: string | null
    detail?: string | null
  },
): void {
  store.sqlite
    .prepare(
      `INSERT INTO sync_log (source, entity, started_at, finished_at, status, rows, pages, error, detail)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(
      run.source,
      run.entity,
      run.startedAt,
      run.finishedAt,
      run.status,
      run.rows,
      run.error ?? null,
      run.detail ?? null,
    )
}

/** Entries still 'running' belong to a process that died: mark them failed so the log tells the truth. */
export function closeAbandonedRuns(store: Store, source: string, now: number): number {
  return store.sqlite
    .prepare(
      `UPDATE sync_log SET status = 'failed', finished_at = ?, error = 'interrupted (the process stopped during the sync)'
       WHERE source = ? AND status = 'running'`,
    )
    .run(now, source).changes
}

/** How long sync-log entries are kept (a source synced every 15 minutes logs ~245,000 a year). */
export const SYNC_LOG_KEEP_MS = 180 * 86_400_000

/**
 * Deletes `source`'s log entries that started more than SYNC_LOG_KEEP_MS before `now`, except its
 * newest entry and its newest success of each entity: those say when the source last worked and how
 * its last run ended, however long ago (the Sync screen reads them for sources synced from the CLI).
 */
export function pruneSyncLog(store: Store, source: string, now: number): number {
  return store.sqlite
    .prepare(
      `DELETE FROM sync_log WHERE source = ? AND started_at < ? AND status != 'running'
         AND id NOT IN (SELECT max(id) FROM sync_log WHERE source = ? AND status = 'ok' GROUP BY entity
                        UNION ALL SELECT max(id) FROM sync_log WHERE source = ?)`,
    )
    .run(source, now - SYNC_LOG_KEEP_MS, source, source).changes
}

/** The newest log entries, newest first. */
export function recentSyncLog(store: Store, limit = 50, source?: string): SyncLogEntry[] {
  const where = source ? 'WHERE source = ?' : ''
  return store.sqlite
    .prepare(
      `SELECT id, source, entity, started_at AS startedAt, finished_at AS finishedAt, status, rows, pages, error, detail
       FROM sync_log ${where} ORDER BY id DESC LIMIT ?`,
    )
    .all(...(source ? [source, limit] : [limit])) as SyncLogEntry[]
}
