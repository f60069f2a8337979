// What the Sync screen shows per source: last success, last error with its cause, cursor progress.
// The scheduler records each run's outcome in workspace_meta (one small JSON per source); runs made
// by the CLI leave entries only in sync_log, so the two are merged: the newer success and the newer
// error win (an error older than the last success is over).
import type { SyncFailureReason } from '../../../shared/ipc/sync-error-reasons'
import type { CursorView, SourceView, SyncErrorCause } from '../../../shared/ipc/types-sync'
import { getMeta, setMeta } from '../db/meta'
import type { Store } from '../db/open-database'
import type { SourceRecord } from '../sources/registry'
import { describeCaCertificates } from '../sources/trust'
import { secretOwner, storedSourceSecrets, type SecretStore } from '../secrets'
import { causeOf } from './causes'
import { refusedFailure, refusedNote, withRefused } from './refused'
import { parseReason } from './state'
import { SYNC_ENTITIES } from '../sources/types'
import type { StateMap } from '../../../shared/servicenow-state-map'
import type { PriorityMap } from '../../../shared/servicenow-priority-map'
import { RESUME_MARGIN_SECONDS } from '../../../shared/servicenow-margin'
import type { ItsmOptionalCollection } from '../../../shared/itsm-skip'

/**
 * A source as far as its runs are concerned: sync-log entries are kept by `kind:name`, so the
 * entries of a connection removed earlier under the same name are told apart by `createdAt`.
 */
type RunSource = Pick<SourceRecord, 'kind' | 'name'> & {
  createdAt?: number
  /** The connection's settings, when known: the collections it skips name the advice of a refusal. */
  config?: object
}

type RunRecord = {
  lastSuccessAt: number | null
  lastRows: number | null
  lastError: { at: number; cause: SyncErrorCause; message: string; reason?: SyncFailureReason | null } | null
}

const metaKey = (source: Pick<SourceRecord, 'kind' | 'name'>): string =>
  `sync_source:${source.kind}:${source.name}`

/** Records one run of a source (kept: the last success and the last error since it). */
export function recordSourceRun(
  store: Store,
  source: RunSource,
  outcome: {
    status: string
    rows: number
    error: string | null
    reason?: SyncFailureReason | null
    finishedAt: number
  },
): void {
  const before = ownRecord(store, source) ?? fromSyncLog(store, source)
  const next: RunRecord =
    outcome.status === 'ok'
      ? { lastSuccessAt: outcome.finishedAt, lastRows: outcome.rows, lastError: null }
      : {
          ...before,
          lastError: {
            at: outcome.finishedAt,
            cause: causeOf(outcome.status, outcome.error ?? '', outcome.reason),
            message: outcome.error ?? outcome.status,
            reason: outcome.reason ?? null,
          },
        }
  setMeta(store, metaKey(source), JSON.stringify(next))
}

/** Forgets a removed source's record. */
export function forgetSourceRuns(store: Store, source: Pick<SourceRecord, 'kind' | 'name'>): void {
  store.sqlite.prepare('DELETE FROM workspace_meta WHERE key = ?').run(metaKey(source))
}

/** The app's own record of a source's runs, or null (none, or damaged: the next run rebuilds it). */
function ownRecord(store: Store, source: Pick<SourceRecord, 'kind' | 'name'>): RunRecord | null {
  const text = getMeta(store, metaKey(source))
  if (!text) return null
  try {
    return JSON.parse(text) as RunRecord
  } catch {
    return null
  }
}

/** The app's record merged with the sync log, which also holds the CLI's runs. */
function readRecord(store: Store, source: RunSource): RunRecord {
  const log = fromSyncLog(store, source)
  const own = ownRecord(store, source)
  if (!own) return log
  const ownNewer = (own.lastSuccessAt ?? -Infinity) >= (log.lastSuccessAt ?? -Infinity)
  const lastSuccessAt = ownNewer ? own.lastSuccessAt : log.lastSuccessAt
  const errors = [own.lastError, log.lastError].filter(
    (e): e is NonNullable<RunRecord['lastError']> => e !== null && e.at > (lastSuccessAt ?? -Infinity),
  )
  return {
    lastSuccessAt,
    // Rows are known for the app's own runs only.
    lastRows: ownNewer ? own.lastRows : null,
    lastError: errors.reduce<RunRecord['lastError']>((a, e) => (a === null || e.at > a.at ? e : a), null),
  }
}

/**
 * The connections among `sources` whose latest run failed, offline included (an error newer than
 * their last success); a run the user cancelled is not a failure.
 */
export function failingSources(store: Store, sources: readonly RunSource[]): string[] {
  return sources
    .filter((s) => {
      const error = readRecord(store, s).lastError
      return error !== null && error.cause !== 'cancelled'
    })
    .map((s) => s.name)
}

