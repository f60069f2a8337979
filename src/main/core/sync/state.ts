// Per-source cursors and the sync log. Cursors are opaque strings owned by the connector.
// A 'running' log entry also says who is syncing the source: the app's sync worker and a CLI `sync`
// may open the same workspace, and a source is synced by one process at a time (closeAbandonedRuns).
import type { SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { Store } from '../db/open-database'
import { writeTransaction } from '../db/write-transaction'
import { CoreError, reason } from '../errors'

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
  /** Why it failed as a code and params (null: it did not fail, nothing sorts it, or an entry from before reasons were kept). */
  reason: SyncFailureReason | null
  /** An import's file name; null for a sync. */
  detail: string | null
}

/**
 * Opens a sync-log entry in state running, owned by this process, started at `now`; returns its id.
 * Throws SyncBusyError when another live process is syncing `source` (checked in the same
 * transaction as the insert, so of two processes starting at once one is refused). Its first
 * heartbeat is `wallNow`, the real clock (see beat).
 */
export function logStart(
  store: Store,
  source: string,
  entity: string,
  now: number,
  wallNow: number = Date.now(),
): number {
  return writeTransaction(store.sqlite, (): number => {
    const other = runningElsewhere(store, source, wallNow).live
    if (other) throw new SyncBusyError(source, other.ownerPid)
    const info = store.sqlite
      .prepare(
        `INSERT INTO sync_log (source, entity, started_at, status, rows, pages, owner_pid, heartbeat_at)
         VALUES (?, ?, ?, 'running', 0, 0, ?, ?)`,
      )
      .run(source, entity, now, process.pid, wallNow)
    return Number(info.lastInsertRowid)
  })()
}

/** Closes a sync-log entry with its counts and outcome. */
export function logFinish(
  store: Store,
  id: number,
  outcome: {
    status: Exclude<SyncLogStatus, 'running'>
    rows: number
    pages: number
    error?: string | null
    reason?: SyncFailureReason | null
  },
  now: number,
): void {
  store.sqlite
    .prepare(
      'UPDATE sync_log SET finished_at = ?, status = ?, rows = ?, pages = ?, error = ?, error_reason = ? WHERE id = ?',
    )
    .run(
      now,
      outcome.status,
      outcome.rows,
      outcome.pages,
      outcome.error ?? null,
      outcome.reason ? JSON.stringify(outcome.reason) : null,
      id,
    )
}

/**
 * A stored reason read back: null for none, and for text that is not a reason (the entry stays
 * readable and shows its English message).
 */
