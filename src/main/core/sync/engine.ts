// The sync runner (SPEC §10, §12): pulls each entity page by page and writes the rows of one or more
// pages together with the cursor that follows them in ONE transaction, so a crash at any instant loses
// nothing and duplicates nothing: the next run resumes from the last committed batch and upserts
// are idempotent. A failure keeps every page received before it (and all older data) and says why.
import { dirname } from 'node:path'
import type { SyncErrorReasonCode, SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import { advanceWatermark, setWorkspaceKind } from '../db/meta'
import type { Store } from '../db/open-database'
import {
  CoreError,
  isStoreBusy,
  storeFailureKind,
  storeFailureMessage,
  type StoreFailureKind,
} from '../errors'
import { cancelled, SourceError, syncReason, type RetryInfo } from '../sources/http'
import { SYNC_ENTITIES, type Connector, type Page, type SyncEntity } from '../sources/types'
import {
  beat,
  closeAbandonedRuns,
  getCursor,
  logFinish,
  logStart,
  pruneSyncLog,
  setCursor,
  stillRunning,
  SYNC_HEARTBEAT_MS,
  SyncBusyError,
} from './state'
import { adoptParkedSrEvents } from '../db/repositories/parked-events'
import { writeRows } from './writers'
import { refusedFailure, refusedNote, withRefused } from './refused'
import { writeTransaction } from '../db/write-transaction'
import { connectionNameEn, syncEntityNameEn } from '../../../shared/labels'

export type SyncProgress = {
  source: string
  entity: SyncEntity
  rows: number
  pages: number
  /** Rows per second over this entity so far. */
  rate: number
  /** Estimated milliseconds left when the source reports a total, else null. */
  etaMs: number | null
  total: number | null
  /** Which of the run's entities this is (0-based) and how many the run syncs for this source. */
  entityIndex: number
  entityCount: number
  /** Set while a failed request waits to be tried again (SyncRetry); absent otherwise. */
  retry?: SyncRetry
}

/** A page request that failed: attempt `attempt` of `maxAttempts`, the next one at `at + delayMs`. */
export type SyncRetry = RetryInfo & { at: number }

export type SyncStatus = 'ok' | 'failed' | 'cancelled' | 'offline'

export type SyncOutcome = {
  source: string
  status: SyncStatus
  rows: number
  pages: number
  /** Why it failed, in words for the operator; null on success. */
  error: string | null
  /** The same as a code and params the app words in its language; null on success or when nothing sorts it. */
  reason: SyncFailureReason | null
  startedAt: number
  finishedAt: number
}

export type SyncOptions = {
  /** Start from the beginning instead of the stored cursors (rows are upserted, nothing is deleted). */
  full?: boolean
  /** Only these entities (default: all the connector offers). */
  entities?: readonly SyncEntity[]
  pageSize?: number
  signal?: AbortSignal
  now?: () => number
  onProgress?: (p: SyncProgress) => void
  /** How often the running entry says it is alive (default SYNC_HEARTBEAT_MS; tests shorten it). */
  heartbeatMs?: number
}

/** Rows per transaction: pages are committed together until a batch holds at least this many. */
const COMMIT_ROWS = 5000
/** …or until this long has passed since the last commit, so a slow source still saves its progress. */
const COMMIT_MS = 1000

/** The source key SR rows and cursors are stored under. */
export function sourceKey(connector: Pick<Connector, 'kind' | 'name'>): string {
  return `${connector.kind}:${connector.name}`
}

/** Syncs every entity of `connector` into `store`; never throws for source failures (see the outcome). */
export async function syncSource(
  store: Store,
  connector: Connector,
  opts: SyncOptions = {},
): Promise<SyncOutcome> {
  const now = opts.now ?? Date.now
  const signal = opts.signal ?? new AbortController().signal
  const source = sourceKey(connector)
  const startedAt = now()
  try {
    closeAbandonedRuns(store, source, startedAt)
    pruneSyncLog(store, source, startedAt)
  } catch (err) {
    // Another live process syncs this source, or the workspace refuses writes (its disk full, say):
    // this source's failure, said in its outcome, so a run over several sources goes on with the others.
    const refused = storeRefusal(err, store, connector)
    if (!(err instanceof SyncBusyError) && !refused) throw err
    return {
      source,
      status: 'failed',
      rows: 0,
      pages: 0,
      error: refused ? refused.message : (err as SyncBusyError).message,
      reason: refused ? refused.reason : ((err as SyncBusyError).reason ?? null),
      startedAt,
      finishedAt: now(),
    }
  }

  const wanted = opts.entities ?? connector.entities
  // A collection the connection is set not to read (connector.skipped) is not among its entities:
  // never asked for, no log entry, its cursor left where it stood (see the ITSM REST connector).
  const entities = SYNC_ENTITIES.filter((e) => wanted.includes(e) && connector.entities.includes(e))
  let rows = 0
  let pages = 0
  const checkpointAfter = deferCheckpoints(store)
  let failure: EntityResult | null = null
  // Collections the account may not read (403), skipped in this run: their cursor stays where it was.
  const refused: SyncEntity[] = []
  try {
    for (const [index, entity] of entities.entries()) {
      const step = { entityIndex: index, entityCount: entities.length }
      const result = await syncEntity(store, connector, entity, { ...opts, signal, now }, source, step)
      rows += result.rows
      pages += result.pages
      if (result.status === 'ok') continue
      // An account kept from people, deployments or feature usage still gets its SRs: the collection
      // is left out of this run (its log entry says why) and asked for again by the next one. The
      // SRs themselves are what a sync is for: a 403 on them stops the run.
      if (result.forbidden && entity !== 'srs') {
        refused.push(entity)
        continue
      }
      failure = result
      break
    }
  } finally {
    try {
      checkpointAfter()
    } catch {
      // A checkpoint the disk refused is made by a later one; the WAL keeps every commit meanwhile.
      // (A finally block cannot throw without hiding the run's own outcome or error.)
    }
  }
  if (failure)
    return {
      source,
      status: failure.status,
      rows,
      pages,
      error:
        failure.error && (refused.length > 0 ? `${failure.error}; ${refusedNote(refused)}` : failure.error),
      reason: withRefused(failure.reason, refused),
      startedAt,
      finishedAt: now(),
    }
  const finishedAt = now()
  // The watermark is the last successful sync: the instant the data is known to be current as of
  // (never moved back by a sync that started before one that finished first). A run that skipped
  // collections refused to the account (403) still brought the SRs and the rest up to date: the
  // dashboards read those, and the connection is shown failing beside the watermark meanwhile.
  try {
    advanceWatermark(store, startedAt, finishedAt)
    setWorkspaceKind(store, 'live')
  } catch (err) {
    // Every page is stored with its cursor; only the note of when the data was current could not be
    // written (the disk filled up at that very moment): the next sync that can write it moves it.
    if (storeFailureKind(err) === null) throw err
  }
  if (refused.length > 0) {
    // Not a whole success: the run says which collections were refused, and the connection's last
    // success does not move (source-status.ts).
    const { message, reason } = refusedFailure(refused, connector.kind, connector.name, connector.skipped)
    return { source, status: 'failed', rows, pages, error: message, reason, startedAt, finishedAt }
  }
  return { source, status: 'ok', rows, pages, error: null, reason: null, startedAt, finishedAt }
}

/**
 * SQLite checkpoints (copies the WAL into the database file) after every commit that leaves the WAL
 * over 1,000 pages, which in a big sync is nearly every page: a 1,000-row page dirties about as many
 * index leaf pages (rows come in updated_at order, the indexes are by created_at, tenant, status…), so
 * the same hot pages were copied again and again (2.6 s of an 11 s 200,000-SR sync). During a sync the
 * threshold is 16,384 pages (64 MB of WAL); afterwards it is restored and one passive checkpoint (it
 * never waits for readers) copies what is left.
 */
function deferCheckpoints(store: Store): () => void {
  const previous = Number(store.sqlite.pragma('wal_autocheckpoint', { simple: true }))
  if (!(previous > 0) || previous >= 16_384) return () => undefined
  store.sqlite.pragma('wal_autocheckpoint = 16384')
  return () => {
    store.sqlite.pragma(`wal_autocheckpoint = ${previous}`)
    store.sqlite.pragma('wal_checkpoint(PASSIVE)')
  }
}

type EntityResult = {
  status: SyncStatus
  rows: number
  pages: number
  error: string | null
  reason: SyncFailureReason | null
  /** The source refused this collection to the account (403). */
  forbidden?: boolean
}

async function syncEntity(
  store: Store,
  connector: Connector,
  entity: SyncEntity,
  opts: SyncOptions & { signal: AbortSignal; now: () => number },
  source: string,
  step: Pick<SyncProgress, 'entityIndex' | 'entityCount'>,
): Promise<EntityResult> {
  const started = opts.now()
  let logId: number
  try {
    logId = logStart(store, source, entity, started)
  } catch (err) {
    // Another process began syncing the source between two of this run's entities (closeAbandonedRuns
    // found none at the start): this run stops here, said in its outcome as at the start, so a
    // command-line run over several sources goes on with the others. So does a workspace that
    // refuses the entry (its disk full, say): nothing of the entity could be stored either.
    const refused = storeRefusal(err, store, connector, entity)
    if (refused)
      return { status: 'failed', rows: 0, pages: 0, error: refused.message, reason: refused.reason }
    if (!(err instanceof SyncBusyError)) throw err
    return { status: 'failed', rows: 0, pages: 0, error: err.message, reason: err.reason ?? null }
  }
  // A full sync reads the entity from the start. Its stored cursor is replaced only by the first
  // page the full pass commits: a full run that fails at once leaves the incremental position (the
  // next background run is no silent full resync), and entities the run does not sync keep theirs.
  let cursor = opts.full ? null : getCursor(store, source, entity)
  let rows = 0
  let pages = 0
  let received = 0
  let batch: unknown[] = []
  let batchPages = 0
  let lastCommit = opts.now()
  const commitBatch = writeTransaction(store.sqlite, (batchRows: never, next: string | null) => {
    // Stopped for longer than the heartbeat allows (a suspended terminal job), this run may have been
    // closed as interrupted and the source synced by another process since: writing now would put
    // an older cursor over its newer one. It stops instead, writing nothing.
    if (!stillRunning(store, logId)) throw takenOver()
    writeRows(store, entity, batchRows, opts.now())
    setCursor(store, source, entity, next, opts.now())
  })
  /** Commits the pages received so far with the cursor after the last of them. */
  const flush = (): void => {
    if (batchPages === 0) return
    commitBatch(batch as never, cursor)
    rows += batch.length
    pages += batchPages
    batch = []
    batchPages = 0
    lastCommit = opts.now()
  }
  // The next page is requested before the current one is written (writes are synchronous), so the
  // server and the network work while SQLite does. `local` cancels a request nobody will wait for.
  const local = new AbortController()
  const signal = AbortSignal.any([opts.signal, local.signal])
  const pageSize = opts.pageSize ?? 1000
  // The figures last reported: a retry is reported with them, so the bar stays where it was.
  let shown: SyncProgress = { source, entity, rows: 0, pages: 0, rate: 0, etaMs: null, total: null, ...step }
  const report = (p: SyncProgress): void => {
    shown = p
    opts.onProgress?.(p)
  }
  // `at` is the real clock (not the injectable one, which tests pin): when the wait began.
  const onRetry = (info: RetryInfo): void =>
    opts.onProgress?.({ ...shown, retry: { ...info, at: Date.now() } })
  const request = (from: string | null): Promise<Page<SyncEntity>> => {
    const pending = connector.fetchPage(entity, from, { signal, pageSize, onRetry })
    pending.catch(() => undefined) // observed when awaited; never an unhandled rejection
    return pending
  }
  // Another process tells a live run from one a crash left behind by this (a pid may be reused).
  // On the real clock, whatever opts.now says (beat).
  const heartbeat = setInterval(() => {
    try {
      beat(store, logId)
    } catch {
      // A beat missed (the store busy past its timeout) is made up by the next one.
    }
  }, opts.heartbeatMs ?? SYNC_HEARTBEAT_MS)
  heartbeat.unref()
  try {
    if (opts.signal.aborted) throw cancelled()
    // Events that came before their SR in an earlier run: their SR may be stored by now.
    if (entity === 'sr_events') adoptParkedSrEvents(store, source, opts.now())
    let inFlight = request(cursor)
    // Said before the first page arrives (which may take a while): until then a progress bar would
    // still show the previous entity's last figures, as if that one were still running.
    report(shown)
    for (;;) {
      let page: Page<SyncEntity>
      try {
        page = await inFlight
      } catch (err) {
        flush() // pages already received are good: keep them (and their cursor) before failing
        throw err
      }
      for (const row of page.rows) batch.push(row)
      batchPages += 1
      received += page.rows.length
      cursor = page.cursor
      const stop = opts.signal.aborted
      if (page.hasMore && !stop) inFlight = request(page.cursor)
      // Pages are committed in batches of COMMIT_ROWS rows (or after COMMIT_MS): each commit writes
      // every index page it dirtied to the WAL, so fewer, larger commits write hot pages fewer times.
      if (!page.hasMore || stop || batch.length >= COMMIT_ROWS || opts.now() - lastCommit >= COMMIT_MS)
        flush()
      if (stop) throw cancelled()
      const elapsed = Math.max(1, opts.now() - started)
      const rate = (received / elapsed) * 1000
      // page.total counts the rows left from this page on, so what remains after it is total − page.
      const left = page.total !== undefined ? Math.max(0, page.total - page.rows.length) : null
      report({
        source,
        entity,
        rows: received,
        pages: pages + batchPages,
        rate,
        etaMs: left !== null && rate > 0 ? (left / rate) * 1000 : null,
        total: left !== null ? received + left : null,
        ...step,
      })
      if (!page.hasMore) break
    }
    logFinish(store, logId, { status: 'ok', rows, pages }, opts.now())
    return { status: 'ok', rows, pages, error: null, reason: null }
  } catch (err) {
    const { status, message, reason } = describeFailure(err, store, connector, entity)
    try {
      logFinish(
        store,
        logId,
        { status: status === 'cancelled' ? 'cancelled' : 'failed', rows, pages, error: message, reason },
        opts.now(),
      )
    } catch (logErr) {
      // The workspace that refused the pages may refuse their log entry too (its disk full, read-only):
      // the outcome still says how the run ended. The entry stays 'running' under this process, and
      // the source's next sync closes it as interrupted (closeAbandonedRuns). Anything else is a fault.
      if (storeFailureKind(logErr) === null && !isStoreBusy(logErr)) throw logErr
    }
    const forbidden = err instanceof SourceError && err.kind === 'forbidden'
    return { status, rows, pages, error: message, reason, ...(forbidden ? { forbidden } : {}) }
  } finally {
    clearInterval(heartbeat)
    local.abort()
  }
}

/** The error of a run another process closed as interrupted while it was stopped. */
function takenOver(): SourceError {
  return new SourceError(
    'client',
    'Another process closed this run as interrupted (it gave no sign of life for too long) and may have synced the source since: this run stopped without writing its last pages',
    undefined,
    undefined,
    true,
    syncReason('sync_taken_over'),
  )
}

/**
 * The failure's status, message and reason; both say where it happened (the message in words, the
 * reason in the params `source`, `kind` and `entity`).
 */
function describeFailure(
  err: unknown,
  store: Store,
  connector: Connector,
  entity: SyncEntity,
): { status: SyncStatus; message: string; reason: SyncFailureReason | null } {
  const refused = storeRefusal(err, store, connector, entity)
  if (refused) return { status: 'failed', ...refused }
  // In the words of the English Sync screen: `ServiceNow connection "sn", service requests`.
  const where = `${connectionNameEn(connector.kind, connector.name)}, ${syncEntityNameEn(entity)}`
  const found = err instanceof SourceError || err instanceof CoreError ? err.reason : undefined
  const reason: SyncFailureReason | null = found
    ? { ...found, params: { ...found.params, source: connector.name, kind: connector.kind, entity } }
    : null
  if (err instanceof SourceError) {
    if (err.kind === 'cancelled') return { status: 'cancelled', message: `Cancelled (${where})`, reason }
    if (err.kind === 'network')
      return { status: 'offline', message: `Offline: ${err.message} (${where})`, reason }
    return { status: 'failed', message: `${err.message} (${where})`, reason }
  }
  return {
    status: 'failed',
    message: `${err instanceof Error ? err.message : String(err)} (${where})`,
    reason,
  }
}

/** The sync reason of each way the workspace refuses a write (errors.ts storeFailureKind). */
const STORE_REFUSALS = {
  full: 'sync_store_full',
  io: 'sync_store_io',
  readonly: 'sync_store_readonly',
  damaged: 'sync_store_damaged',
} as const satisfies Record<StoreFailureKind, SyncErrorReasonCode>

/**
 * `err` when it is the workspace refusing a write (its disk full or failing, read-only, damaged): what
 * to do, naming the workspace folder, and that the batch being written was rolled back with its
 * cursor, so the next sync resumes there; where it happened as describeFailure says it. Else null.
 */
function storeRefusal(
  err: unknown,
  store: Store,
  connector: Connector,
  entity?: SyncEntity,
): { message: string; reason: SyncFailureReason } | null {
  const kind = storeFailureKind(err)
  if (kind === null) return null
  const dir = dirname(store.path)
  const where = `${connectionNameEn(connector.kind, connector.name)}${entity ? `, ${syncEntityNameEn(entity)}` : ''}`
  return {
    message: `${storeFailureMessage(kind, dir, 'sync')} (${where})`,
    reason: {
      code: STORE_REFUSALS[kind],
      params: { dir, source: connector.name, kind: connector.kind, ...(entity ? { entity } : {}) },
    },
  }
}