/** An entity's place in a run: a run syncs its entities in this order, one log entry each. */
const ENTITY_PLACE: ReadonlyMap<string, number> = new Map(SYNC_ENTITIES.map((e, i) => [e, i]))
const placeOf = (entity: string): number => ENTITY_PLACE.get(entity) ?? -1

/**
 * When the source last synced whole: the end of its newest run whose entries all succeeded. The
 * log has one entry per entity and no run id; a run's entries follow each other in entity order,
 * so an entry ends its run when the source's next entry is not a later entity of the same run. An
 * entity that succeeded in a run that failed or was cancelled later (tenants before the SRs failed),
 * or that went on past a collection the account may not read (403), is no success of the source.
 * The log is read newest first and the scan stops at the newest whole run, so a source that has
 * failed for weeks still shows its last success.
 */
function lastWholeSuccess(store: Store, key: string, since: number): number | null {
  const entries = store.sqlite
    .prepare(
      `SELECT entity, status, finished_at AS at FROM sync_log
       WHERE source = ? AND started_at >= ? ORDER BY id DESC`,
    )
    .iterate(key, since) as IterableIterator<{ entity: string; status: string; at: number | null }>
  // The place of the entry logged right after the one looked at (null: it is the newest).
  let nextPlace: number | null = null
  // The run being read back (its last entry's end), and whether every entry of it so far succeeded.
  let run: { end: number | null; whole: boolean } | null = null
  for (const e of entries) {
    const place = placeOf(e.entity)
    if (nextPlace === null || nextPlace <= place) {
      // `e` ends an earlier run: the one read so far is complete.
      if (run?.whole) return run.end
      run = { end: e.at, whole: e.status === 'ok' }
    } else if (run && e.status !== 'ok') run.whole = false
    nextPlace = place
  }
  return run?.whole ? run.end : null
}

type LogRow = { entity: string; status: string; error: string | null; reason: string | null; at: number }

/** The entries of the newest finished run, newest first (`entries`: the source's, newest first). */
function newestRun(entries: readonly LogRow[]): LogRow[] {
  const run: LogRow[] = []
  let nextPlace: number | null = null
  for (const e of entries) {
    const place = placeOf(e.entity)
    if (nextPlace !== null && nextPlace <= place) break
    nextPlace = place
    run.push(e)
  }
  return run
}

/** A collection other than the SRs that the account may not read (403), skipped by its run. */
const wasRefused = (e: LogRow): boolean =>
  e.status !== 'ok' &&
  e.entity !== 'srs' &&
  causeOf(e.status, e.error ?? '', parseReason(e.reason)) === 'forbidden'

/**
 * The collections the newest finished run skipped because the account may not read them (403), in
 * the run's order, when it synced its SRs and nothing else failed; else none. `run`: newest first.
 */
function refusedInNewestRun(run: readonly LogRow[]): string[] {
  if (!run.some((e) => e.entity === 'srs' && e.status === 'ok')) return []
  return run.every((e) => e.status === 'ok' || wasRefused(e))
    ? run
        .filter(wasRefused)
        .map((e) => e.entity)
        .reverse()
    : []
}

/**
 * The collections the newest run skipped (403) before it failed or was cancelled on another, in the
 * run's order; none when it did not fail after skipping any. `run`: newest first.
 */
function refusedBeforeFailure(run: readonly LogRow[]): string[] {
  const [last, ...before] = run
  if (!last || last.status === 'ok' || wasRefused(last)) return []
  return before
    .filter(wasRefused)
    .map((e) => e.entity)
    .reverse()
}

/** The source's runs in the sync log, since it was added (older entries of its name were another's). */
function fromSyncLog(store: Store, source: RunSource): RunRecord {
  const key = `${source.kind}:${source.name}`
  const since = source.createdAt ?? Number.MIN_SAFE_INTEGER
  // Enough entries for the newest run (one per entity).
  const newest = store.sqlite
    .prepare(
      `SELECT entity, status, error, error_reason AS reason, finished_at AS at FROM sync_log
       WHERE source = ? AND status != 'running' AND started_at >= ? ORDER BY id DESC LIMIT ?`,
    )
    .all(key, since, SYNC_ENTITIES.length) as LogRow[]
  const [last] = newest
  const run = newestRun(newest)
  // A run that skipped collections refused to the account (403) and then ended well, or that failed
  // later on another: said as the engine said it (a CLI run leaves only its log entries).
  const refused = refusedInNewestRun(run)
  const skipped =
    last && refused.length > 0 ? refusedFailure(refused, source.kind, source.name, skipOf(source)) : null
  const before = refusedBeforeFailure(run)
  const reason = last ? withRefused(parseReason(last.reason), before) : null
  const message = last?.error && before.length > 0 ? `${last.error}; ${refusedNote(before)}` : last?.error
  return {
    lastSuccessAt: lastWholeSuccess(store, key, since),
    lastRows: null,
    lastError:
      last && skipped
        ? { at: last.at, cause: 'forbidden', ...skipped }
        : last && last.status !== 'ok'
          ? {
              at: last.at,
              cause: causeOf(last.status, last.error ?? '', reason),
              message: message ?? last.status,
              reason,
            }
          : null,
  }
}