export function parseReason(text: string | null): SyncFailureReason | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null || typeof (value as { code?: unknown }).code !== 'string')
      return null
    return value as SyncFailureReason
  } catch {
    return null
  }
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
    /** Why it failed, as a code the UI words (an import refused for its rows, or its file's reason). */
    reason?: SyncFailureReason | null
    detail?: string | null
  },
): void {
  store.sqlite
    .prepare(
      `INSERT INTO sync_log (source, entity, started_at, finished_at, status, rows, pages, error, error_reason, detail)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    )
    .run(
      run.source,
      run.entity,
      run.startedAt,
      run.finishedAt,
      run.status,
      run.rows,
      run.error ?? null,
      run.reason ? JSON.stringify(run.reason) : null,
      run.detail ?? null,
    )
}

/**
 * A running entry without heartbeats (written by an earlier version) whose process is alive but
 * whose source has shown no sign of life (an entry started, a batch committed: setCursor) for this
 * long counts as abandoned: its pid may have been reused by an unrelated process. A live sync of
 * that version committed at least every few minutes (a page waits at most ~13 minutes through all
 * its retries), so this never took a source from a working sync.
 */
export const SYNC_SILENT_MS = 30 * 60_000

/** How often a running sync says it is alive (beat): its entry's heartbeat_at. */
export const SYNC_HEARTBEAT_MS = 20_000

/**
 * A running entry that keeps heartbeats and has had none for this long belongs to a process that is
 * gone, whatever its pid names now: a crash or a reboot leaves its entry behind, and the pid may
 * since have gone to another program (on Windows, pids come back quickly). Six beats missed; a
 * process stopped for longer (a suspended terminal job) loses the source to the next sync.
 */
export const SYNC_HEARTBEAT_SILENT_MS = 2 * 60_000

/** Whether entry `id` is still running: not closed as interrupted by another process meanwhile. */
export function stillRunning(store: Store, id: number): boolean {
  return (
    store.sqlite.prepare("SELECT 1 FROM sync_log WHERE id = ? AND status = 'running'").get(id) !== undefined
  )
}

/**
 * Records that the run of entry `id` is alive at `wallNow` (the engine calls it every
 * SYNC_HEARTBEAT_MS). Heartbeats are on the real clock, never the injected one: they are judged
 * against the real clock of another process (or of a `sync log --as-of`, whose "now" is a metrics
 * date, not the time), and a clock pinned or moved would make a live run look silent or a dead one
 * alive.
 */
export function beat(store: Store, id: number, wallNow: number = Date.now()): void {
  store.sqlite
    .prepare("UPDATE sync_log SET heartbeat_at = ? WHERE id = ? AND status = 'running'")
    .run(wallNow, id)
}

/** Refusal to sync a source another live process is syncing. */
export class SyncBusyError extends CoreError {
  constructor(
    readonly source: string,
    readonly pid: number,
  ) {
    super(
      'BUSY',
      `${source} is being synced by another process (pid ${pid}); try again when it ends`,
      // A pid is a name, not a count: text, so it is never written 4,242.
      reason('source_syncing_elsewhere', { name: source.slice(source.indexOf(':') + 1), pid: String(pid) }),
    )
    this.name = 'SyncBusyError'
  }
}

/**
 * Whether process `pid` exists. Signal 0 checks without signalling: ESRCH means gone, EPERM means it
 * exists under another user; any other answer counts as alive (the silence rule still applies).
 */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

type RunningEntry = { id: number; ownerPid: number | null; startedAt: number; heartbeatAt: number | null }
type AbandonedEntry = RunningEntry & { why: string; reason: SyncFailureReason }

/**
 * The running entries of `source` split into `abandoned` ones (written by this process, whose runs
 * are over since a process syncs a source once at a time; by no recorded process, i.e. before owners
 * were recorded; by a process that is gone; without a heartbeat for SYNC_HEARTBEAT_SILENT_MS; or,
 * entries from before heartbeats, silent for SYNC_SILENT_MS) and the `live` one of another process,
 * if any. `now` is the real clock (heartbeats are written on it), never a metrics' as-of.
 */
function runningElsewhere(
  store: Store,
  source: string,
  now: number,
  /** Only looking (the sync log): this process's entries may be its sync worker's run, going now. */
  ownMayRun = false,
): { abandoned: AbandonedEntry[]; live: (RunningEntry & { ownerPid: number }) | null } {
  const entries = store.sqlite
    .prepare(
      `SELECT id, owner_pid AS ownerPid, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM sync_log
       WHERE source = ? AND status = 'running' ORDER BY id`,
    )
    .all(source) as RunningEntry[]
  const abandoned: AbandonedEntry[] = []
  let live: (RunningEntry & { ownerPid: number }) | null = null
  if (entries.length === 0) return { abandoned, live }
  const committed = store.sqlite
    .prepare('SELECT max(updated_at) FROM sync_state WHERE source = ?')
    .pluck()
    .get(source) as number | null
  const lastSign = Math.max(committed ?? -Infinity, ...entries.map((e) => e.startedAt))
  for (const e of entries) {
    const pid = e.ownerPid
    if (pid === null || (pid === process.pid && !ownMayRun) || !processAlive(pid))
      abandoned.push({ ...e, ...STOPPED })
    else if (e.heartbeatAt !== null && now - Math.max(e.heartbeatAt, lastSign) > SYNC_HEARTBEAT_SILENT_MS)
      abandoned.push({
        ...e,
        why: `interrupted (process ${pid} gave no sign of life for over ${SYNC_HEARTBEAT_SILENT_MS / 60_000} minutes)`,
        reason: silent(pid, SYNC_HEARTBEAT_SILENT_MS),
      })
    else if (e.heartbeatAt === null && now - lastSign > SYNC_SILENT_MS)
      abandoned.push({
        ...e,
        why: `interrupted (process ${pid} made no progress for over ${SYNC_SILENT_MS / 60_000} minutes)`,
        reason: silent(pid, SYNC_SILENT_MS),
      })
    else live = { ...e, ownerPid: pid }
  }
  return { abandoned, live }
}

const STOPPED = {
  why: 'interrupted (the process stopped during the sync)',
  reason: { code: 'interrupted' },
} as const

const silent = (pid: number, ms: number): SyncFailureReason => ({
  code: 'interrupted_silent',
  params: { pid: String(pid), minutes: ms / 60_000 },
})

/**
 * The pid of another live process syncing `source` now (a command-line sync while the app runs, or
 * the app while the CLI runs), or null. Only looks: nothing is closed. `wallNow` is the real clock
 * (tests move it), never the core's injected one.
 */
export function syncingProcess(store: Store, source: string, wallNow: number = Date.now()): number | null {
  return runningElsewhere(store, source, wallNow).live?.ownerPid ?? null
}

/**
 * `entries` as they stand now: a 'running' entry whose run is over (its process is gone, or silent
 * too long: what closeAbandonedRuns closes at the source's next sync) is said as the interrupted
 * failure it is. Nothing is written; the next sync of its source closes it. Without this a run
 * killed mid-way showed 'running' for as long as its source was not synced again, for good when the
 * app cannot sync it (a command-line source whose token is in the CLI's environment only).
 * `wallNow` is the real clock (tests move it): a process is alive or not now, whatever date the
 * metrics are asked for (`sync log --as-of`).
 */
export function withRunsOver(
  store: Store,
  entries: SyncLogEntry[],
  wallNow: number = Date.now(),
): SyncLogEntry[] {
  const sources = new Set(entries.filter((e) => e.status === 'running').map((e) => e.source))
  if (sources.size === 0) return entries
  const over = new Map<number, AbandonedEntry>()
  for (const source of sources)
    for (const e of runningElsewhere(store, source, wallNow, true).abandoned) over.set(e.id, e)
  return entries.map((e) => {
    const o = over.get(e.id)
    return o && e.status === 'running' ? { ...e, status: 'failed', error: o.why, reason: o.reason } : e
  })
}

/**
 * Call before syncing `source`. Entries still 'running' whose process is gone (or that this process
 * left) are marked failed at `now`, so the log tells the truth; returns how many. When another live
 * process is syncing `source`, its entries are left alone and SyncBusyError is thrown: the caller
 * must not sync (both would pull the same pages and the other's log entries would turn into false
 * failures). Liveness is judged at `wallNow`, the real clock (tests move it).
 */
export function closeAbandonedRuns(
  store: Store,
  source: string,
  now: number,
  wallNow: number = Date.now(),
): number {
  const { abandoned, live } = writeTransaction(store.sqlite, () => {
    const found = runningElsewhere(store, source, wallNow)
    const close = store.sqlite.prepare(
      `UPDATE sync_log SET status = 'failed', finished_at = ?, error = ?, error_reason = ?
       WHERE id = ? AND status = 'running'`,
    )
    for (const e of found.abandoned) close.run(now, e.why, JSON.stringify(e.reason), e.id)
    return found
  })()
  if (live) throw new SyncBusyError(source, live.ownerPid)
  return abandoned.length
}

/**
 * Closes this process's running entries of `source` as failed with `error` and `reason`, at `now`;
 * returns how many. For a sync worker of this process that died mid-run (its entries would
 * otherwise show as running, this process's own, until the source's next sync). Call only once the
 * worker is gone: a live one would find its run closed under it.
 */
export function closeOwnRuns(
  store: Store,
  source: string,
  now: number,
  why: { error: string; reason: SyncFailureReason | null },
): number {
  return store.sqlite
    .prepare(
      `UPDATE sync_log SET status = 'failed', finished_at = ?, error = ?, error_reason = ?
       WHERE source = ? AND status = 'running' AND owner_pid = ?`,
    )
    .run(now, why.error, why.reason ? JSON.stringify(why.reason) : null, source, process.pid).changes
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
  const rows = store.sqlite
    .prepare(
      `SELECT id, source, entity, started_at AS startedAt, finished_at AS finishedAt, status, rows, pages, error,
              error_reason AS reason, detail
       FROM sync_log ${where} ORDER BY id DESC LIMIT ?`,
    )
    .all(...(source ? [source, limit] : [limit])) as (Omit<SyncLogEntry, 'reason'> & {
    reason: string | null
  })[]
  return rows.map((r) => ({ ...r, reason: parseReason(r.reason) }))
}
