// The sync runner (SPEC §10, §12): pulls each entity page by page and writes every page's rows
// together with the cursor that follows them in ONE transaction, so a crash at any instant loses
// nothing and duplicates nothing: the next run resumes from the last committed page and upserts
// are idempotent. A failure leaves earlier pages (and all older data) intact and says why.
import { setWatermark, setWorkspaceKind } from '../db/meta'
import type { Store } from '../db/open-database'
import { SourceError } from '../sources/http'
import { SYNC_ENTITIES, type Connector, type SyncEntity } from '../sources/types'
import { clearCursors, closeAbandonedRuns, getCursor, logFinish, logStart, setCursor } from './state'
import { writeRows } from './writers'

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
}

export type SyncStatus = 'ok' | 'failed' | 'cancelled' | 'offline'

export type SyncOutcome = {
  source: string
  status: SyncStatus
  rows: number
  pages: number
  /** Why it failed, in words for the operator; null on success. */
  error: string | null
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
}

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
  closeAbandonedRuns(store, source, startedAt)
  if (opts.full) clearCursors(store, source)

  const wanted = opts.entities ?? connector.entities
  const entities = SYNC_ENTITIES.filter((e) => wanted.includes(e) && connector.entities.includes(e))
  let rows = 0
  let pages = 0
  for (const entity of entities) {
    const result = await syncEntity(store, connector, entity, { ...opts, signal, now }, source)
    rows += result.rows
    pages += result.pages
    if (result.status !== 'ok') {
      return { source, status: result.status, rows, pages, error: result.error, startedAt, finishedAt: now() }
    }
  }
  const finishedAt = now()
  // The watermark is the last successful sync: the instant the data is known to be current as of.
  setWatermark(store, startedAt)
  setWorkspaceKind(store, 'live')
  return { source, status: 'ok', rows, pages, error: null, startedAt, finishedAt }
}

type EntityResult = { status: SyncStatus; rows: number; pages: number; error: string | null }

async function syncEntity(
  store: Store,
  connector: Connector,
  entity: SyncEntity,
  opts: SyncOptions & { signal: AbortSignal; now: () => number },
  source: string,
): Promise<EntityResult> {
  const started = opts.now()
  const logId = logStart(store, source, entity, started)
  let cursor = getCursor(store, source, entity)
  let rows = 0
  let pages = 0
  const commitPage = store.sqlite.transaction((pageRows: never, next: string | null) => {
    writeRows(store, entity, pageRows)
    setCursor(store, source, entity, next, opts.now())
  })
  try {
    for (;;) {
      if (opts.signal.aborted) throw new SourceError('cancelled', 'Cancelled')
      const page = await connector.fetchPage(entity, cursor, {
        signal: opts.signal,
        pageSize: opts.pageSize ?? 1000,
      })
      commitPage(page.rows as never, page.cursor)
      rows += page.rows.length
      pages += 1
      cursor = page.cursor
      const elapsed = Math.max(1, opts.now() - started)
      const rate = (rows / elapsed) * 1000
      // page.total counts the rows left from this page on, so what remains after it is total − page.
      const left = page.total !== undefined ? Math.max(0, page.total - page.rows.length) : null
      opts.onProgress?.({
        source,
        entity,
        rows,
        pages,
        rate,
        etaMs: left !== null && rate > 0 ? (left / rate) * 1000 : null,
        total: left !== null ? rows + left : null,
      })
      if (!page.hasMore) break
    }
    logFinish(store, logId, { status: 'ok', rows, pages }, opts.now())
    return { status: 'ok', rows, pages, error: null }
  } catch (err) {
    const { status, message } = describeFailure(err, connector, entity)
    logFinish(
      store,
      logId,
      { status: status === 'cancelled' ? 'cancelled' : 'failed', rows, pages, error: message },
      opts.now(),
    )
    return { status, rows, pages, error: message }
  }
}

function describeFailure(
  err: unknown,
  connector: Connector,
  entity: SyncEntity,
): { status: SyncStatus; message: string } {
  const where = `${connector.kind} source "${connector.name}", ${entity}`
  if (err instanceof SourceError) {
    if (err.kind === 'cancelled') return { status: 'cancelled', message: `Cancelled (${where})` }
    if (err.kind === 'network') return { status: 'offline', message: `Offline: ${err.message} (${where})` }
    return { status: 'failed', message: `${err.message} (${where})` }
  }
  return { status: 'failed', message: `${err instanceof Error ? err.message : String(err)} (${where})` }
}