/** The collections a connection is set not to read, when its settings are known. */
function skipOf(source: RunSource): readonly string[] {
  const skip = (source.config as { skip?: unknown } | undefined)?.skip
  return Array.isArray(skip) ? skip.map(String) : []
}

function cursors(store: Store, key: string): CursorView[] {
  const rows = store.sqlite
    .prepare(
      'SELECT entity, cursor, updated_at AS updatedAt FROM sync_state WHERE source = ? ORDER BY entity',
    )
    .all(key) as { entity: string; cursor: string; updatedAt: number }[]
  return rows.map((r) => ({ entity: r.entity, updatedAt: r.updatedAt, position: cursorPosition(r.cursor) }))
}

const SERVICENOW_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/** The instant a cursor stands at, when the connector's cursor says so (both connectors keep one). */
function cursorPosition(cursor: string): string | null {
  try {
    const value = JSON.parse(cursor) as Record<string, unknown>
    // An ITSM REST cursor past a row stamped in the future holds where the next run resumes: the data
    // is complete up to there (null: from the start), not up to the future row.
    if ('hold' in value) {
      const hold = value['hold'] as { updated_after?: unknown } | null
      return typeof hold?.updated_after === 'string' ? hold.updated_after : null
    }
    for (const key of ['updated_after', 'updatedOn']) {
      const v = value[key]
      // ServiceNow keeps sys_updated_on as it sends it, 'YYYY-MM-DD HH:mm:ss' in UTC: said with
      // its zone, or a window would read it as its own local time (9 hours off in Seoul).
      if (typeof v === 'string') return SERVICENOW_TIME.test(v) ? `${v.replace(' ', 'T')}Z` : v
    }
  } catch {
    // Opaque cursors have no position to show.
  }
  return null
}

/** The view of one source for the renderer: config without secrets, run record, cursors. */
export async function sourceView(
  store: Store,
  secrets: SecretStore | undefined,
  record: SourceRecord,
): Promise<SourceView> {
  const stored = await storedSourceSecrets(secrets, secretOwner(store, record))
  const config = record.config as {
    url: string
    table?: string
    user?: string
    tokenEnv?: string
    passwordEnv?: string
    ca?: string
    proxy?: string
    proxyUser?: string
    proxyPasswordEnv?: string
    stateMap?: StateMap
    priorityMap?: PriorityMap
    resumeMarginSeconds?: number
    skip?: ItsmOptionalCollection[]
  }
  const needs = record.kind === 'servicenow' && config.user ? 'password' : 'token'
  const env = needs === 'password' ? config.passwordEnv : config.tokenEnv
  const run = readRecord(store, record)
  const secret = stored[needs] !== 'missing' ? stored[needs] : env ? 'env' : 'missing'
  const proxySecret = config.proxyUser
    ? stored.proxyPassword !== 'missing'
      ? stored.proxyPassword
      : config.proxyPasswordEnv
        ? 'env'
        : 'missing'
    : null
  return {
    name: record.name,
    kind: record.kind,
    url: config.url,
    table: record.kind === 'servicenow' ? (config.table ?? 'incident') : null,
    stateMap: record.kind === 'servicenow' && config.stateMap ? { ...config.stateMap } : null,
    priorityMap: record.kind === 'servicenow' && config.priorityMap ? { ...config.priorityMap } : null,
    resumeMarginSeconds:
      record.kind === 'servicenow' ? (config.resumeMarginSeconds ?? RESUME_MARGIN_SECONDS.default) : null,
    skip: record.kind === 'itsm' ? [...(config.skip ?? [])] : null,
    user: config.user ?? null,
    secret,
    secretEnv: env ?? null,
    secretDamagedFile: secret === 'unreadable' || proxySecret === 'unreadable' ? stored.damagedFile : null,
    createdAt: record.createdAt,
    lastSuccessAt: run.lastSuccessAt,
    // A record written before reasons were kept has none.
    lastError: run.lastError && { ...run.lastError, reason: run.lastError.reason ?? null },
    lastRows: run.lastRows,
    cursors: cursors(store, `${record.kind}:${record.name}`),
    caCertificates: config.ca ? describeCaCertificates(config.ca) : [],
    proxy: config.proxy ?? null,
    proxyUser: config.proxyUser ?? null,
    proxySecret,
  }
}
